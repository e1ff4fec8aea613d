package dev.casevault.service;

import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditTarget;
import dev.casevault.audit.AuditTrail;
import dev.casevault.audit.BulkReadGuard;
import dev.casevault.audit.Canaries;
import dev.casevault.audit.GuardRules;
import dev.casevault.audit.Receipt;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What watches the reads of one data directory: the audit log every event goes to, and the
 * bulk-read guard with its canary cases, whose locks and baselines survive a restart.
 *
 * <p>The data directory's owner running a command on this machine ({@code os} method) is recorded
 * but not guarded: they hold the index files themselves, so a cap would stop nobody.
 */
final class Oversight implements AutoCloseable {
  static final String GUARD_STATE = "guard-state.json";
  static final String CANARIES = "canaries";

  /** Where an operator may put the guard's caps; without it the built-in caps apply. */
  static final String GUARD_RULES = "guard-rules.json";

  private static final Logger LOG = Logger.getLogger("casevault.guard");

  private final AuditTrail audit;
  private final BulkReadGuard guard;
  private final Canaries canaries;
  private final Path stateFile; // null: the state lives in memory only
  private final Path canariesFile;

  private Oversight(
      AuditTrail audit, BulkReadGuard guard, Canaries canaries, Path stateFile, Path canariesFile) {
    this.audit = audit;
    this.guard = guard;
    this.canaries = canaries;
    this.stateFile = stateFile;
    this.canariesFile = canariesFile;
  }

  /**
   * The oversight of the data directory {@code folder}: its audit log, the guard with the caps of
   * {@code folder/guard-rules.json} (or the built-in ones), its saved locks and baselines, and its
   * canaries, all under {@code audit}'s folder.
   */
  static Oversight open(AuditTrail audit, Path folder, Path auditFolder, Clock clock)
      throws IOException {
    Canaries canaries = Canaries.load(auditFolder.resolve(CANARIES));
    BulkReadGuard guard =
        new BulkReadGuard(GuardRules.read(folder.resolve(GUARD_RULES)), clock, canaries);
    Path state = auditFolder.resolve(GUARD_STATE);
    guard.load(state);
    return new Oversight(audit, guard, canaries, state, auditFolder.resolve(CANARIES));
  }

  /** Oversight with the built-in caps and no canaries, its guard state in memory only. */
  static Oversight inMemory(AuditTrail audit, Clock clock) {
    return new Oversight(
        audit, new BulkReadGuard(GuardRules.defaults(), clock), Canaries.none(), null, null);
  }

  Receipt record(AuditEvent event) {
    return audit.record(event);
  }

  /** The audit log's folder, for reading it back. */
  Path auditFolder() {
    return audit.folder();
  }

  Canaries canaries() {
    return canaries;
  }

  /** Keeps the canary list, owner-only, beside the log. */
  void saveCanaries() throws IOException {
    if (canariesFile != null) {
      canaries.save(canariesFile);
    }
  }

  /**
   * Refuses a locked principal before any work is done for it, recording the refused attempt.
   *
   * @throws ReadRefusedException when the principal is locked
   */
  void admit(AuditAction action, Requester requester) {
    if (guarded(requester) && guard.isLocked(requester.actor().id())) {
      refuse(
          action, requester, AuditTarget.NONE, BulkReadGuard.Step.LOCK, "the principal is locked");
    }
  }

  /**
   * Counts what an answer returns and applies the guard's step before it is handed out: records the
   * verdict when it is not a plain allow, waits the slow-down delay, or records the read as refused
   * and throws.
   *
   * @throws ReadRefusedException when the guard stops the read
   */
  void oversee(
      AuditAction action,
      Requester requester,
      AuditTarget target,
      Collection<String> cases,
      Collection<String> customers,
      int reveals) {
    if (!guarded(requester)) {
      return;
    }
    BulkReadGuard.Verdict verdict =
        guard.observe(requester.actor().id(), requester.actor().roles(), cases, customers, reveals);
    saveNowAndThen();
    if (!verdict.audited()) {
      return;
    }
    record(
        verdict
            .auditEvent(requester.actor(), requester.policyVersion())
            .withTarget(
                AuditTarget.details(verdict.details())
                    .withDetails(Map.of("read", action.wireName()))));
    if (verdict.step() == BulkReadGuard.Step.LOCK || verdict.alert()) {
      saveState();
    }
    if (!verdict.answered()) {
      refuse(action, requester, target, verdict.step(), verdict.reason());
    }
    if (!verdict.delay().isZero()) {
      try {
        Thread.sleep(verdict.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while slowing a bulk read down", e);
      }
    }
  }

  private void refuse(
      AuditAction action,
      Requester requester,
      AuditTarget target,
      BulkReadGuard.Step step,
      String reason) {
    record(
        AuditEvent.of(
                action, AuditEvent.Outcome.DENIED, requester.actor(), requester.policyVersion())
            .withTarget(target)
            .withReason(reason));
    // The reader is told its own counts, never the alerts: a canary named in a refusal would
    // tell it which case of the page was the decoy.
    int alerts = reason.indexOf(';');
    throw new ReadRefusedException(step, alerts < 0 ? reason : reason.substring(0, alerts));
  }

  private static boolean guarded(Requester requester) {
    return !requester.actor().method().equals("os");
  }

  boolean isLocked(String principalId) {
    return guard.isLocked(principalId);
  }

  List<BulkReadGuard.Lock> locks() {
    return guard.locks();
  }

  /** Lifts a lock (and empties the principal's window); true if there was one. */
  boolean unlock(String principalId) {
    boolean unlocked = guard.unlock(principalId);
    if (unlocked) {
      saveState();
    }
    return unlocked;
  }

  /** After an interactive login: reads between the cap and the lock are answered, slowly. */
  void reauthenticated(String principalId) {
    guard.reauthenticated(principalId);
  }

  /** Baselines change with every window: saved at most once a minute, so a crash loses little. */
  private static final long SAVE_EVERY_NANOS = 60_000_000_000L;

  private final java.util.concurrent.atomic.AtomicLong lastSave =
      new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

  private void saveNowAndThen() {
    long last = lastSave.get();
    long now = System.nanoTime();
    if (now - last >= SAVE_EVERY_NANOS && lastSave.compareAndSet(last, now)) {
      saveState();
    }
  }

  private void saveState() {
    if (stateFile == null) {
      return;
    }
    try {
      guard.saveIfChanged(stateFile);
    } catch (IOException | RuntimeException e) {
      // The lock holds in memory; only a restart before the next save would forget it.
      LOG.log(Level.SEVERE, "cannot save the bulk-read guard's state to " + stateFile, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      if (stateFile != null) {
        guard.saveIfChanged(stateFile);
      }
    } finally {
      audit.close();
    }
  }
}
