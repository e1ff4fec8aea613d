package dev.casevault.redaction.eval;

import dev.casevault.redaction.PiiType;
import java.util.Objects;

/**
 * A labelled piece of personal data in an evaluation text: what the detector should find.
 *
 * @param type its casevault type
 * @param start offset of its first character (0-based, UTF-16, as {@link String})
 * @param end offset just after its last character (exclusive)
 */
public record GoldSpan(PiiType type, int start, int end) {
  public GoldSpan {
    Objects.requireNonNull(type, "type");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("empty or negative span [" + start + ", " + end + ")");
    }
  }
}
