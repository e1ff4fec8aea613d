package dev.casevault.redaction;

import java.util.Objects;

/**
 * One piece of personal data found in a text.
 *
 * @param type what it is
 * @param start offset of its first character (0-based, in UTF-16 code units, as {@link String})
 * @param end offset just after its last character (exclusive)
 * @param score confidence in (0, 1]
 * @param rule the name of the rule that found it, for explanations and tuning; never the value
 */
public record Finding(PiiType type, int start, int end, double score, String rule) {
  public Finding {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rule, "rule");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("empty or negative span [" + start + ", " + end + ")");
    }
    if (!(score > 0 && score <= 1)) {
      throw new IllegalArgumentException("score " + score + " is not in (0, 1]");
    }
  }

  public int length() {
    return end - start;
  }

  boolean overlaps(Finding other) {
    return start < other.end && other.start < end;
  }
}
