package dev.casevault.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Events and a settable clock for the tests of the log's read side. */
final class AuditFixtures {
  static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  private AuditFixtures() {}

  /** A clock the test moves; {@link AuditTrail#record} stamps events with it. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static Actor user(String name) {
    return new Actor("user:" + name, "session", List.of("agent"), "192.0.2.7", "Mozilla/5.0");
  }

  static Actor apiKey(String id) {
    return new Actor("key:" + id, "api_key", List.of("export"), "198.51.100.2", null);
  }

  /** A successful event of {@code action} by {@code actor} over cases and their customers. */
  static AuditEvent event(AuditAction action, Actor actor, List<String> cases, List<String> cust) {
    return AuditEvent.of(action, AuditEvent.Outcome.SUCCESS, actor, "7")
        .withTarget(AuditTarget.NONE.withCases(cases, cust));
  }

  static AuditEvent denied(AuditAction action, Actor actor, String caseId, String reason) {
    return AuditEvent.of(action, AuditEvent.Outcome.DENIED, actor, "7")
        .withTarget(AuditTarget.NONE.withCases(List.of(caseId), List.of()))
        .withReason(reason);
  }

  static AuditEvent alert(Actor guard, String about, String reason) {
    return AuditEvent.of(AuditAction.BULK_READ_ALERT, AuditEvent.Outcome.SUCCESS, guard, "7")
        .withTarget(AuditTarget.details(Map.of("principal", about, "level", "high")))
        .withReason(reason);
  }
}
