package dev.casevault.redaction;

import dev.casevault.core.SupportCase;
import java.util.List;
import java.util.Map;

/**
 * A case whose personal data has been redacted: the only kind of case a store accepts.
 *
 * <p>Only {@link Redactor} makes one from a case, so holding a {@code RedactedCase} proves that
 * every text and identity field went through detection and the policy. Its sealed values are
 * ciphertext under the customer's vault key. The one other way to get one, {@link
 * #readBackFromStore}, is for a case a store hands back as it holds it, and so as the redactor made
 * it.
 */
public final class RedactedCase {
  private final SupportCase content;
  private final List<SealedValue> sealed;
  private final Map<PiiType, Integer> redactedCounts;

  RedactedCase(
      SupportCase content, List<SealedValue> sealed, Map<PiiType, Integer> redactedCounts) {
    this.content = content;
    this.sealed = List.copyOf(sealed);
    this.redactedCounts = Map.copyOf(redactedCounts);
  }

  /**
   * A case as a store holds it, read back to be put into another store unchanged ({@code casevault
   * migrate}): nothing is redacted again and nothing is unsealed.
   *
   * <p>Why this is safe: a store's only way in is {@code CaseStore.put(RedactedCase)}, so content
   * read back from a store went through {@link Redactor} before it was stored; its sealed values
   * are the ciphertext the redactor made, bound to the case's id and fields, which this call does
   * not change. Only the backends' {@code storedCases} call it, on what they just read from their
   * own index ({@code ReadBackFromStoreCallersTest} fails on any other caller). Never call it with
   * a case from anywhere else: that would store personal data in clear.
   *
   * <p>The redaction counts of a read-back case are unknown, so they are empty.
   */
  public static RedactedCase readBackFromStore(SupportCase content, List<SealedValue> sealed) {
    return new RedactedCase(java.util.Objects.requireNonNull(content, "content"), sealed, Map.of());
  }

  /** The case as it may be stored: placeholders, masks and tokens instead of personal data. */
  public SupportCase content() {
    return content;
  }

  /** The originals the policy keeps, encrypted. */
  public List<SealedValue> sealed() {
    return sealed;
  }

  /** How many values of each type were redacted (for reports; never the values). */
  public Map<PiiType, Integer> redactedCounts() {
    return redactedCounts;
  }
}
