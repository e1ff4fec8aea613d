package dev.casevault.audit;

import dev.casevault.core.CaseVaultException;

/** The audit log cannot record: the caller must fail the request it was recording (fail closed). */
public class AuditLogException extends CaseVaultException {
  public AuditLogException(String message) {
    super(message);
  }

  public AuditLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
