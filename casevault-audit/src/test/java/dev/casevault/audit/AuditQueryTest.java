package dev.casevault.audit;

import static dev.casevault.audit.AuditFixtures.T0;
import static dev.casevault.audit.AuditFixtures.denied;
import static dev.casevault.audit.AuditFixtures.event;
import static dev.casevault.audit.AuditFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueryTest {
  @TempDir Path temp;

  private static AuditEvent at(AuditEvent event, Instant time) {
    return event.at(time);
  }

  @Test
  void everyFilterThatIsSetMustMatch() {
    AuditEvent read =
        at(event(AuditAction.READ, user("alice"), List.of("CASE-1", "CASE-2"), List.of()), T0);
    assertThat(AuditQuery.ALL.matches(read)).isTrue();
    assertThat(AuditQuery.ALL.withPrincipal("user:alice").matches(read)).isTrue();
    assertThat(AuditQuery.ALL.withPrincipal("user:bob").matches(read)).isFalse();
    assertThat(AuditQuery.ALL.withPrincipal("alice").matches(read)).isFalse();
    assertThat(AuditQuery.ALL.withCase("CASE-2").matches(read)).isTrue();
    assertThat(AuditQuery.ALL.withCase("CASE-3").matches(read)).isFalse();
    assertThat(
            AuditQuery.ALL.withActions(Set.of(AuditAction.READ, AuditAction.REVEAL)).matches(read))
        .isTrue();
    assertThat(AuditQuery.ALL.withActions(Set.of(AuditAction.SEARCH)).matches(read)).isFalse();
    assertThat(AuditQuery.ALL.withOutcome(AuditEvent.Outcome.SUCCESS).matches(read)).isTrue();
    assertThat(AuditQuery.ALL.withOutcome(AuditEvent.Outcome.DENIED).matches(read)).isFalse();
    assertThat(
            AuditQuery.ALL
                .withPrincipal("user:alice")
                .withCase("CASE-1")
                .withOutcome(AuditEvent.Outcome.DENIED)
                .matches(read))
        .isFalse();
  }

  @Test
  void theWindowIncludesSinceAndExcludesUntil() {
    AuditEvent read = at(event(AuditAction.READ, user("alice"), List.of(), List.of()), T0);
    Instant later = T0.plusSeconds(60);
    assertThat(AuditQuery.ALL.withWindow(T0, later).matches(read)).isTrue();
    assertThat(AuditQuery.ALL.withWindow(T0.minusSeconds(60), T0).matches(read)).isFalse();
    assertThat(AuditQuery.ALL.withWindow(null, T0.plusMillis(1)).matches(read)).isTrue();
    assertThat(AuditQuery.ALL.withWindow(T0.plusMillis(1), null).matches(read)).isFalse();
    assertThatThrownBy(() -> AuditQuery.ALL.withWindow(later, T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("since (" + later + ") must be before until (" + T0 + ")");
    assertThatThrownBy(() -> AuditQuery.ALL.withWindow(T0, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void actionsAndOutcomesAreParsedByWireOrConstantName() {
    assertThat(AuditQuery.action("case.reveal")).isEqualTo(AuditAction.REVEAL);
    assertThat(AuditQuery.action("reveal")).isEqualTo(AuditAction.REVEAL);
    assertThat(AuditQuery.action("BULK_READ_ALERT")).isEqualTo(AuditAction.BULK_READ_ALERT);
    assertThatThrownBy(() -> AuditQuery.action("case.steal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown action 'case.steal'; the actions are auth.login,")
        .hasMessageContaining("case.read");
    assertThat(AuditQuery.outcome("Denied")).isEqualTo(AuditEvent.Outcome.DENIED);
    assertThatThrownBy(() -> AuditQuery.outcome("ok"))
        .hasMessage("unknown outcome 'ok'; the outcomes are success, denied, failed");
  }

  @Test
  void describesItsFiltersForTheRecordOfAnAuditRead() {
    AuditQuery query =
        new AuditQuery(
            "user:alice",
            "CASE-1",
            Set.of(AuditAction.REVEAL, AuditAction.READ),
            T0,
            T0.plusSeconds(1),
            AuditEvent.Outcome.SUCCESS);
    assertThat(query.describe())
        .containsExactly(
            java.util.Map.entry("principal", "user:alice"),
            java.util.Map.entry("case", "CASE-1"),
            java.util.Map.entry("actions", "case.read,case.reveal"),
            java.util.Map.entry("since", "2026-11-29T10:00:00Z"),
            java.util.Map.entry("until", "2026-11-29T10:00:01Z"),
            java.util.Map.entry("outcome", "success"));
    assertThat(AuditQuery.ALL.describe()).isEmpty();
  }

  @Test
  void selectsInLogOrderUpToALimitAndCountsAllMatches() throws IOException {
    Path dir = temp.resolve("audit");
    AuditFixtures.MutableClock clock = new AuditFixtures.MutableClock(T0);
    try (AuditTrail trail = AuditTrail.open(dir, clock)) {
      for (int i = 0; i < 10; i++) {
        trail.record(
            event(AuditAction.READ, user(i % 2 == 0 ? "alice" : "bob"), List.of(), List.of()));
        clock.advance(Duration.ofSeconds(1));
      }
      trail.log().append("{}".getBytes(StandardCharsets.UTF_8));
      trail.record(denied(AuditAction.READ, user("alice"), "CASE-9", "not in scope"));
    }
    List<AuditEvents.Entry> problems = new ArrayList<>();
    AuditQuery.Selection selection =
        AuditQuery.ALL.withPrincipal("user:alice").select(dir, 3, problems::add);
    assertThat(selection.events()).extracting(AuditEvents.Entry::index).containsExactly(0L, 2L, 4L);
    assertThat(selection.matched()).isEqualTo(6);
    assertThat(selection.omitted()).isEqualTo(3);
    assertThat(selection.scanned()).isEqualTo(12);
    assertThat(problems).extracting(AuditEvents.Entry::index).containsExactly(10L);
  }
}
