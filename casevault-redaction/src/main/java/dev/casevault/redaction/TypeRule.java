package dev.casevault.redaction;

import java.util.Objects;

/**
 * How one type of personal data is redacted.
 *
 * @param operator what replaces the value in the text
 * @param keepLast for {@link Operator#MASK}: how many trailing letters or digits stay visible (0 to
 *     4); 0 otherwise
 * @param seal whether the original also goes, encrypted, into the vault so that it can be revealed
 *     later with permission; never with {@link Operator#DROP}
 */
public record TypeRule(Operator operator, int keepLast, boolean seal) {
  /** More than this would leave too much of an identifier readable. */
  public static final int MAX_KEEP_LAST = 4;

  public TypeRule {
    Objects.requireNonNull(operator, "operator");
    if (operator != Operator.MASK && keepLast != 0) {
      throw new IllegalArgumentException("keep_last applies to the mask operator only");
    }
    if (keepLast < 0 || keepLast > MAX_KEEP_LAST) {
      throw new IllegalArgumentException("keep_last must be between 0 and " + MAX_KEEP_LAST);
    }
    if (operator == Operator.DROP && seal) {
      throw new IllegalArgumentException("a dropped value cannot be sealed: drop keeps nothing");
    }
  }

  public static TypeRule replace(boolean seal) {
    return new TypeRule(Operator.REPLACE, 0, seal);
  }

  public static TypeRule mask(int keepLast, boolean seal) {
    return new TypeRule(Operator.MASK, keepLast, seal);
  }

  public static TypeRule drop() {
    return new TypeRule(Operator.DROP, 0, false);
  }
}
