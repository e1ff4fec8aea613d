package dev.casevault.corpus;

import java.time.LocalDate;
import java.util.SplittableRandom;

/** US social security numbers, French NIR (with their key) and UK National Insurance numbers. */
final class NationalIds {
  /** NINO prefix letters: never D, F, I, Q, U or V; O never second. */
  private static final String NINO_FIRST = "ABCEGHJKLMNOPRSTWXYZ";

  private static final String NINO_SECOND = "ABCEGHJKLMNPRSTWXYZ";
  private static final java.util.Set<String> NINO_BANNED =
      java.util.Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");

  /** INSEE codes of countries of birth, used as the commune of people born abroad (99). */
  private static final String[] FOREIGN_BIRTH = {"352", "350", "351", "109", "134", "127", "139"};

  private NationalIds() {}

  /** Area 001-899 but never 666, group 01-99, serial 0001-9999. */
  static String ssn(SplittableRandom r) {
    int area;
    do {
      area = Pick.between(r, 1, 899);
    } while (area == 666);
    String a = Pick.padded(area, 3);
    String g = Pick.padded(Pick.between(r, 1, 99), 2);
    String s = Pick.padded(Pick.between(r, 1, 9999), 4);
    return switch (r.nextInt(10)) {
      case 0 -> a + " " + g + " " + s;
      case 1 -> a + g + s;
      default -> a + "-" + g + "-" + s;
    };
  }

  /**
   * A NIR: sex, year and month of birth, department (2A and 2B for Corsica, 99 for born abroad),
   * commune, birth order, then the key 97 - (number mod 97), where Corsica counts as 19 and 18.
   */
  static String nir(boolean female, LocalDate birth, SplittableRandom r) {
    String sex = female ? "2" : "1";
    String yy = Pick.padded(birth.getYear() % 100, 2);
    String mm = Pick.padded(birth.getMonthValue(), 2);
    int place = r.nextInt(100);
    String department;
    String commune;
    if (place < 3) {
      department = Pick.percent(r, 50) ? "2A" : "2B";
      commune = Pick.padded(Pick.between(r, 1, 366), 3);
    } else if (place < 12) {
      department = "99";
      commune = Pick.one(r, FOREIGN_BIRTH);
    } else {
      int number;
      do {
        number = Pick.between(r, 1, 95);
      } while (number == 20);
      department = Pick.padded(number, 2);
      commune = Pick.padded(Pick.between(r, 1, 899), 3);
    }
    String order = Pick.padded(Pick.between(r, 1, 999), 3);
    String body = sex + yy + mm + department + commune + order;
    String key = Pick.padded(nirKey(body), 2);
    return switch (r.nextInt(10)) {
      case 0, 1, 2, 3, 4 ->
          sex + " " + yy + " " + mm + " " + department + " " + commune + " " + order + " " + key;
      case 5, 6, 7 -> body + key;
      default -> body + " " + key;
    };
  }

  static int nirKey(String body) {
    String numeric = body.replace("2A", "19").replace("2B", "18");
    return (int) (97 - Long.parseLong(numeric) % 97);
  }

  /** Two prefix letters, six digits and a suffix A-D. */
  static String nino(SplittableRandom r) {
    String prefix;
    do {
      prefix = Pick.chars(r, NINO_FIRST, 1) + Pick.chars(r, NINO_SECOND, 1);
    } while (NINO_BANNED.contains(prefix));
    String digits = Pick.digits(r, 6);
    String suffix = Pick.chars(r, "ABCD", 1);
    return Pick.percent(r, 50)
        ? prefix
            + " "
            + digits.substring(0, 2)
            + " "
            + digits.substring(2, 4)
            + " "
            + digits.substring(4)
            + " "
            + suffix
        : prefix + digits + suffix;
  }
}
