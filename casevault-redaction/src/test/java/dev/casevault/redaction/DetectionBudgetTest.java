package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The budget counts the detecting thread's CPU time: a stalled thread (here: sleeping, as in a
 * garbage-collection pause) keeps its budget, a busy one loses it, and nothing outlives ten budgets
 * of wall-clock time.
 */
class DetectionBudgetTest {
  private static final long BUDGET = 50_000_000L;

  private static PiiDetector engine(Detector detector) {
    return new PiiDetector(List.of(detector), BUDGET, 0);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Calls the deadline check often enough that it reads the clock. */
  private static void check(ScanText text) {
    for (int i = 0; i < 1000; i++) {
      text.checkDeadline();
    }
  }

  private static void busy(ScanText text, List<Finding> unused) {
    while (true) {
      text.checkDeadline();
    }
  }

  @Test
  void aStalledThreadKeepsItsBudget() {
    for (String text : List.of("a short note", "x ".repeat(DetectionBudget.EXACT_FROM_CHARS))) {
      Detector stalled =
          (scan, out) -> {
            sleep(3 * BUDGET / 1_000_000);
            check(scan);
          };
      assertThat(engine(stalled).detect(text)).isEmpty();
    }
  }

  @Test
  void aBusyThreadLosesItShortTextsAfterTwoBudgetsAtMost() {
    for (String text : List.of("a short note", "x ".repeat(DetectionBudget.EXACT_FROM_CHARS))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> engine(DetectionBudgetTest::busy).detect(text))
          .isInstanceOf(DetectionTimeoutException.class);
      long elapsed = System.nanoTime() - start;
      // Short texts get the budget again from their first overrun; long ones are exact.
      assertThat(elapsed).isGreaterThanOrEqualTo(BUDGET).isLessThan(2 * BUDGET + 500_000_000L);
    }
  }

  @Test
  void nothingOutlivesTenBudgetsOfWallClockTime() {
    Detector neverRunning =
        (scan, out) -> {
          while (true) {
            sleep(5);
            check(scan);
          }
        };
    long start = System.nanoTime();
    assertThatThrownBy(() -> engine(neverRunning).detect("a short note"))
        .isInstanceOf(DetectionTimeoutException.class);
    long elapsed = System.nanoTime() - start;
    assertThat(elapsed)
        .isGreaterThanOrEqualTo(DetectionBudget.MAX_WALL_MULTIPLE * BUDGET)
        .isLessThan(DetectionBudget.MAX_WALL_MULTIPLE * BUDGET + 500_000_000L);
  }
}
