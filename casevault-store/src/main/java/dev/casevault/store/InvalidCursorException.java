package dev.casevault.store;

import dev.casevault.core.CaseVaultException;

/** A search-after cursor that was not produced by this search or was altered. */
public final class InvalidCursorException extends CaseVaultException {
  public InvalidCursorException(String message) {
    super(message);
  }
}
