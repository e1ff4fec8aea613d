package dev.casevault.corpus;

import java.util.List;
import java.util.SplittableRandom;

/** Small random choices, all drawn from the caller's generator so that results are reproducible. */
final class Pick {
  static final String DIGITS = "0123456789";
  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static final String HEX = "0123456789abcdef";

  private Pick() {}

  static <T> T one(SplittableRandom random, T[] items) {
    return items[random.nextInt(items.length)];
  }

  static <T> T one(SplittableRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  static boolean percent(SplittableRandom random, int percent) {
    return random.nextInt(100) < percent;
  }

  /** An index into {@code weights}, each drawn in proportion to its weight. */
  static int weighted(SplittableRandom random, int[] weights) {
    int total = 0;
    for (int weight : weights) {
      total += weight;
    }
    int ticket = random.nextInt(total);
    for (int i = 0; ; i++) {
      ticket -= weights[i];
      if (ticket < 0) {
        return i;
      }
    }
  }

  /** A number in {@code [low, high]}, both inclusive. */
  static int between(SplittableRandom random, int low, int high) {
    return random.nextInt(low, high + 1);
  }

  static String chars(SplittableRandom random, String alphabet, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(out);
  }

  static String digits(SplittableRandom random, int length) {
    return chars(random, DIGITS, length);
  }

  /** {@code value} in decimal, left-padded with zeros to {@code width} digits. */
  static String padded(long value, int width) {
    String digits = Long.toString(value);
    if (digits.length() >= width) {
      return digits;
    }
    return "0".repeat(width - digits.length()) + digits;
  }
}
