package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint that returns case data records who saw which cases, durably, before it answers:
 * the endpoints are enumerated from the API description, so a new data endpoint without an audit
 * check here fails this test. Refused credentials, denials and administrative changes are recorded
 * too, and when the log cannot record, nothing is answered.
 */
class AuditedRequestsTest {
  @TempDir static Path data;
  static TestServer server;
  static String supervisor;

  static final String EMAIL = "jane.doe@example.com";

  static String line(String id, String team) {
    return "{\"id\":\""
        + id
        + "\",\"created\":\"2019-12-05T10:15:00Z\",\"status\":\"open\",\"product\":\"mail\","
        + "\"channel\":\"email\",\"language\":\"en\",\"region\":\"EMEA\",\"team\":\""
        + team
        + "\",\"customer\":{\"id\":\"cust-"
        + id
        + "\",\"name\":\"Jane Doe\",\"email\":\""
        + EMAIL
        + "\"},\"subject\":\"Mailbox quota question\",\"description\":\"The quota report fails"
        + " for "
        + EMAIL
        + ".\"}";
  }

  /** Endpoints that return no case data; every other documented endpoint must be checked here. */
  static final Set<String> NO_CASE_DATA =
      Set.of(
          "GET /api/health",
          "GET /api/openapi.json",
          "POST /api/login",
          "POST /api/logout",
          "GET /api/whoami",
          "POST /api/me/password",
          "POST /api/ingest",
          "GET /api/admin/users",
          "POST /api/admin/users",
          "DELETE /api/admin/users/{name}",
          "GET /api/admin/keys",
          "POST /api/admin/keys",
          "DELETE /api/admin/keys/{id}",
          "GET /api/admin/roles",
          "GET /api/admin/locks",
          "DELETE /api/admin/locks");

  /** Endpoints that read the audit log itself (checked below, each recorded as audit.read). */
  static final Set<String> AUDIT_LOG_READS =
      Set.of(
          "GET /api/audit/events",
          "GET /api/audit/incident",
          "GET /api/audit/checkpoint",
          "GET /api/audit/proof");

