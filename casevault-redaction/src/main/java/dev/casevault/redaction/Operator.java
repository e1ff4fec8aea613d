package dev.casevault.redaction;

/** What the redactor writes in place of a finding. */
public enum Operator {
  /** A typed placeholder with a short keyed token: {@code [EMAIL#7f3a]}. */
  REPLACE,
  /** The value with every letter and digit but the last few replaced by {@code *}. */
  MASK,
  /** A typed placeholder without a token: {@code [SECRET]}. Nothing of the value is kept. */
  DROP;

  static Operator byWireName(String name) {
    for (Operator operator : values()) {
      if (operator.wireName().equals(name)) {
        return operator;
      }
    }
    return null;
  }

  String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
