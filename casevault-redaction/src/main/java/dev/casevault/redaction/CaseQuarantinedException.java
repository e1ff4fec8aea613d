package dev.casevault.redaction;

/**
 * A case could not be redacted with certainty (a detector timed out or failed, or its customer was
 * forgotten), so it must not be stored. The message says why without quoting the case.
 */
public final class CaseQuarantinedException extends Exception {
  private static final long serialVersionUID = 1L;

  CaseQuarantinedException(String field, Throwable cause) {
    super("quarantined: " + cause.getMessage() + " (field " + field + ")", cause);
  }
}
