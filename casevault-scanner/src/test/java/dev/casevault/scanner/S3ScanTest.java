package dev.casevault.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.casevault.redaction.PiiType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A small HTTP server on 127.0.0.1 answering as an S3-style object store: a bucket anyone can list,
 * a bucket that refuses, a redirect to another host; a second server on 127.0.0.2 stands for that
 * other host and must never be asked anything.
 */
class S3ScanTest {
  static final String EMAIL = "paul.durand@example.net";
  static final String IBAN = "FR76 3000 6000 0112 3456 7890 189";

  static final String LISTING =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
        <Name>open-bucket</Name><Prefix></Prefix><KeyCount>4</KeyCount><MaxKeys>1000</MaxKeys>
        <IsTruncated>false</IsTruncated>
        <Contents><Key>exports/customers.json</Key><Size>120</Size></Contents>
        <Contents><Key>big.bin</Key><Size>5000000</Size></Contents>
        <Contents><Key>notes.txt</Key><Size>40</Size></Contents>
        <Contents><Key>a b/c.csv</Key><Size>10</Size></Contents>
      </ListBucketResult>
      """;

  HttpServer store;
  HttpServer elsewhere;
  final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<String> elsewhereRequests = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void start() throws IOException {
    elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
    elsewhere.createContext(
        "/",
        exchange -> {
          elsewhereRequests.add(exchange.getRequestURI().toString());
          answer(exchange, 200, "application/xml", LISTING);
        });
    elsewhere.start();
    Map<String, String> objects =
        Map.of(
            "/open-bucket/exports/customers.json",
            "{\"customers\":[{\"email\":\"" + EMAIL + "\",\"iban\":\"" + IBAN + "\"}]}",
            "/open-bucket/notes.txt",
            "write to " + EMAIL,
            "/open-bucket/a%20b/c.csv",
            "id,total\n1,20\n");
    store = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    store.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getRawPath();
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + path
                  + " ua="
                  + exchange.getRequestHeaders().getFirst("User-Agent")
                  + " auth="
                  + exchange.getRequestHeaders().getFirst("Authorization"));
          if (path.equals("/open-bucket") || path.equals("/open-bucket/")) {
            answer(exchange, 200, "application/xml", LISTING);
          } else if (objects.containsKey(path)) {
            answer(exchange, 200, "application/octet-stream", objects.get(path));
          } else if (path.equals("/closed-bucket")) {
            answer(
                exchange,
                403,
                "application/xml",
                "<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code>"
                    + "<Message>Access Denied</Message></Error>");
          } else if (path.equals("/moved")) {
            exchange
                .getResponseHeaders()
                .add("Location", "http://127.0.0.2:" + elsewhere.getAddress().getPort() + "/");
            answer(exchange, 302, "text/plain", "");
          } else if (path.equals("/renamed-bucket")) {
            exchange.getResponseHeaders().add("Location", "/open-bucket");
            answer(exchange, 301, "text/plain", "");
          } else {
            answer(exchange, 404, "text/plain", "no such thing");
          }
        });
    store.start();
  }

  @AfterEach
  void stop() {
    store.stop(0);
    elsewhere.stop(0);
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private ScanResult scan(String path) throws InterruptedException {
    String url = "http://127.0.0.1:" + store.getAddress().getPort() + path;
    List<Endpoint> endpoints = Targets.parse(List.of(url), List.of(9200));
    assertThat(endpoints).hasSize(1);
    try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
      return scanner.scan(endpoints.getFirst());
    }
  }

  @Test
  void aListableBucketIsOpenDataAndItsSmallObjectsAreSampled() throws Exception {
    ScanResult result = scan("/open-bucket");
    assertThat(result.url())
        .isEqualTo("http://127.0.0.1:" + store.getAddress().getPort() + "/open-bucket");
    assertThat(SarifReport.uri(result)).isEqualTo(result.url());
    assertThat(result.service()).isEqualTo("s3");
    assertThat(result.verdict()).isEqualTo(Verdict.OPEN_DATA);
    StoreReport bucket = result.stores().getFirst();
    assertThat(bucket.name()).isEqualTo("open-bucket");
    assertThat(bucket.documents()).isEqualTo(4);
    assertThat(bucket.bytes()).isEqualTo(5_000_170);
    assertThat(bucket.sampled()).isEqualTo(3);
    assertThat(result.personalData())
        .extracting(PersonalDataFound::type)
        .containsExactlyInAnyOrder(PiiType.EMAIL, PiiType.IBAN);
    assertThat(result.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(result.severityReason()).contains("high-risk personal data");
    String rendered =
        OpenSearchScanTest.render(
            new ScanReport(java.time.Instant.now(), java.time.Duration.ZERO, List.of(result)));
    assertThat(rendered).doesNotContain(EMAIL).doesNotContain(IBAN).doesNotContain("3456");
    // The big object is listed but never fetched; every request was an anonymous GET that
    // said who sent it.
    assertThat(requests).noneMatch(request -> request.contains("big.bin"));
    assertThat(requests)
        .allMatch(request -> request.startsWith("GET "))
        .allMatch(request -> request.contains("ua=" + ScanSettings.DEFAULT_USER_AGENT))
        .allMatch(request -> request.endsWith("auth=null"));
  }

  @Test
  void aBucketThatRefusesIsAuthRequired() throws Exception {
    ScanResult result = scan("/closed-bucket");
    assertThat(result.service()).isEqualTo("s3");
    assertThat(result.verdict()).isEqualTo(Verdict.AUTH_REQUIRED);
    assertThat(result.severity()).isEqualTo(Severity.NONE);
  }

  @Test
  void aRedirectToAnotherHostIsNotFollowedButOneOnTheSameHostIs() throws Exception {
    ScanResult moved = scan("/moved");
    assertThat(moved.verdict()).isEqualTo(Verdict.NOT_THIS_SERVICE);
    assertThat(elsewhereRequests).isEmpty();

    ScanResult renamed = scan("/renamed-bucket");
    assertThat(renamed.verdict()).isEqualTo(Verdict.OPEN_DATA);
    assertThat(renamed.stores().getFirst().name()).isEqualTo("open-bucket");
  }
}
