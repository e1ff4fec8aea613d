package dev.casevault.redaction;

/**
 * Small shape checks over the tokens of a {@link ScanText} shared by the number detectors (phones,
 * payment cards, IBANs, national ids, dates of birth). Everything here looks at a bounded number of
 * characters or tokens.
 */
final class DigitRuns {
  private DigitRuns() {}

  /**
   * Whether the token is made of ASCII digits only (ScanText also counts other scripts' digits).
   */
  static boolean isAsciiDigits(ScanText text, int token) {
    if (!text.isDigits(token)) {
      return false;
    }
    for (int i = text.start(token); i < text.end(token); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The single character between {@code token} and the next token, or {@code '\0'} when there is no
   * next token or the gap is not exactly one character.
   */
  static char singleSeparatorAfter(ScanText text, int token) {
    if (token + 1 >= text.tokenCount()) {
      return '\0';
    }
    int end = text.end(token);
    return text.start(token + 1) == end + 1 ? text.charAt(end) : '\0';
  }

  /** Whether the character is a space people put between digit groups (including no-break ones). */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\u00a0' || c == '\u202f' || c == '\u2009';
  }

  /**
   * Whether the span is glued to a neighbouring identifier: {@code CMD-2021-123456}, {@code
   * 1.2.3.4.5}, {@code 123-45-6789-01}. A separator followed or preceded by a letter or digit
   * continues the identifier; a sentence's full stop before a space does not.
   */
  static boolean gluedToNeighbour(ScanText text, int start, int end) {
    char before = text.charAt(start - 1);
    if (isJoiner(before) && Character.isLetterOrDigit(text.charAt(start - 2))) {
      return true;
    }
    char after = text.charAt(end);
    return isJoiner(after) && Character.isLetterOrDigit(text.charAt(end + 1));
  }

  private static boolean isJoiner(char c) {
    return c == '-' || c == '.' || c == '/' || c == '_' || c == ',' || c == ':';
  }

  /**
   * Whether one of {@code words} (lower case, single tokens) appears among the {@code maxTokens}
   * tokens before {@code token}, no further than {@code maxChars} characters before its start.
   */
  static boolean wordBefore(
      ScanText text, int token, int maxTokens, int maxChars, String... words) {
    int limit = text.start(token) - maxChars;
    for (int t = token - 1; t >= 0 && t >= token - maxTokens; t--) {
      text.checkDeadline();
      if (text.start(t) < limit) {
        return false;
      }
      if (text.isDigits(t)) {
        continue;
      }
      for (String word : words) {
        if (text.tokenIs(t, word)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Like {@link #wordBefore}, for {@code words} that {@link Keywords} flags with {@code flag}: only
   * flagged tokens are compared with them.
   */
  static boolean keywordBefore(
      ScanText text, int token, int maxTokens, int maxChars, int flag, String... words) {
    int limit = text.start(token) - maxChars;
    for (int t = token - 1; t >= 0 && t >= token - maxTokens; t--) {
      text.checkDeadline();
      if (text.start(t) < limit) {
        return false;
      }
      if ((text.keywords(t) & flag) == 0) {
        continue;
      }
      for (String word : words) {
        if (text.tokenIs(t, word)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The Luhn check over ASCII digits. */
  static boolean luhnValid(CharSequence digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
