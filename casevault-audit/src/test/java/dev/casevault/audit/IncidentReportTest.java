package dev.casevault.audit;

import static dev.casevault.audit.AuditFixtures.T0;
import static dev.casevault.audit.AuditFixtures.alert;
import static dev.casevault.audit.AuditFixtures.apiKey;
import static dev.casevault.audit.AuditFixtures.denied;
import static dev.casevault.audit.AuditFixtures.event;
import static dev.casevault.audit.AuditFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentReportTest {
  static final Instant SINCE = T0;
  static final Instant UNTIL = T0.plus(Duration.ofHours(1));
  static final Actor GUARD = new Actor("system:guard", "none", List.of(), null, null);

  @TempDir Path temp;
  Path dir;

  /**
   * Alice reads, searches, reveals and triggers an alert; key k1 exports; Bob reads once and is
   * denied once; events before and at the end of the window, failures and audit reads do not count.
   */
  @BeforeEach
  void writeLog() throws IOException {
    dir = temp.resolve("audit");
    AuditFixtures.MutableClock clock = new AuditFixtures.MutableClock(T0.minusSeconds(1));
    try (AuditTrail trail = AuditTrail.open(dir, clock)) {
      trail.record(event(AuditAction.READ, user("alice"), List.of("CASE-0"), List.of("tok-z")));
      clock.set(T0);
      trail.record(event(AuditAction.READ, user("alice"), List.of("CASE-1"), List.of("tok-a")));
      clock.set(T0.plusSeconds(60));
      trail.record(
          event(
              AuditAction.SEARCH,
              user("alice"),
              List.of("CASE-1", "CASE-2"),
              List.of("tok-a", "tok-b")));
      clock.set(T0.plusSeconds(90));
      trail.record(event(AuditAction.READ, user("bob"), List.of("CASE-2"), List.of("tok-b")));
      clock.set(T0.plusSeconds(120));
      trail.record(event(AuditAction.REVEAL, user("alice"), List.of("CASE-2"), List.of("tok-b")));
      clock.set(T0.plusSeconds(180));
      trail.record(event(AuditAction.EXPORT, apiKey("k1"), List.of("CASE-3"), List.of("tok-c")));
      trail.record(
          AuditEvent.of(AuditAction.READ, AuditEvent.Outcome.FAILED, user("alice"), "7")
              .withTarget(AuditTarget.NONE.withCases(List.of("CASE-8"), List.of("tok-f"))));
      trail.record(denied(AuditAction.READ, user("bob"), "CASE-9", "outside the scope"));
      trail.record(
          AuditEvent.of(
              AuditAction.AUDIT_READ, AuditEvent.Outcome.SUCCESS, Actor.localOwner(), null));
      trail.log().append("garbage".getBytes(StandardCharsets.UTF_8));
      clock.set(T0.plusSeconds(240));
      trail.record(alert(GUARD, "user:alice", "read 2 cases in 4 minutes"));
      clock.set(UNTIL);
      trail.record(event(AuditAction.READ, user("alice"), List.of("CASE-7"), List.of("tok-y")));
    }
  }

  @Test
  void reportsWhatWasReadByWhomInTheWindow() throws IOException {
    IncidentReport report = IncidentReport.of(dir, SINCE, UNTIL, null, UNTIL);
    assertThat(report.scanned()).isEqualTo(12);
    assertThat(report.unreadable())
        .containsExactly(new IncidentReport.Unreadable(9, "not an audit event: not JSON"));

    assertThat(report.cases())
        .extracting(IncidentReport.CaseRead::caseId)
        .containsExactly("CASE-1", "CASE-2", "CASE-3");
    IncidentReport.CaseRead case2 = report.cases().get(1);
    assertThat(case2.firstRead()).isEqualTo(T0.plusSeconds(60));
    assertThat(case2.lastRead()).isEqualTo(T0.plusSeconds(120));
    assertThat(case2.events()).isEqualTo(3);
    assertThat(case2.principals()).containsExactly("user:alice", "user:bob");
    assertThat(report.customers()).containsExactly("tok-a", "tok-b", "tok-c");

    assertThat(report.principals())
        .extracting(IncidentReport.PrincipalActivity::principal)
        .containsExactly("user:alice", "key:k1", "user:bob");
    IncidentReport.PrincipalActivity alice = report.principals().get(0);
    assertThat(alice)
        .isEqualTo(
            new IncidentReport.PrincipalActivity(
                "user:alice", 3, 2, 2, 1, 0, 0, 1, T0, T0.plusSeconds(240)));
    IncidentReport.PrincipalActivity bob = report.principals().get(2);
    assertThat(bob.events()).isEqualTo(1);
    assertThat(bob.denials()).isEqualTo(1);
    assertThat(report.principals().get(1).exports()).isEqualTo(1);

    assertThat(report.alerts()).hasSize(1);
    IncidentReport.Notice alert = report.alerts().getFirst();
    assertThat(alert.index()).isEqualTo(10);
    assertThat(alert.principal()).isEqualTo("user:alice");
    assertThat(alert.reason()).isEqualTo("read 2 cases in 4 minutes");
    assertThat(report.denials())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.index()).isEqualTo(7);
              assertThat(d.principal()).isEqualTo("user:bob");
              assertThat(d.reason()).isEqualTo("outside the scope");
            });
    assertThat(report.caseDataEvents()).isEqualTo(5);
    assertThat(report.reveals()).isEqualTo(1);
    assertThat(report.exports()).isEqualTo(1);
    assertThat(report.readers()).isEqualTo(3);
  }

  @Test
  void aPrincipalLimitsEverything() throws IOException {
    IncidentReport report = IncidentReport.of(dir, SINCE, UNTIL, "user:bob", UNTIL);
    assertThat(report.principal()).isEqualTo("user:bob");
    assertThat(report.cases())
        .extracting(IncidentReport.CaseRead::caseId)
        .containsExactly("CASE-2");
    assertThat(report.customers()).containsExactly("tok-b");
    assertThat(report.principals())
        .extracting(IncidentReport.PrincipalActivity::principal)
        .containsExactly("user:bob");
    assertThat(report.alerts()).isEmpty();
    assertThat(report.denials()).hasSize(1);

    IncidentReport alice = IncidentReport.of(dir, SINCE, UNTIL, "user:alice", UNTIL);
    assertThat(alice.alerts()).hasSize(1);
    assertThat(alice.denials()).isEmpty();
    assertThat(alice.cases().get(1).principals()).containsExactly("user:alice");
  }

  @Test
  void theJsonFormCarriesEveryField() throws IOException {
    JsonNode json =
        new ObjectMapper().readTree(IncidentReport.of(dir, SINCE, UNTIL, null, UNTIL).toJson());
    assertThat(json.path("window").path("since").asText()).isEqualTo("2026-11-29T10:00:00Z");
    assertThat(json.path("window").path("until").asText()).isEqualTo("2026-11-29T11:00:00Z");
    assertThat(json.path("principal").isNull()).isTrue();
    assertThat(json.path("audit_log").path("origin").asText()).startsWith("casevault/");
    assertThat(json.path("audit_log").path("unreadable_entries").get(0).path("index").asLong())
        .isEqualTo(9);
    JsonNode summary = json.path("summary");
    assertThat(summary.path("distinct_cases").asLong()).isEqualTo(3);
    assertThat(summary.path("distinct_customers").asLong()).isEqualTo(3);
    assertThat(summary.path("case_data_events").asLong()).isEqualTo(5);
    assertThat(summary.path("alerts").asLong()).isEqualTo(1);
    assertThat(summary.path("denials").asLong()).isEqualTo(1);
    JsonNode alice = json.path("principals").get(0);
    assertThat(alice.path("principal").asText()).isEqualTo("user:alice");
    assertThat(alice.path("reveals").asLong()).isEqualTo(1);
    assertThat(alice.path("customers").asLong()).isEqualTo(2);
    JsonNode case2 = json.path("cases").get(1);
    assertThat(case2.path("case").asText()).isEqualTo("CASE-2");
    assertThat(case2.path("first_read").asText()).isEqualTo("2026-11-29T10:01:00Z");
    assertThat(case2.path("principals").toString()).isEqualTo("[\"user:alice\",\"user:bob\"]");
    assertThat(json.path("customers").toString()).isEqualTo("[\"tok-a\",\"tok-b\",\"tok-c\"]");
    assertThat(json.path("alerts").get(0).path("details").path("level").asText()).isEqualTo("high");
    assertThat(json.path("denials").get(0).path("action").asText()).isEqualTo("case.read");
  }

  @Test
  void theTextFormSummarisesThenLists() throws IOException {
    String text = IncidentReport.of(dir, SINCE, UNTIL, null, UNTIL).toText();
    assertThat(text)
        .startsWith(
            "Incident report: 2026-11-29T10:00:00Z to 2026-11-29T11:00:00Z (until excluded),"
                + " all principals\n")
        .contains("WARNING: 1 entries could not be read as events")
        .contains("  entry 9: not an audit event: not JSON\n")
        .contains(
            "Case data returned: 3 distinct cases of 3 distinct customers, in 5 events by 3"
                + " principals; 1 reveals, 1 exports; 1 alerts, 1 denials.")
        .contains("\nPrincipals\n  principal   events  cases  customers  reveals")
        .containsPattern("\n  user:alice  3 +2 +2 +1 +0 +0 +1 +2026-11-29T10:00:00Z")
        .containsPattern(
            "\n  CASE-2 +2026-11-29T10:01:00Z +2026-11-29T10:02:00Z +3 +user:alice, user:bob\n")
        .contains("\nCustomers (tokens)\n  tok-a\n  tok-b\n  tok-c\n")
        .contains("\nAlerts\n  2026-11-29T10:04:00Z  entry 10  user:alice  guard.alert success")
        .contains(
            "\nDenials\n  2026-11-29T10:03:00Z  entry 7  user:bob  case.read denied  outside");
  }

  @Test
  void anEmptyWindowIsRefused() {
    assertThatThrownBy(() -> IncidentReport.of(dir, UNTIL, SINCE, null, UNTIL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be before until");
  }
}
