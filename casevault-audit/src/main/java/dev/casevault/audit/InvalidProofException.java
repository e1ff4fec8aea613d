package dev.casevault.audit;

import dev.casevault.core.CaseVaultException;

/** A Merkle proof, signed note or checkpoint that does not verify; the message says why. */
public class InvalidProofException extends CaseVaultException {
  public InvalidProofException(String message) {
    super(message);
  }
}
