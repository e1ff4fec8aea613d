package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.GuardRules;
import dev.casevault.service.Requester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk-read guard through the API: an agent whose password a script holds pages through every
 * case it may see, logging in again whenever told to; it is stopped within seconds and before it
 * has read twice its cap. Canary cases raise an alert when read.
 */
class BulkReadGuardServerTest {
  @TempDir static Path data;
  static TestServer server;

  static final int TEAM_CASES = 1_500;
  static final int AGENT_CAP = GuardRules.defaults().capsFor(List.of("agent")).cases();

  @BeforeAll
  static void start() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < TEAM_CASES; i++) {
      lines.add(
          "{\"id\":\"CASE-2019-"
              + String.format("%07d", i)
              + "\",\"created\":\"2019-"
              + String.format("%02d", 1 + i % 12)
              + "-05T10:15:00Z\",\"status\":\"open\",\"product\":\"mail\",\"channel\":\"email\","
              + "\"language\":\"en\",\"region\":\"EMEA\",\"team\":\"tier1-emea\","
              + "\"customer\":{\"id\":\"cust-"
              + (i % 300)
              + "\"},\"subject\":\"Mailbox quota question "
              + i
              + "\",\"description\":\"The quota report fails to load.\"}");
    }
    server = TestServer.start(data, lines, TestServer.loopback());
    server.addUser("mallory", List.of("agent"), Map.of("team", List.of("tier1-emea")));
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void aScriptPagingThroughEverythingIsStoppedWithinSecondsAndBeforeTwiceItsCap()
      throws IOException {
    assertThat(TEAM_CASES).isGreaterThan(2 * AGENT_CAP);
    String token = server.login("mallory", TestServer.PASSWORD);
    Set<String> answered = new HashSet<>();
    List<Integer> statuses = new ArrayList<>();
    String after = null;
    long started = System.nanoTime();
    TestServer.Answer last;
    while (true) {
      Map<String, Object> body = new HashMap<>(Map.of("query", "", "size", 100, "sort", "oldest"));
      if (after != null) {
        body.put("after", after);
      }
      last = server.post("/api/search", token, body);
      statuses.add(last.status());
      if (last.status() == 200) {
        for (JsonNode hit : last.json().get("hits")) {
          answered.add(hit.get("id").textValue());
        }
        after = last.json().get("next").isNull() ? null : last.json().get("next").textValue();
        assertThat(after).as("paged through everything without being stopped").isNotNull();
      } else if (last.status() == 401
          && last.json().get("error").get("code").textValue().equals("reauthenticate")) {
        assertThat(server.get("/api/whoami", token).status())
            .as("the session ended")
            .isEqualTo(401);
        token = server.login("mallory", TestServer.PASSWORD);
      } else {
        break;
      }
      assertThat(statuses).as("requests").hasSizeLessThan(100);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(last.status()).as(last.text()).isEqualTo(403);
    assertThat(last.json().get("error").get("code").textValue()).isEqualTo("locked");
    assertThat(seconds).as("stopped within 5 s").isLessThan(5.0);
    assertThat(answered.size()).as("cases answered").isLessThan(2 * AGENT_CAP);
    assertThat(statuses).contains(401);

    // Locked: its right password gets the answer of a wrong one, so a locked account cannot be
    // used to test passwords; the admin sees the lock, lifts it, and both are recorded.
    TestServer.Answer right =
        server.post("/api/login", null, Map.of("user", "mallory", "password", TestServer.PASSWORD));
    TestServer.Answer wrong =
        server.post("/api/login", null, Map.of("user", "mallory", "password", "not the password"));
    assertThat(right.status()).isEqualTo(401);
    assertThat(right.text()).isEqualTo(wrong.text());
    assertThat(server.get("/api/whoami", TestServer.basic("mallory", TestServer.PASSWORD)).text())
        .isEqualTo(server.get("/api/whoami", TestServer.basic("mallory", "wrong")).text());
    JsonNode locks = server.get("/api/admin/locks", server.admin()).json().get("locks");
    assertThat(locks).hasSize(1);
    assertThat(locks.get(0).get("principal").textValue()).isEqualTo("user:mallory");
    List<AuditEvent> events = AuditedRequestsTest.events(data);
    List<AuditEvent> alerts =
        events.stream().filter(e -> e.action() == AuditAction.BULK_READ_ALERT).toList();
    assertThat(alerts)
        .extracting(e -> e.target().details().get("step"))
        .contains("slow_down", "reauthenticate", "lock");
    assertThat(alerts.getLast().target().details()).containsEntry("alert", "locked");
    assertThat(
            events.stream()
                .filter(
                    e ->
                        e.action() == AuditAction.SEARCH
                            && e.outcome() == AuditEvent.Outcome.DENIED)
                .count())
        .as("refused reads are recorded")
        .isGreaterThanOrEqualTo(2);
    assertThat(server.delete("/api/admin/locks?principal=user:mallory", server.admin()).status())
        .isEqualTo(204);
    assertThat(AuditedRequestsTest.events(data).getLast().action())
        .isEqualTo(AuditAction.PRINCIPAL_UNLOCKED);
    assertThat(server.delete("/api/admin/locks?principal=user:mallory", server.admin()).status())
        .isEqualTo(404);
    server.login("mallory", TestServer.PASSWORD);
  }

  @Test
  void aRefusalNamesNoCanaryToTheReader(@TempDir Path other) throws IOException {
    java.nio.file.Files.createDirectories(
        other,
        java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    Files.writeString(
        other.resolve("guard-rules.json"),
        "{\"version\": 1, \"roles\": {\"supervisor\":"
            + " {\"cases\": 2, \"customers\": 1000, \"reveals\": 0}}}");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add(
          "{\"id\":\"CASE-2020-"
              + String.format("%07d", i)
              + "\",\"created\":\"2020-03-05T10:15:00Z\",\"status\":\"open\",\"product\":\"mail\","
              + "\"channel\":\"email\",\"language\":\"en\",\"subject\":\"Quota\","
              + "\"description\":\"The quota report fails.\"}");
    }
    try (TestServer small = TestServer.start(other, lines, TestServer.loopback())) {
      assertThat(small.vault.plantCanaries(3, Requester.localOwner())).isEqualTo(3);
      small.addUser("sue", List.of("supervisor"), Map.of());
      TestServer.Answer refused =
          small.post(
              "/api/search",
              small.login("sue", TestServer.PASSWORD),
              Map.of("query", "", "size", 100));
      assertThat(refused.status()).as(refused.text()).isEqualTo(403);
      assertThat(refused.text()).doesNotContain("canary").doesNotContain("CASE-");
      AuditEvent alert =
          AuditedRequestsTest.events(other).stream()
              .filter(e -> e.action() == AuditAction.BULK_READ_ALERT)
              .findFirst()
              .orElseThrow();
      assertThat(alert.target().details().get("alert")).contains("canary").contains("locked");
    }
  }

  @Test
  void aSupervisorExportsEveryCaseWithoutBeingStopped() throws IOException {
    server.addUser("sam", List.of("supervisor"), Map.of());
    TestServer.Answer export =
        server.post("/api/export", server.login("sam", TestServer.PASSWORD), Map.of("query", ""));
    assertThat(export.status()).isEqualTo(200);
    String[] lines = export.text().split("\n");
    assertThat(lines[lines.length - 1]).contains("\"status\":\"done\"");
    assertThat(lines.length - 1).isGreaterThanOrEqualTo(TEAM_CASES);
    assertThat(
            AuditedRequestsTest.events(data).stream()
                .filter(e -> e.action() == AuditAction.EXPORT)
                .filter(e -> e.actor().id().equals("user:sam"))
                .mapToInt(e -> e.target().cases().size())
                .sum())
        .as("every exported case is named in an export event")
        .isEqualTo(lines.length - 1);
  }

  @Test
  void readingACanaryRaisesAnAlertAtOnce() throws IOException {
    assertThat(server.vault.plantCanaries(2, Requester.localOwner())).isEqualTo(2);
    List<String> canaries = Files.readAllLines(data.resolve("audit/canaries"));
    assertThat(canaries).hasSize(2);
    assertThat(canaries.getFirst()).matches("CASE-2019-\\d{7}");
    String log =
        new String(
            Files.readAllBytes(data.resolve("audit/entries")),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThat(log).as("canary ids stay out of the log").doesNotContain(canaries.getFirst());

    server.addUser("sue", List.of("supervisor"), Map.of());
    String supervisor = server.login("sue", TestServer.PASSWORD);
    TestServer.Answer read = server.get("/api/cases/" + canaries.getFirst(), supervisor);
    assertThat(read.status()).as("a decoy is answered like any case").isEqualTo(200);
    AuditEvent alert =
        AuditedRequestsTest.events(data).stream()
            .filter(e -> e.action() == AuditAction.BULK_READ_ALERT)
            .filter(e -> e.actor().id().equals("user:sue"))
            .findFirst()
            .orElseThrow();
    assertThat(alert.target().details()).containsEntry("alert", "canary");

    String agent = server.login("mallory", TestServer.PASSWORD);
    assertThat(server.get("/api/cases/" + canaries.getFirst(), agent).status())
        .as("no team holds a canary")
        .isEqualTo(404);
  }
}
