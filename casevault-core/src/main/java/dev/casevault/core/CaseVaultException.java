package dev.casevault.core;

/**
 * An error whose message is safe to show to the caller: it names what is wrong and where, and never
 * carries personal data or secrets. Adapters print the message, not the stack trace.
 */
public class CaseVaultException extends RuntimeException {
  public CaseVaultException(String message) {
    super(message);
  }

  public CaseVaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
