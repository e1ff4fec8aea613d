package dev.casevault.corpus;

import dev.casevault.core.Language;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Values that are not personal data but look like it to a careless detector: order and invoice
 * numbers, version numbers (some shaped like IPv4 addresses), hexadecimal error codes, KB articles,
 * product serials, ordinary dates, amounts, request ids and checksums. None of them is ever
 * recorded as planted.
 */
final class Bait {
  private static final String[] SOFTWARE_ERRORS = {
    "0x80070005", "0x8004010F", "0x800CCC0E", "0xC004F074", "0x80190001", "0x8007016A",
    "0x8004DE40", "0x80072EE7", "0x87DD0006", "0x80040154", "AADSTS50126", "AADSTS50076",
    "550 5.7.1", "421 4.7.0", "ERR_CONNECTION_RESET", "1001", "403"
  };
  private static final String[] HARDWARE_ERRORS = {
    "E3",
    "49.4C02",
    "79 service error",
    "0xc4eb827f",
    "50.4 fuser error",
    "ERR 651",
    "2100",
    "PXE-E61",
    "0x0000007B"
  };

  private Bait() {}

  static String order(int year, SplittableRandom r) {
    return switch (r.nextInt(4)) {
      case 0 -> Integer.toString(Pick.between(r, 1_000_000, 99_999_999));
      case 1 -> "W" + Pick.digits(r, 9);
      case 2 -> "1" + Pick.digits(r, 2) + "-" + Pick.digits(r, 7) + "-" + Pick.digits(r, 7);
      default -> "CMD-" + year + "-" + Pick.digits(r, 6);
    };
  }

  static String invoice(int year, Language language, SplittableRandom r) {
    return language == Language.FR
        ? "FA" + year + "-" + Pick.digits(r, 5)
        : Pick.percent(r, 50) ? "INV-" + year + "-" + Pick.digits(r, 6) : "INV" + Pick.digits(r, 8);
  }

  /**
   * A build or firmware version. Office-style builds have a part above 255; firmware versions are
   * sometimes four small numbers, exactly the shape of an IPv4 address.
   */
  static String version(Catalogue.Kind kind, SplittableRandom r) {
    return switch (kind) {
      case SUITE, MAIL, GAMING ->
          Pick.between(r, 12, 16)
              + ".0."
              + Pick.between(r, 4000, 13000)
              + "."
              + Pick.between(r, 1000, 20000);
      case SYNC ->
          Pick.between(r, 17, 19)
              + "."
              + Pick.padded(Pick.between(r, 1, 250), 3)
              + "."
              + Pick.padded(Pick.between(r, 101, 1231), 4)
              + "."
              + Pick.padded(Pick.between(r, 1, 10), 4);
      case PRINTER, ROUTER ->
          Pick.percent(r, 50)
              ? Pick.between(r, 1, 3)
                  + "."
                  + r.nextInt(10)
                  + "."
                  + r.nextInt(10)
                  + "."
                  + Pick.between(r, 10, 99)
              : "V" + Pick.between(r, 1, 3) + "." + r.nextInt(10) + "." + Pick.between(r, 10, 99);
      case LAPTOP -> Pick.between(r, 1, 2) + "." + Pick.between(r, 10, 40) + "." + r.nextInt(10);
      case PHONE -> Pick.between(r, 4, 12) + "." + r.nextInt(5) + "." + r.nextInt(5);
      case ACCOUNTING ->
          Pick.between(r, 2010, 2019) + "." + Pick.between(r, 1, 4) + "." + r.nextInt(10);
    };
  }

  static String error(Catalogue.Kind kind, SplittableRandom r) {
    return Pick.one(r, kind.hardware && Pick.percent(r, 70) ? HARDWARE_ERRORS : SOFTWARE_ERRORS);
  }

  static String kb(SplittableRandom r) {
    return "KB" + Pick.between(r, 2_000_000, 4_999_999);
  }