  @BeforeAll
  static void start() throws IOException {
    server =
        TestServer.start(
            data,
            List.of(line("CASE-1", "tier1-emea"), line("CASE-2", "tier1-emea")),
            TestServer.loopback());
    server.addUser(
        "sue", List.of("supervisor", "privacy-officer"), Map.of("region", List.of("EMEA")));
    supervisor = server.login("sue", TestServer.PASSWORD);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  /** Calls one data endpoint and returns the answer, for the enumeration below. */
  interface Call {
    TestServer.Answer call() throws IOException;
  }

  @Test
  void everyEndpointThatReturnsCaseDataRecordsWhoSawWhichCasesBeforeAnswering() throws Exception {
    Map<String, Call> dataEndpoints =
        Map.of(
            "POST /api/search",
            () -> server.post("/api/search", supervisor, Map.of("query", "quota")),
            "GET /api/suggest",
            () -> server.get("/api/suggest?prefix=quo", supervisor),
            "GET /api/cases/{id}",
            () -> server.get("/api/cases/CASE-1", supervisor),
            "POST /api/cases/{id}/reveal",
            () ->
                server.post(
                    "/api/cases/CASE-1/reveal",
                    supervisor,
                    Map.of("ref", 0, "justification", "customer " + EMAIL + " asked, ticket 42")),
            "POST /api/export",
            () -> server.post("/api/export", supervisor, Map.of("query", "quota")));
    Set<String> documented = new TreeSet<>();
    JsonNode paths = server.get("/api/openapi.json", null).json().get("paths");
    paths
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            documented.add(
                                method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
    Set<String> expected = new TreeSet<>(NO_CASE_DATA);
    expected.addAll(AUDIT_LOG_READS);
    expected.addAll(dataEndpoints.keySet());
    assertThat(documented).as("documented endpoints").isEqualTo(expected);

    Map<String, AuditAction> actions =
        Map.of(
            "POST /api/search", AuditAction.SEARCH,
            "GET /api/suggest", AuditAction.SUGGEST,
            "GET /api/cases/{id}", AuditAction.READ,
            "POST /api/cases/{id}/reveal", AuditAction.REVEAL,
            "POST /api/export", AuditAction.EXPORT);
    for (Map.Entry<String, Call> endpoint : dataEndpoints.entrySet()) {
      TestServer.Answer answer = endpoint.getValue().call();
      assertThat(answer.status()).as(endpoint.getKey() + " " + answer.text()).isEqualTo(200);
      long index = receiptIndex(answer, endpoint.getKey());
      AuditEvent event = events().get((int) index);
      assertThat(event.action()).as(endpoint.getKey()).isEqualTo(actions.get(endpoint.getKey()));
      assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
      assertThat(event.actor().id()).isEqualTo("user:sue");
      assertThat(event.actor().roles()).containsExactly("privacy-officer", "supervisor");
      assertThat(event.actor().sourceIp()).isEqualTo("127.0.0.1");
      assertThat(event.policyVersion()).isNotNull();
      switch (event.action()) {
        case SEARCH, EXPORT -> {
          assertThat(event.target().cases()).containsExactlyInAnyOrder("CASE-1", "CASE-2");
          assertThat(event.target().customers()).hasSize(2);
          assertThat(event.target().queryHash()).isNotBlank().doesNotContain("quota");
        }
        case READ, REVEAL -> {
          assertThat(event.target().cases()).containsExactly("CASE-1");
          assertThat(event.target().customers()).containsExactly("cust-CASE-1");
        }
        case SUGGEST -> {
          assertThat(event.target().queryHash()).isNotBlank();
          assertThat(event.target().cases())
              .as("the cases whose subjects gave the words")
              .containsExactlyInAnyOrder("CASE-1", "CASE-2");
        }
        default -> throw new AssertionError(event.action());
      }
      if (event.action() == AuditAction.REVEAL) {
        assertThat(event.purpose()).contains("ticket 42").doesNotContain(EMAIL);
        assertThat(event.target().fields()).hasSize(1);
      }
    }
    String log =
        new String(Files.readAllBytes(data.resolve("audit/entries")), StandardCharsets.UTF_8);
    assertThat(log).doesNotContain(EMAIL).doesNotContain("Jane").doesNotContain("quota");
  }

  @Test
  void theAccessPolicyInForceIsRecordedAtStart() throws IOException {
    AuditEvent loaded =
        events().stream()
            .filter(e -> e.action() == AuditAction.POLICY_LOADED)
            .findFirst()
            .orElseThrow();
    assertThat(loaded.target().details()).containsEntry("source", "built-in");
    assertThat(loaded.policyVersion()).isNotBlank();
  }

  @Test
  void refusedCredentialsDenialsAndAdministrativeChangesAreRecorded() throws IOException {
    int before = events().size();
    assertThat(
            server
                .post("/api/login", null, Map.of("user", "sue", "password", "Tr0ub4dor&3-guess"))
                .status())
        .isEqualTo(401);
    assertThat(
            server
                .post("/api/login", null, Map.of("user", "hunter2-typed-here", "password", "x"))
                .status())
        .isEqualTo(401);
    assertThat(server.get("/api/whoami", "Bearer cvs_forged").status()).isEqualTo(401);
    assertThat(server.get("/api/admin/users", supervisor).status()).isEqualTo(403);
    server.addUser("tom", List.of("agent"), Map.of("team", List.of("tier1-emea")));
    List<AuditEvent> recorded = events().subList(before, events().size());
    assertThat(recorded)
        .extracting(e -> e.action() + " " + e.outcome() + " " + e.actor().id())
        .containsExactly(
            "AUTHENTICATION_FAILED DENIED user:sue",
            "AUTHENTICATION_FAILED DENIED unknown-user",
            "AUTHENTICATION_FAILED DENIED anonymous",
            "ACCESS_DENIED DENIED user:sue",
            "USER_ADDED SUCCESS user:admin");
    assertThat(recorded.get(4).target().details()).containsEntry("user", "tom");
    String log =
        new String(Files.readAllBytes(data.resolve("audit/entries")), StandardCharsets.UTF_8);
    assertThat(log)
        .doesNotContain("hunter2")
        .doesNotContain("cvs_forged")
        .doesNotContain("Tr0ub4dor");
  }

  @Test
  void auditorsReadTheLogThroughTheApiAndThoseReadsAreRecordedToo() throws Exception {
    server.addUser("ada", List.of("auditor"), Map.of());
    String auditor = server.login("ada", TestServer.PASSWORD);
    TestServer.Answer read = server.get("/api/cases/CASE-2", supervisor);
    long index = receiptIndex(read, "GET /api/cases/{id}");

    TestServer.Answer found =
        server.get("/api/audit/events?case=CASE-2&action=case.read&principal=user:sue", auditor);
    assertThat(found.status()).as(found.text()).isEqualTo(200);
    JsonNode events = found.json().get("events");
    assertThat(events).isNotEmpty();
    assertThat(events.get(events.size() - 1).get("index").asLong()).isEqualTo(index);
    assertThat(events.get(0).get("event").get("target").get("cases").get(0).textValue())
        .isEqualTo("CASE-2");
    AuditEvent recorded = events().getLast();
    assertThat(recorded.action()).isEqualTo(AuditAction.AUDIT_READ);
    assertThat(recorded.actor().id()).isEqualTo("user:ada");
    assertThat(recorded.target().details()).containsEntry("case", "CASE-2");

    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
    TestServer.Answer report =
        server.get("/api/audit/incident?since=" + today + "&until=" + tomorrow, auditor);
    assertThat(report.status()).as(report.text()).isEqualTo(200);
    assertThat(report.text()).contains("CASE-2").contains("cust-CASE-2").contains("user:sue");
    assertThat(report.text()).doesNotContain(EMAIL);

    Thread.sleep(1_500); // a checkpoint covers the read within a second
    TestServer.Answer proof = server.get("/api/audit/proof?index=" + index, auditor);
    assertThat(proof.status()).as(proof.text()).isEqualTo(200);
    assertThat(proof.json().get("index").asLong()).isEqualTo(index);
    assertThat(proof.json().get("entry").textValue()).contains("CASE-2");
    assertThat(server.get("/api/audit/checkpoint", auditor).json().get("checkpoint").textValue())
        .startsWith("casevault/");

    assertThat(server.get("/api/audit/events", supervisor).status()).isEqualTo(403);
    assertThat(server.get("/api/audit/incident?since=x", auditor).status()).isEqualTo(400);
    assertThat(server.get("/api/audit/events?action=case.eat", auditor).status()).isEqualTo(400);
  }

  @Test
  void whenTheLogCannotRecordNothingIsAnswered(@TempDir Path other) throws IOException {
    try (TestServer failing =
        TestServer.start(other, List.of(line("CASE-9", "tier1-emea")), TestServer.loopback())) {
      String admin = failing.admin();
      assertThat(failing.post("/api/search", admin, Map.of("query", "quota")).status())
          .isEqualTo(200);
      failing.audit.close();
      for (TestServer.Answer answer :
          List.of(
              failing.post("/api/search", admin, Map.of("query", "quota")),
              failing.get("/api/cases/CASE-9", admin),
              failing.get("/api/suggest?prefix=quo", admin))) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(503);
        assertThat(answer.json().get("error").get("code").textValue())
            .isEqualTo("audit_unavailable");
        assertThat(answer.text()).doesNotContain("CASE-9").doesNotContain("Mailbox");
        assertThat(answer.headers()).doesNotContainKey(Api.RECEIPT_HEADER.toLowerCase());
      }
      assertThat(
              failing
                  .post(
                      "/api/admin/users",
                      admin,
                      Map.of("name", "ghost", "password", TestServer.PASSWORD, "roles", List.of()))
                  .status())
          .isEqualTo(503);
      assertThat(failing.get("/api/admin/users", admin).text())
          .as("a change the log cannot hold is not made")
          .doesNotContain("ghost");
      TestServer.Answer export = failing.post("/api/export", admin, Map.of("query", "quota"));
      assertThat(export.text()).doesNotContain("CASE-9").doesNotContain("\"done\"");
    }
  }

  private static long receiptIndex(TestServer.Answer answer, String endpoint) {
    String receipt;
    if (endpoint.equals("POST /api/export")) {
      String[] lines = answer.text().split("\n");
      JsonNode last;
      try {
        last = TestServer.JSON.readTree(lines[lines.length - 1]);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      assertThat(last.get("status").textValue()).isEqualTo("done");
      assertThat(last.get("exported").asInt()).isEqualTo(2);
      receipt = last.get("receipt").textValue();
    } else {
      List<String> header =
          answer.headers().getOrDefault(Api.RECEIPT_HEADER.toLowerCase(), List.of());
      assertThat(header).as(endpoint + " receipt header").hasSize(1);
      receipt = header.getFirst();
    }
    Matcher m =
        Pattern.compile("^index=(\\d+); origin=casevault/[0-9a-f]{16}; checkpoint-by=\\S+$")
            .matcher(receipt);
    assertThat(m.matches()).as(receipt).isTrue();
    return Long.parseLong(m.group(1));
  }

  /** The events of the server's log. */
  static List<AuditEvent> events() throws IOException {
    return events(data);
  }

  static List<AuditEvent> events(Path dataDir) throws IOException {
    return AuditEvents.readAll(dataDir.resolve("audit"));
  }
}
