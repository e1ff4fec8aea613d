package dev.casevault.redaction.eval;

import java.util.Objects;

/**
 * A labelled span of a kind casevault does not detect (an organisation, a date, a city outside an
 * address). A prediction that overlaps one is neither right nor wrong: it is not scored.
 *
 * @param label the data set's own label, e.g. {@code ORGANIZATION}
 * @param start offset of its first character
 * @param end offset just after its last character (exclusive)
 */
public record IgnoredSpan(String label, int start, int end) {
  public IgnoredSpan {
    Objects.requireNonNull(label, "label");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("empty or negative span [" + start + ", " + end + ")");
    }
  }

  boolean overlaps(int otherStart, int otherEnd) {
    return start < otherEnd && otherStart < end;
  }
}
