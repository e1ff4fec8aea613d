package dev.casevault.access;

import dev.casevault.core.CaseVaultException;

/**
 * A credential that does not prove who the caller is. Clients see only "authentication failed";
 * {@link #reason()} says why for the server's own log and audit, and never holds the credential.
 */
public final class AuthenticationFailedException extends CaseVaultException {
  private final String reason;

  public AuthenticationFailedException(String reason) {
    super("authentication failed");
    this.reason = reason;
  }

  public AuthenticationFailedException(String reason, Throwable cause) {
    super("authentication failed", cause);
    this.reason = reason;
  }

  /** Why, in a few words safe to log: {@code expired token}, {@code unknown user}. */
  public String reason() {
    return reason;
  }
}
