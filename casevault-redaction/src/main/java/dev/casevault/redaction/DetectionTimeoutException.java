package dev.casevault.redaction;

/**
 * A text's detection budget was spent before every detector finished. The text must not be stored:
 * the case that holds it is quarantined.
 */
public final class DetectionTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DetectionTimeoutException(long budgetNanos, int textLength) {
    super(
        "personal-data detection exceeded its budget of "
            + budgetNanos / 1_000_000
            + " ms on a text of "
            + textLength
            + " characters");
  }
}
