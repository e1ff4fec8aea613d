package dev.casevault.scanner;

/**
 * How urgently an exposure needs fixing. {@link #score()} is the number code-scanning tools read
 * from SARIF's {@code security-severity} (CVSS-like: 9.0 and up is critical, 7.0 high, 4.0 medium,
 * 0.1 low).
 */
public enum Severity {
  CRITICAL(9.5),
  HIGH(8.0),
  MEDIUM(5.5),
  LOW(3.0),
  NONE(0.0);

  private final double score;

  Severity(double score) {
    this.score = score;
  }

  public double score() {
    return score;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
