package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/ingest}: uploads go through the same validate → redact → store path. */
class IngestUploadTest {
  @TempDir static Path data;
  static TestServer server;
  static final AuthorisationMatrixTest.Planted CASE = AuthorisationMatrixTest.CASES.getFirst();

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start(data.resolve("data"), List.of(), TestServer.loopback());
    for (String role : List.of("ingester", "supervisor")) {
      server.addUser(role, List.of(role), Map.of());
    }
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  private static TestServer.Answer upload(String user, String type, String body)
      throws IOException {
    return server.send(
        HttpRequest.newBuilder(server.uri("/api/ingest"))
            .header("Authorization", TestServer.basic(user, TestServer.PASSWORD))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  @Test
  void anUploadIsRedactedStoredAndReportedLineByLine() throws IOException {
    String body =
        CASE.line().replace("CASE-1", "CASE-90")
            + "\n{\"id\": \"CASE-91\"}\n"
            + CASE.line().replace("CASE-1", "CASE-92")
            + "\n";
    TestServer.Answer answer = upload("ingester", "application/x-ndjson", body);
    assertThat(answer.status()).isEqualTo(200);
    List<String> lines = answer.text().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode rejection = TestServer.JSON.readTree(lines.get(0));
    assertThat(rejection.get("line").intValue()).isEqualTo(2);
    assertThat(rejection.get("status").textValue()).isEqualTo("rejected");
    assertThat(rejection.get("reason").textValue()).contains("created");
    JsonNode summary = TestServer.JSON.readTree(lines.get(1));
    assertThat(summary.get("accepted").intValue()).isEqualTo(2);
    assertThat(summary.get("rejected").intValue()).isEqualTo(1);

    String supervisor = TestServer.basic("supervisor", TestServer.PASSWORD);
    TestServer.Answer stored = server.get("/api/cases/CASE-92", supervisor);
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.text()).contains(CASE.descriptionWord()).doesNotContain(CASE.email());
    assertThat(server.get("/api/cases/CASE-91", supervisor).status()).isEqualTo(404);
  }

  @Test
  void aCustomerWhoseIdIsPersonalDataStillSeesTheirOwnCases() throws IOException {
    String id = "jane.doe@example.org";
    String line = CASE.line().replace("CASE-1", "CASE-70").replace("\"cust-1\"", "\"" + id + "\"");
    assertThat(upload("ingester", "application/x-ndjson", line + "\n").status()).isEqualTo(200);
    server.addUser("jane", List.of("customer"), Map.of("customer", List.of(id)));
    // The store holds the id as a keyed token; the rule compares the principal's id in that form.
    TestServer.Answer own =
        server.post(
            "/api/search", TestServer.basic("jane", TestServer.PASSWORD), Map.of("query", ""));
    assertThat(own.json().get("total").longValue()).isEqualTo(1);
    assertThat(own.text()).contains("CASE-70").doesNotContain(id);
  }

  @Test
  void uploadsNeedTheIngestPermissionAndJsonLines() throws IOException {
    assertThat(upload("supervisor", "application/x-ndjson", CASE.line()).status()).isEqualTo(403);
    assertThat(upload("ingester", "application/json", CASE.line()).status()).isEqualTo(415);
  }
}
