package dev.casevault.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One audit log entry: who did what, when, under which policy, to which cases, why, and how it
 * ended. {@link AuditEventJson} is its one encoding.
 *
 * @param id a random id, unique per event
 * @param policyVersion the access policy's version, or null where no policy applied (a local
 *     command of the data directory's owner)
 * @param purpose the justification the actor gave (already redacted), or null
 * @param reason why it was refused or raised, for denials, failures and alerts, or null
 */
public record AuditEvent(
    String id,
    Instant time,
    AuditAction action,
    Outcome outcome,
    Actor actor,
    String policyVersion,
    AuditTarget target,
    String purpose,
    String reason) {

  /** How the request ended. */
  public enum Outcome implements dev.casevault.core.WireEnum {
    SUCCESS,
    DENIED,
    FAILED;

    @Override
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public AuditEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(target, "target");
  }

  /** A new event with a random id; {@link AuditTrail#record} sets the time. */
  public static AuditEvent of(AuditAction action, Outcome outcome, Actor actor, String policy) {
    return new AuditEvent(
        java.util.UUID.randomUUID().toString(),
        Instant.EPOCH,
        action,
        outcome,
        actor,
        policy,
        AuditTarget.NONE,
        null,
        null);
  }

  public AuditEvent withTarget(AuditTarget target) {
    return new AuditEvent(id, time, action, outcome, actor, policyVersion, target, purpose, reason);
  }

  public AuditEvent withPurpose(String purpose) {
    return new AuditEvent(id, time, action, outcome, actor, policyVersion, target, purpose, reason);
  }

  public AuditEvent withReason(String reason) {
    return new AuditEvent(id, time, action, outcome, actor, policyVersion, target, purpose, reason);
  }

  AuditEvent at(Instant time) {
    return new AuditEvent(id, time, action, outcome, actor, policyVersion, target, purpose, reason);
  }
}
