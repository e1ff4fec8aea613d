package dev.casevault.cli;

import java.io.PrintStream;
import picocli.CommandLine;

/**
 * Progress of a long command on stderr: one line rewritten in place on a terminal, one line per
 * update otherwise (so logs and test harnesses can follow along).
 */
final class Progress {
  private final String task;
  private final PrintStream err = System.err;
  private final boolean terminal = CommandLine.Help.Ansi.AUTO.enabled();
  private boolean lineOpen;

  Progress(String task) {
    this.task = task;
  }

  synchronized void update(String status) {
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
