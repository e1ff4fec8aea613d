package dev.casevault.audit;

import static dev.casevault.audit.AuditLogTest.ORIGIN;
import static dev.casevault.audit.AuditLogTest.SIGNER;
import static dev.casevault.audit.AuditLogTest.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSchedulerTest {
  @TempDir Path temp;

  @Test
  void checkpointsEveryNEntriesWithoutWaitingForTheInterval() throws Exception {
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER);
        CheckpointScheduler scheduler = new CheckpointScheduler(log, Duration.ofHours(1), 10)) {
      for (int i = 0; i < 9; i++) {
        log.append(entry(i));
      }
      Thread.sleep(100);
      assertThat(log.checkpointedSize()).isZero();
      log.append(entry(9));
      await(() -> log.checkpointedSize() == 10);
      assertThat(scheduler.lastFailure()).isEmpty();
    }
  }

  @Test
  void checkpointsAfterTheIntervalWhenFewEntriesCame() throws Exception {
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER);
        CheckpointScheduler scheduler =
            new CheckpointScheduler(log, Duration.ofMillis(200), 1_000_000)) {
      log.append(entry(0));
      log.append(entry(1));
      await(() -> log.checkpointedSize() == 2);
      assertThat(scheduler.lastFailure()).isEmpty();
    }
    AuditVerifier.Report report = new AuditVerifier(SIGNER.verifier(), ORIGIN).verify(temp);
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void aFailedCheckpointIsReportedAndRetried() throws Exception {
    AuditLog log = new AuditLog(temp, ORIGIN, SIGNER);
    log.append(entry(0));
    log.close();
    try (CheckpointScheduler scheduler = new CheckpointScheduler(log, Duration.ofMillis(1), 1)) {
      await(() -> scheduler.lastFailure().isPresent());
      assertThat(scheduler.lastFailure().orElseThrow()).hasMessageEndingWith("is closed");
      Duration first = scheduler.failingFor();
      Thread.sleep(50);
      assertThat(scheduler.failingFor()).as("the streak keeps its start").isGreaterThan(first);
    }
  }

  @Test
  void aScheduleNeedsPositiveSettings() throws IOException {
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      assertThatThrownBy(() -> new CheckpointScheduler(log, Duration.ZERO, 10))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new CheckpointScheduler(log, Duration.ofSeconds(1), 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
