package dev.casevault.redaction;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * A text's time budget, charged in the CPU time of the detecting thread rather than in wall-clock
 * time: a garbage-collection pause or an overloaded machine stops the thread without the text being
 * any harder, and must not quarantine an ordinary case (measured: a 116-character note was
 * quarantined at a 250 ms wall-clock budget while the JVM paused for up to 127 ms at a time).
 *
 * <p>Reading a thread's CPU time costs about half a microsecond here, twenty times a wall-clock
 * read, so the CPU clock is read only once the wall-clock deadline has passed, and at the start of
 * long texts, where it is negligible. A short text that overruns therefore gets its budget again,
 * in CPU time, from its first overrun. Whatever the CPU clock says, nothing runs longer than {@link
 * #MAX_WALL_MULTIPLE} budgets of wall-clock time.
 */
final class DetectionBudget {
  /** The hard limit, in budgets of wall-clock time. */
  static final int MAX_WALL_MULTIPLE = 10;

  /** From this length, the CPU clock is read at the start: the budget is exact. */
  static final int EXACT_FROM_CHARS = 4096;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_CLOCK = THREADS.isCurrentThreadCpuTimeSupported();

  private final long budgetNanos;
  private final long startNanos;
  private long deadlineNanos;
  private long cpuMark = -1;

  DetectionBudget(long budgetNanos, int textLength) {
    this.budgetNanos = budgetNanos;
    this.startNanos = System.nanoTime();
    this.deadlineNanos = startNanos + budgetNanos;
    if (CPU_CLOCK && textLength >= EXACT_FROM_CHARS) {
      cpuMark = THREADS.getCurrentThreadCpuTime();
    }
  }

  /** Whether the budget is spent, {@code now} being {@link System#nanoTime()}. */
  boolean spent(long now) {
    if (now - deadlineNanos <= 0) {
      return false;
    }
    if (!CPU_CLOCK || now - startNanos >= MAX_WALL_MULTIPLE * budgetNanos) {
      return true;
    }
    long cpu = THREADS.getCurrentThreadCpuTime();
    if (cpuMark < 0) {
      cpuMark = cpu;
    }
    long left = budgetNanos - (cpu - cpuMark);
    if (left <= 0) {
      return true;
    }
    // The thread was not running all along: look again once the CPU time left could be spent.
    deadlineNanos = now + left;
    return false;
  }
}
