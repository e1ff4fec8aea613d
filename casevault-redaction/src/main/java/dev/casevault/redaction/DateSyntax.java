package dev.casevault.redaction;

import java.util.Map;

/**
 * Recognises a calendar date written as people write them, starting at a token: numeric ({@code
 * 02/05/1977}, {@code 12/18/1990}, {@code 1963-12-21}, {@code 05.04.1963}, {@code 8/2/81}) or with
 * the month in words ({@code 17 décembre 1983}, {@code 1er mars 1975}, {@code December 18, 1990},
 * {@code 24 Jun 1961}). Day and month must fit the calendar; a four-digit year must be plausible.
 */
final class DateSyntax {
  private static final Map<String, Integer> MONTHS = months();

  private DateSyntax() {}

  /** The last token of a date starting at {@code first}, or -1. */
  static int dateEnd(ScanText text, int first, int minYear, int maxYear) {
    if (first >= text.tokenCount()) {
      return -1;
    }
    if (DigitRuns.isAsciiDigits(text, first)) {
      int numeric = numericDateEnd(text, first, minYear, maxYear);
      if (numeric >= 0) {
        return numeric;
      }
    }
    int day = dayOf(text, first);
    if (day > 0 && first + 2 < text.tokenCount()) {
      int month = monthOf(text, first + 1);
      if (month > 0
          && wordGap(text, first, first + 1)
          && wordGap(text, first + 1, first + 2)
          && validDate(day, month, year(text, first + 2, minYear, maxYear, false))) {
        return first + 2;
      }
    }
    int month = text.isLetters(first) ? monthOf(text, first) : 0;
    if (month > 0 && first + 2 < text.tokenCount()) {
      int monthFirstDay = dayOf(text, first + 1);
      if (monthFirstDay > 0
          && wordGap(text, first, first + 1)
          && wordGap(text, first + 1, first + 2)
          && validDate(monthFirstDay, month, year(text, first + 2, minYear, maxYear, false))) {
        return first + 2;
      }
    }
    return -1;
  }

  private static int numericDateEnd(ScanText text, int first, int minYear, int maxYear) {
    if (first + 2 >= text.tokenCount()) {
      return -1;
    }
    char separator = DigitRuns.singleSeparatorAfter(text, first);
    if (separator != '/' && separator != '.' && separator != '-') {
      return -1;
    }
    if (DigitRuns.singleSeparatorAfter(text, first + 1) != separator
        || !DigitRuns.isAsciiDigits(text, first + 1)
        || !DigitRuns.isAsciiDigits(text, first + 2)
        || DigitRuns.gluedToNeighbour(text, text.start(first), text.end(first + 2))) {
      return -1;
    }
    int a = value(text, first);
    int b = value(text, first + 1);
    int lengthA = text.tokenLength(first);
    int lengthB = text.tokenLength(first + 1);
    int lengthC = text.tokenLength(first + 2);
    if (lengthA == 4 && lengthB <= 2 && lengthC <= 2) {
      int year = year(text, first, minYear, maxYear, false);
      return validDate(value(text, first + 2), b, year) ? first + 2 : -1;
    }
    if (lengthA > 2 || lengthB > 2) {
      return -1;
    }
    int year = year(text, first + 2, minYear, maxYear, true);
    return validDate(a, b, year) || validDate(b, a, year) ? first + 2 : -1;
  }

  /** The year, or 0 when the token is not a plausible birth year. */
  private static int year(ScanText text, int token, int minYear, int maxYear, boolean twoDigits) {
    if (!DigitRuns.isAsciiDigits(text, token)) {
      return 0;
    }
    int length = text.tokenLength(token);
    if (length == 2 && twoDigits) {
      return 2000; // a leap year: two-digit years are accepted as written
    }
    if (length != 4) {
      return 0;
    }
    int year = value(text, token);
    return year >= minYear && year <= maxYear ? year : 0;
  }

  private static boolean validDate(int day, int month, int year) {
    if (year == 0 || month < 1 || month > 12 || day < 1) {
      return false;
    }
    int days =
        switch (month) {
          case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
          case 4, 6, 9, 11 -> 30;
          default -> 31;
        };
    return day <= days;
  }

  /** A day of month written as digits or as an ordinal ("1er", "1st", "22nd", "3rd", "18th"). */
  private static int dayOf(ScanText text, int token) {
    int length = text.tokenLength(token);
    if (length > 4) {
      return 0;
    }
    int start = text.start(token);
    int digits = 0;
    int day = 0;
    while (digits < length && Character.isDigit(text.charAt(start + digits))) {
      char c = text.charAt(start + digits);
      if (c > '9') {
        return 0;
      }
      day = day * 10 + (c - '0');
      digits++;
    }
    if (digits == 0 || digits > 2 || day > 31) {
      return 0;
    }
    if (digits == length) {
      return day;
    }
    String suffix =
        text.text().substring(start + digits, start + length).toLowerCase(java.util.Locale.ROOT);
    return switch (suffix) {
      case "er", "st", "nd", "rd", "th", "e" -> day;
      default -> 0;
    };
  }

  private static int monthOf(ScanText text, int token) {
    if (!text.isLetters(token) || text.tokenLength(token) < 3 || text.tokenLength(token) > 9) {
      return 0;
    }
    Integer month = MONTHS.get(text.lowerToken(token));
    return month == null ? 0 : month;
  }

  /** Between the words of a date: a space, a comma, an abbreviation's full stop or a dash. */
  private static boolean wordGap(ScanText text, int left, int right) {
    int from = text.end(left);
    int to = text.start(right);
    if (to - from > 3) {
      return false;
    }
    boolean space = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (DigitRuns.isSpace(c)) {
        space = true;
      } else if (c != ',' && c != '.' && c != '-') {
        return false;
      }
    }
    return space || to - from == 1 && text.charAt(from) == '-';
  }

  private static int value(ScanText text, int token) {
    int n = 0;
    for (int i = text.start(token); i < text.end(token); i++) {
      n = n * 10 + (text.charAt(i) - '0');
    }
    return n;
  }

  private static Map<String, Integer> months() {
    String[][] names = {
      {"january", "jan", "janvier", "janv", "januar", "enero", "gennaio"},
      {"february", "feb", "février", "fevrier", "févr", "fevr", "fév", "februar", "febrero"},
      {"march", "mar", "mars", "märz", "marz", "marzo"},
      {"april", "apr", "avril", "avr", "abril", "aprile"},
      {"may", "mai", "mayo", "maggio"},
      {"june", "jun", "juin", "juni", "junio", "giugno"},
      {"july", "jul", "juillet", "juil", "juli", "julio", "luglio"},
      {"august", "aug", "août", "aout", "agosto"},
      {"september", "sep", "sept", "septembre", "septiembre", "settembre"},
      {"october", "oct", "octobre", "oktober", "octubre", "ottobre"},
      {"november", "nov", "novembre", "noviembre"},
      {"december", "dec", "décembre", "decembre", "déc", "dezember", "diciembre", "dicembre"}
    };
    java.util.HashMap<String, Integer> months = new java.util.HashMap<>();
    for (int m = 0; m < names.length; m++) {
      for (String name : names[m]) {
        months.put(name, m + 1);
      }
    }
    return Map.copyOf(months);
  }
}
