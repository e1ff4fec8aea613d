package dev.casevault.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/**
 * Progress of a long command on stderr: one line rewritten in place on a terminal, one line per
 * update otherwise (so logs and test harnesses can follow along).
 */
final class Progress {
  private final String task;
  private final long minLineIntervalNanos;
  private final PrintStream err = System.err;
  private final boolean terminal = CommandLine.Help.Ansi.AUTO.enabled();
  private boolean lineOpen;
  private long lastLineNanos;

  /**
   * @param minLineInterval off a terminal, the least time between two progress lines (updates in
   *     between are dropped); zero prints every update
   */
  Progress(String task, java.time.Duration minLineInterval) {
    this.task = task;
    this.minLineIntervalNanos = minLineInterval.toNanos();
    this.lastLineNanos = System.nanoTime() - minLineIntervalNanos;
  }

  synchronized void update(String status) {
    if (!terminal) {
      long now = System.nanoTime();
      if (now - lastLineNanos < minLineIntervalNanos) {
        return;
      }
      lastLineNanos = now;
    }
    if (terminal) {
      err.print("\r\033[K" + task + ": " + status);
      lineOpen = true;
    } else {
      err.println(task + ": " + status);
    }
    err.flush();
  }

  /** A message that must stay visible, such as a rejected line. */
  synchronized void message(String text) {
    closeLine();
    err.println(text);
  }

  synchronized void done() {
    closeLine();
  }

  private void closeLine() {
    if (lineOpen) {
      err.println();
      lineOpen = false;
    }
  }
}
