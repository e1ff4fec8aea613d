package dev.casevault.audit;

import java.nio.file.Path;
import java.time.Clock;

/** A second process for {@link AuditTrailTest}: opens a log, says so, holds it until stdin ends. */
public final class HoldAuditLog {
  private HoldAuditLog() {}

  public static void main(String[] args) throws Exception {
    try (AuditTrail trail = AuditTrail.open(Path.of(args[0]), Clock.systemUTC())) {
      System.out.println("held " + trail.log().size());
      System.out.flush();
      while (System.in.read() >= 0) {
        // holds the log until the test closes our stdin
      }
    }
  }
}
