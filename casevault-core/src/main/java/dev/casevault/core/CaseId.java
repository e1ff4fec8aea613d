package dev.casevault.core;

import java.util.regex.Pattern;

/**
 * The identifier of a support case, e.g. {@code CASE-2019-0001234}.
 *
 * <p>Ids are restricted to a small alphabet so that they can be echoed in errors, logs and audit
 * entries without escaping and without ever carrying free text (and so personal data).
 */
public record CaseId(String value) implements Comparable<CaseId> {
  public static final int MAX_LENGTH = 128;
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");

  public CaseId {
    if (!isValid(value)) {
      throw new IllegalArgumentException(
          "a case id is 1-"
              + MAX_LENGTH
              + " characters of A-Z a-z 0-9 . _ : - starting with a letter or digit");
    }
  }

  public static boolean isValid(String value) {
    return value != null
        && !value.isEmpty()
        && value.length() <= MAX_LENGTH
        && ALLOWED.matcher(value).matches();
  }

  @Override
  public int compareTo(CaseId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
