package dev.casevault.redaction;

import java.util.List;

/**
 * National identity numbers: US social security numbers, French NIR (numéro de sécurité sociale)
 * and UK National Insurance numbers. Each is written solid or in its usual groups separated by
 * single spaces (SSNs also by dashes); the groups are joined and the whole value validated.
 */
final class NationalIdDetector implements Detector {
  private static final int NIR_LENGTH = 15;
  private static final int NINO_LENGTH = 9;

  @Override
  public void detect(ScanText text, List<Finding> out) {
    StringBuilder value = new StringBuilder(NIR_LENGTH + 1);
    for (int t = 0; t < text.tokenCount(); t++) {
      text.checkDeadline();
      int length = text.tokenLength(t);
      char first = text.charAt(text.start(t));
      if (text.isDigits(t)) {
        if (length == 3) {
          findGroupedSsn(text, t, out);
        } else if (length == 9) {
          findSolidSsn(text, t, out);
        }
        if ((first == '1' || first == '2') && (length == 1 || length == 13 || length == 15)) {
          findNir(text, t, value, out);
        }
      } else if ((first == '1' || first == '2')
          && (length == 13 || length == 15)
          && text.isMixed(t)) {
        findNir(text, t, value, out); // Corsica: 2A and 2B in the department
      } else if (text.isAllUpper(t) && (length == 2 || length == 8 || length == NINO_LENGTH)) {
        findNino(text, t, value, out);
      }
    }
  }

  // ---- US social security number ----

  private static void findGroupedSsn(ScanText text, int t, List<Finding> out) {
    char separator = DigitRuns.singleSeparatorAfter(text, t);
    if (separator != '-' && !DigitRuns.isSpace(separator)) {
      return;
    }
    if (t + 2 >= text.tokenCount()
        || text.tokenLength(t + 1) != 2
        || text.tokenLength(t + 2) != 4
        || DigitRuns.singleSeparatorAfter(text, t + 1) != separator
        || !DigitRuns.isAsciiDigits(text, t)
        || !DigitRuns.isAsciiDigits(text, t + 1)
        || !DigitRuns.isAsciiDigits(text, t + 2)) {
      return;
    }
    int start = text.start(t);
    int end = text.end(t + 2);
    if (DigitRuns.gluedToNeighbour(text, start, end) || !validSsn(text, start, t + 1, t + 2)) {
      return;
    }
    boolean context = hasSsnContext(text, t);
    if (separator != '-' && !context) {
      return; // "Suite 680 36 4022": spaced digit groups need SSN words nearby
    }
    double score = context ? 0.95 : 0.85;
    out.add(new Finding(PiiType.US_SSN, start, end, score, "ssn.grouped"));
  }

  /** Nine bare digits are as often an order or account number: only with SSN words nearby. */
  private static void findSolidSsn(ScanText text, int t, List<Finding> out) {
    int start = text.start(t);
    if (!DigitRuns.isAsciiDigits(text, t)
        || DigitRuns.gluedToNeighbour(text, start, text.end(t))
        || !hasSsnContext(text, t)) {
      return;
    }
    String s = text.text();
    if (validArea(area(s, start)) && number(s, start + 3, 2) != 0 && number(s, start + 5, 4) != 0) {
      out.add(new Finding(PiiType.US_SSN, start, text.end(t), 0.85, "ssn.solid"));
    }
  }

  private static boolean validSsn(ScanText text, int start, int group, int serial) {
    String s = text.text();
    return validArea(area(s, start))
        && number(s, text.start(group), 2) != 0
        && number(s, text.start(serial), 4) != 0;
  }

  private static int area(String s, int start) {
    return number(s, start, 3);
  }

  /** 000, 666 and 900-999 are never issued. */
  private static boolean validArea(int area) {
    return area > 0 && area != 666 && area < 900;
  }

  private static boolean hasSsnContext(ScanText text, int t) {
    return DigitRuns.wordBefore(text, t, 6, 60, "ssn", "ssns", "social", "security", "ss");
  }

  // ---- French NIR ----

