package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;

  @Test
  void aDryRunListsTheEndpointsAndSendsNothing() throws IOException {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  while (true) {
                    listener.accept().close();
                    connections.incrementAndGet();
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      CommandLineTest.Result result =
          CommandLineTest.run(
              "scan",
              "--dry-run",
              "127.0.0.0/30",
              "127.0.0.1:" + listener.getLocalPort(),
              "--ports",
              "6379,11211");
      assertThat(result.exitCode()).isZero();
      assertThat(result.out().lines())
          .contains(
              "127.0.0.0:6379",
              "127.0.0.3:11211",
              "127.0.0.1:" + listener.getLocalPort(),
              "dry run: 9 endpoints would be probed (probes: elasticsearch, kibana, solr, couchdb, s3, redis,"
                  + " memcached, mongodb, cassandra);"
                  + " nothing was sent");
      assertThat(connections.get()).isZero();
    }
  }

  @Test
  void aRangeLargerThanASlash16IsRefusedAndSaysSo() {
    CommandLineTest.Result result = CommandLineTest.run("scan", "--dry-run", "10.0.0.0/15");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("range 10.0.0.0/15 has 2^17 addresses")
        .contains("at most 65536 per range");
  }

  @Test
  void aUrlWithCredentialsIsRefused() {
    CommandLineTest.Result result =
        CommandLineTest.run("scan", "--dry-run", "http://user:secret@127.0.0.1:9200/");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("must not carry a user or password").doesNotContain("secret");
  }

  @Test
  void anOpenBucketIsReportedAsJsonInAnOwnerOnlyFileAndTheExitStatusSaysExposed()
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/bucket",
        exchange -> {
          byte[] body =
              ("<ListBucketResult><Name>bucket</Name><IsTruncated>false</IsTruncated>"
                      + "<Contents><Key>a.txt</Key><Size>20</Size></Contents></ListBucketResult>")
                  .getBytes(StandardCharsets.UTF_8);
          if (exchange.getRequestURI().getPath().equals("/bucket/a.txt")) {
            body = "mail bob@example.com".getBytes(StandardCharsets.UTF_8);
          }
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      Path report = folder.resolve("report.jsonl");
      int port = server.getAddress().getPort();
      CommandLineTest.Result result =
          CommandLineTest.run(
              "scan",
              "http://127.0.0.1:" + port + "/bucket",
              "--format",
              "json",
              "--out",
              report.toString());
      assertThat(result.exitCode()).isEqualTo(ScanCommand.EXPOSED);
      assertThat(Files.getPosixFilePermissions(report))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      JsonNode line = JSON.readTree(Files.readAllLines(report).getFirst());
      assertThat(line.get("service").asText()).isEqualTo("s3");
      assertThat(line.get("verdict").asText()).isEqualTo("OPEN_DATA");
      assertThat(line.get("port").asInt()).isEqualTo(port);
      assertThat(line.at("/personalData/0/type").asText()).isEqualTo("EMAIL");
      assertThat(Files.readString(report)).doesNotContain("bob@example.com");
      assertThat(result.err()).contains("scanned 1 endpoint").contains("1 open with data");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aPortWithNothingListeningIsNotExposed() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    CommandLineTest.Result result = CommandLineTest.run("scan", "127.0.0.1:" + port);
    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("nothing listening (connection refused)")
        .contains("scanned 1 endpoint");
  }
}
