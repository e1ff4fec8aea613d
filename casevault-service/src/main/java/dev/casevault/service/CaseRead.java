package dev.casevault.service;

import dev.casevault.core.SupportCase;
import dev.casevault.redaction.SealedValue;
import java.util.List;

/**
 * A case as a scope may see it, and the sealed values that a reveal could open (empty unless the
 * reader may reveal), numbered as {@link CaseVault#reveal} numbers them.
 */
public record CaseRead(SupportCase found, List<SealedValue> sealed) {
  public CaseRead {
    sealed = List.copyOf(sealed);
  }
}
