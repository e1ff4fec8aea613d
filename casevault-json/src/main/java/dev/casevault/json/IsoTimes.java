package dev.casevault.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Parses the one time format of the ingest format, {@code yyyy-MM-ddTHH:mm:ss[.fraction]} followed
 * by {@code Z} or {@code ±HH:MM}, straight from the parser's character buffer.
 *
 * <p>Hand-written because a case carries a time per message and note, and {@code DateTimeFormatter}
 * costs about a microsecond per value on the ingest hot path. It is stricter than {@code
 * DateTimeFormatter.ISO_OFFSET_DATE_TIME}: seconds are required, {@code T} and {@code Z} must be
 * upper case and offsets have no seconds.
 */
final class IsoTimes {
  /** The length of {@code 2019-12-05T10:15:00.123456789+01:00}, the longest accepted time. */
  static final int MAX_LENGTH = 35;

  private static final int MIN_LENGTH = "2019-12-05T10:15:00Z".length();
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  private IsoTimes() {}

  /** The instant, or null if {@code chars[offset, offset + length)} is not a valid time. */
  static Instant parse(char[] chars, int offset, int length) {
    if (length < MIN_LENGTH || length > MAX_LENGTH) {
      return null;
    }
    int year = digits(chars, offset, 4);
    int month = digits(chars, offset + 5, 2);
    int day = digits(chars, offset + 8, 2);
    int hour = digits(chars, offset + 11, 2);
    int minute = digits(chars, offset + 14, 2);
    int second = digits(chars, offset + 17, 2);
    if (year < 0
        || chars[offset + 4] != '-'
        || month < 1
        || month > 12
        || chars[offset + 7] != '-'
        || day < 1
        || day > Month.of(month).length(Year.isLeap(year))
        || chars[offset + 10] != 'T'
        || hour < 0
        || hour > 23
        || chars[offset + 13] != ':'
        || minute < 0
        || minute > 59
        || chars[offset + 16] != ':'
        || second < 0
        || second > 59) {
      return null;
    }
    int end = offset + length;
    int i = offset + 19;
    int nanos = 0;
    if (chars[i] == '.') {
      int fractionStart = ++i;
      while (i < end && i - fractionStart < 9 && isDigit(chars[i])) {
        nanos = nanos * 10 + chars[i++] - '0';
      }
      int fractionDigits = i - fractionStart;
      if (fractionDigits == 0) {
        return null;
      }
      for (int k = fractionDigits; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds = zoneOffset(chars, i, end);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** {@code Z} or {@code ±HH:MM} filling {@code [from, end)}, or {@code MIN_VALUE} if invalid. */
  private static int zoneOffset(char[] chars, int from, int end) {
    if (end - from == 1 && chars[from] == 'Z') {
      return 0;
    }
    if (end - from != 6 || chars[from + 3] != ':') {
      return Integer.MIN_VALUE;
    }
    int sign =
        switch (chars[from]) {
          case '+' -> 1;
          case '-' -> -1;
          default -> 0;
        };
    int hours = digits(chars, from + 1, 2);
    int minutes = digits(chars, from + 4, 2);
    int total = hours * 3600 + minutes * 60;
    if (sign == 0 || hours < 0 || minutes < 0 || minutes > 59 || total > MAX_OFFSET_SECONDS) {
      return Integer.MIN_VALUE;
    }
    return sign * total;
  }

  /** The decimal number in {@code count} digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(char[] chars, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      if (!isDigit(chars[i])) {
        return -1;
      }
      value = value * 10 + chars[i] - '0';
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
