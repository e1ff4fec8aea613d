package dev.casevault.redaction;

import dev.casevault.core.SupportCase;
import java.util.List;
import java.util.Map;

/**
 * A case whose personal data has been redacted: the only kind of case a store accepts.
 *
 * <p>Only {@link Redactor} makes one, so holding a {@code RedactedCase} proves that every text and
 * identity field went through detection and the policy. Its sealed values are ciphertext under the
 * customer's vault key.
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