  private static void findNir(ScanText text, int t, StringBuilder value, List<Finding> out) {
    int last = joinGroups(text, t, NIR_LENGTH, value);
    if (last < 0 || !validNir(value)) {
      return;
    }
    int start = text.start(t);
    int end = text.end(last);
    if (!DigitRuns.gluedToNeighbour(text, start, end)) {
      out.add(
          new Finding(PiiType.FR_NIR, start, end, 0.95, last == t ? "nir.solid" : "nir.grouped"));
    }
  }

  /**
   * Sex, year, month, department (2A/2B in Corsica), commune, birth order and the key: 97 minus the
   * 13-digit number mod 97, Corsica counting as 19 and 18.
   */
  static boolean validNir(CharSequence v) {
    if (v.length() != NIR_LENGTH || (v.charAt(0) != '1' && v.charAt(0) != '2')) {
      return false;
    }
    int month = number(v, 3, 2);
    // 20-42 and 50-99 are used for people whose month of birth is unknown.
    if (month < 1 || (month > 12 && month < 20) || (month > 42 && month < 50)) {
      return false;
    }
    long body = 0;
    for (int i = 0; i < 13; i++) {
      char c = v.charAt(i);
      if (i == 6 && v.charAt(5) == '2' && (c == 'A' || c == 'B')) {
        body = body / 10 * 100 + (c == 'A' ? 19 : 18); // replaces the 2 just added
        continue;
      }
      if (c < '0' || c > '9') {
        return false;
      }
      body = body * 10 + (c - '0');
    }
    if (v.charAt(5) == '0' && v.charAt(6) == '0') {
      return false; // no department 00
    }
    int key = number(v, 13, 2);
    return key >= 1 && key <= 97 && key == 97 - body % 97;
  }

  // ---- UK National Insurance number ----

  private static void findNino(ScanText text, int t, StringBuilder value, List<Finding> out) {
    int last = joinGroups(text, t, NINO_LENGTH, value);
    if (last < 0 || !validNino(value)) {
      return;
    }
    int start = text.start(t);
    int end = text.end(last);
    if (DigitRuns.gluedToNeighbour(text, start, end)) {
      return;
    }
    boolean context = DigitRuns.wordBefore(text, t, 6, 60, "insurance", "nino", "ni", "nin");
    out.add(new Finding(PiiType.UK_NINO, start, end, context ? 0.95 : 0.85, "nino"));
  }

  /** Two letters (no D F I Q U V, no O second, not BG GB NK KN TN NT ZZ), six digits, A-D. */
  static boolean validNino(CharSequence v) {
    char a = v.charAt(0);
    char b = v.charAt(1);
    if (!ninoLetter(a) || !ninoLetter(b) || b == 'O') {
      return false;
    }
    String prefix = "" + a + b;
    if ("BG GB NK KN TN NT ZZ".contains(prefix)) {
      return false;
    }
    for (int i = 2; i < 8; i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return false;
      }
    }
    char suffix = v.charAt(8);
    return suffix >= 'A' && suffix <= 'D';
  }

  private static boolean ninoLetter(char c) {
    return c >= 'A' && c <= 'Z' && "DFIQUV".indexOf(c) < 0;
  }

  // ---- shared ----

  /**
   * Joins {@code first} and the tokens after it, separated by single spaces, into {@code value};
   * returns the last token when they make exactly {@code length} ASCII letters and digits, else -1.
   */
  private static int joinGroups(ScanText text, int first, int length, StringBuilder value) {
    value.setLength(0);
    int token = first;
    while (true) {
      text.checkDeadline();
      for (int i = text.start(token); i < text.end(token); i++) {
        char c = text.charAt(i);
        if (c >= 128) {
          return -1;
        }
        value.append(c);
      }
      if (value.length() >= length) {
        return value.length() == length ? token : -1;
      }
      if (!DigitRuns.isSpace(DigitRuns.singleSeparatorAfter(text, token))) {
        return -1;
      }
      token++;
    }
  }

  private static int number(CharSequence s, int from, int digits) {
    int n = 0;
    for (int i = from; i < from + digits; i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    return n;
  }
}