  static String serial(Catalogue.Kind kind, SplittableRandom r) {
    return switch (kind) {
      case LAPTOP ->
          Pick.percent(r, 50)
              ? "PF" + Pick.chars(r, Pick.UPPER_DIGITS, 6)
              : "C02" + Pick.chars(r, Pick.UPPER_DIGITS, 9);
      case PRINTER -> "VNB" + r.nextInt(10) + Pick.chars(r, Pick.UPPER_DIGITS, 6);
      case ROUTER -> Pick.chars(r, Pick.UPPER, 2) + Pick.digits(r, 10);
      case PHONE -> "R58" + Pick.chars(r, Pick.UPPER_DIGITS, 8);
      default -> "5CG" + Pick.digits(r, 4) + Pick.chars(r, Pick.UPPER_DIGITS, 3);
    };
  }

  /** A day shortly before {@code created}: when the problem started, a purchase, a charge. */
  static LocalDate dayBefore(LocalDate created, SplittableRandom r) {
    return created.minusDays(
        Pick.percent(r, 70) ? Pick.between(r, 0, 14) : Pick.between(r, 15, 400));
  }

  static String amount(Country country, Language language, SplittableRandom r) {
    int cents =
        Pick.percent(r, 70) ? Pick.between(r, 199, 19_999) : Pick.between(r, 20_000, 249_999);
    cents = cents / 100 * 100 + Pick.one(r, new Integer[] {0, 99, 49, 90, 0});
    String units = Integer.toString(cents / 100);
    String fraction = Pick.padded(cents % 100, 2);
    if (language == Language.FR) {
      String grouped =
          units.length() > 3
              ? units.substring(0, units.length() - 3)
                  + "\u202f"
                  + units.substring(units.length() - 3)
              : units;
      return grouped
          + ","
          + fraction
          + (country == Country.CH ? " CHF" : country == Country.CA ? " $" : " €");
    }
    String grouped =
        units.length() > 3
            ? units.substring(0, units.length() - 3) + "," + units.substring(units.length() - 3)
            : units;
    return switch (country) {
      case US, CA -> "$" + grouped + "." + fraction;
      case UK -> "£" + grouped + "." + fraction;
      case CH -> "CHF " + grouped + "." + fraction;
      default -> "€" + grouped + "." + fraction;
    };
  }

  static String caseRef(int year, SplittableRandom r) {
    return "CASE-"
        + Pick.between(r, Math.max(Catalogue.FIRST_YEAR, year - 2), year)
        + "-"
        + Pick.digits(r, 7);
  }

  static String uuid(SplittableRandom r) {
    String hex = Pick.chars(r, Pick.HEX, 32);
    return hex.substring(0, 8)
        + "-"
        + hex.substring(8, 12)
        + "-4"
        + hex.substring(13, 16)
        + "-"
        + Pick.one(r, new String[] {"8", "9", "a", "b"})
        + hex.substring(17, 20)
        + "-"
        + hex.substring(20);
  }

  static String checksum(SplittableRandom r) {
    return Pick.chars(r, Pick.HEX, 64);
  }

  static String time(Language language, SplittableRandom r) {
    String hour = Integer.toString(Pick.between(r, 7, 20));
    String minute = Pick.padded(5 * r.nextInt(12), 2);
    return language == Language.FR && Pick.percent(r, 50)
        ? hour + "h" + minute
        : hour + ":" + minute;
  }

  static String tracking(Country country, SplittableRandom r) {
    return country == Country.FR || country == Country.BE
        ? Pick.one(r, new String[] {"6A", "8R", "6C"}) + Pick.digits(r, 11)
        : "1Z" + Pick.chars(r, Pick.UPPER_DIGITS, 6) + Pick.digits(r, 10);
  }

  static String expiry(int year, SplittableRandom r) {
    return Pick.padded(Pick.between(r, 1, 12), 2)
        + "/"
        + Pick.padded((year + Pick.between(r, 1, 4)) % 100, 2);
  }
}
