package dev.casevault.audit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checkpoints a log once {@code everyEntries} entries are not yet covered, or once {@code interval}
 * has passed with any uncovered entry, whichever comes first, so that a receipt waits at most about
 * the interval for its checkpoint. It polls the log's size, a volatile read, rather than having the
 * log call back into it from its writer thread.
 */
public final class CheckpointScheduler implements AutoCloseable {
  private static final long POLL_MILLIS = 10;

  private final AuditLog log;
  private final long intervalNanos;
  private final long everyEntries;
  private final ScheduledExecutorService executor;
  private long lastCheckpointNanos = System.nanoTime(); // the executor's thread only
  private volatile AuditLogException lastFailure;
  private volatile long failingSinceNanos; // when the current streak of failures began
  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger("casevault.audit");

  public CheckpointScheduler(AuditLog log, Duration interval, long everyEntries) {
    if (interval.isNegative() || interval.isZero() || everyEntries < 1) {
      throw new IllegalArgumentException("checkpoint interval and entry count must be positive");
    }
    this.log = log;
    this.intervalNanos = interval.toNanos();
    this.everyEntries = everyEntries;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("audit-checkpoints").factory());
    executor.scheduleWithFixedDelay(this::tick, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    long uncovered = log.size() - log.checkpointedSize();
    long now = System.nanoTime();
    if (uncovered > 0
        && (uncovered >= everyEntries || now - lastCheckpointNanos >= intervalNanos)) {
      try {
        log.checkpoint();
        lastCheckpointNanos = now;
        lastFailure = null;
      } catch (AuditLogException e) {
        // Kept for health checks and retried on the next tick: a thrown exception would silently
        // cancel the schedule. Said once per streak, not every 10 ms.
        if (lastFailure == null) {
          failingSinceNanos = now;
          LOG.log(java.util.logging.Level.SEVERE, "cannot sign an audit checkpoint; retrying", e);
        }
        lastFailure = e;
      }
    }
  }

  /**
   * How long checkpoints have been failing without a success in between, or zero when the last
   * attempt succeeded.
   */
  public Duration failingFor() {
    return lastFailure == null
        ? Duration.ZERO
        : Duration.ofNanos(System.nanoTime() - failingSinceNanos);
  }

  /** Why the last checkpoint attempt failed, if it did. */
  public Optional<AuditLogException> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** Stops checkpointing; a checkpoint being written is finished, not interrupted. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
