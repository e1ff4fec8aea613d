package dev.casevault.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.casevault.redaction.PiiType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kibana, Solr and CouchDB answers in the shapes those services give (from their documented APIs),
 * served by a small HTTP server on 127.0.0.1, open and closed.
 */
class HttpShapesScanTest {
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer json(String body) {
      return new Answer(200, Map.of("Content-Type", "application/json"), body);
    }
  }

  final List<HttpServer> servers = new ArrayList<>();

  private Endpoint serve(Map<String, Answer> routes) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Answer answer = routes.get(exchange.getRequestURI().toString());
          if (answer == null) {
            answer = new Answer(404, Map.of(), "{\"error\":\"not_found\"}");
          }
          answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
          byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(answer.status(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    servers.add(server);
    return new Endpoint("127.0.0.1", server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    servers.forEach(server -> server.stop(0));
  }

  private static ScanResult scan(Endpoint endpoint) throws InterruptedException {
    try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
      return scanner.scan(endpoint);
    }
  }

  @Test
  void anOpenKibanaListsItsIndexPatternsAndASecuredOneIsClosed() throws Exception {
    Endpoint open =
        serve(
            Map.of(
                "/api/status",
                new Answer(
                    200,
                    Map.of("kbn-name", "kibana", "Content-Type", "application/json"),
                    "{\"name\":\"kibana\",\"uuid\":\"5b2de169\",\"version\":{\"number\":\"7.17.9\"},"
                        + "\"status\":{\"overall\":{\"state\":\"green\"}}}"),
                "/api/saved_objects/_find?type=index-pattern&per_page=100",
                Answer.json(
                    "{\"page\":1,\"per_page\":100,\"total\":2,\"saved_objects\":["
                        + "{\"type\":\"index-pattern\",\"id\":\"1\",\"attributes\":{\"title\":\"customers-*\"}},"
                        + "{\"type\":\"index-pattern\",\"id\":\"2\",\"attributes\":{\"title\":\"tickets\"}}]}")));
    ScanResult result = scan(open);
    assertThat(result.service()).isEqualTo("kibana");
    assertThat(result.verdict()).isEqualTo(Verdict.OPEN_DATA);
    assertThat(result.info().version()).isEqualTo("7.17.9");
    assertThat(result.stores())
        .extracting(StoreReport::name)
        .containsExactly("customers-*", "tickets");

    Endpoint closed =
        serve(
            Map.of(
                "/api/status",
                new Answer(
                    401,
                    Map.of(
                        "osd-name",
                        "dashboards",
                        "WWW-Authenticate",
                        "Basic realm=\"OpenSearch Security\""),
                    "Unauthorized")));
    ScanResult refused = scan(closed);
    assertThat(refused.service()).isEqualTo("opensearch-dashboards");
    assertThat(refused.verdict()).isEqualTo(Verdict.AUTH_REQUIRED);
  }

  @Test
  void anOpenSolrIsSampledPerCoreAndASecuredOneIsClosed() throws Exception {
    Endpoint open =
        serve(
            Map.of(
                "/solr/admin/info/system?wt=json",
                Answer.json("{\"mode\":\"std\",\"lucene\":{\"solr-spec-version\":\"9.4.1\"}}"),
                "/solr/admin/cores?action=STATUS&wt=json",
                Answer.json(
                    "{\"status\":{\"crm\":{\"name\":\"crm\",\"index\":{\"numDocs\":1500,"
                        + "\"sizeInBytes\":204800}}}}"),
                "/solr/crm/select?q=*%3A*&rows=3&wt=json",
                Answer.json(
                    "{\"response\":{\"numFound\":1500,\"docs\":[{\"id\":\"c1\",\"contact\":"
                        + "\"reach me at anna.schmidt@example.de\"},{\"id\":\"c2\",\"note\":\"ok\"}]}}")));
    ScanResult result = scan(open);
    assertThat(result.service()).isEqualTo("solr");
    assertThat(result.verdict()).isEqualTo(Verdict.OPEN_DATA);
    assertThat(result.stores().getFirst().documents()).isEqualTo(1500);
    assertThat(result.stores().getFirst().bytes()).isEqualTo(204800);
    assertThat(result.stores().getFirst().sampled()).isEqualTo(2);
    assertThat(result.personalData()).extracting(PersonalDataFound::type).contains(PiiType.EMAIL);
    assertThat(result.severity()).isEqualTo(Severity.CRITICAL); // personal data × 1,500 records

    Endpoint closed =
        serve(
            Map.of(
                "/solr/admin/info/system?wt=json",
                new Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"solr\""), "")));
    assertThat(scan(closed).verdict()).isEqualTo(Verdict.AUTH_REQUIRED);
  }

  @Test
  void anAdminPartyCouchDbIsOpenDataAndOneWithAnAdminIsClosed() throws Exception {
    String welcome =
        "{\"couchdb\":\"Welcome\",\"version\":\"3.3.3\",\"uuid\":\"a1b2\",\"vendor\":{\"name\":\"The"
            + " Apache Software Foundation\"}}";
    Endpoint open =
        serve(
            Map.of(
                "/",
                Answer.json(welcome),
                "/_all_dbs",
                Answer.json("[\"_replicator\",\"_users\",\"patients\"]"),
                "/_users/_all_docs?limit=0",
                Answer.json("{\"total_rows\":1,\"offset\":0,\"rows\":[]}"),
                "/patients",
                Answer.json("{\"db_name\":\"patients\",\"doc_count\":2,\"sizes\":{\"file\":8192}}"),
                "/patients/_all_docs?limit=3&include_docs=true",
                Answer.json(
                    "{\"total_rows\":2,\"rows\":[{\"id\":\"p1\",\"doc\":{\"_id\":\"p1\",\"phone\":"
                        + "\"+44 20 7946 0958\"}},{\"id\":\"p2\",\"doc\":{\"_id\":\"p2\"}}]}")));
    ScanResult result = scan(open);
    assertThat(result.service()).isEqualTo("couchdb");
    assertThat(result.verdict()).isEqualTo(Verdict.OPEN_DATA);
    assertThat(result.stores()).extracting(StoreReport::name).containsExactly("patients");
    assertThat(result.notes()).anyMatch(note -> note.startsWith("admin party"));
    assertThat(result.personalData()).extracting(PersonalDataFound::type).contains(PiiType.PHONE);

    Endpoint closed =
        serve(
            Map.of(
                "/",
                Answer.json(welcome),
                "/_all_dbs",
                new Answer(
                    401,
                    Map.of("Content-Type", "application/json"),
                    "{\"error\":\"unauthorized\"}")));
    ScanResult refused = scan(closed);
    assertThat(refused.service()).isEqualTo("couchdb");
    assertThat(refused.verdict()).isEqualTo(Verdict.AUTH_REQUIRED);
    assertThat(refused.info().version()).isEqualTo("3.3.3");
  }
}
