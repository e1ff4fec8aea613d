package dev.casevault.corpus;

import java.math.BigInteger;
import java.util.Map;

/**
 * Validators written from the published rules, independently of the generator's own arithmetic, so
 * that a bug there cannot hide itself.
 */
final class Checks {
  /** IBAN lengths from the SWIFT IBAN registry. */
  static final Map<String, Integer> IBAN_LENGTHS =
      Map.of("FR", 27, "DE", 22, "GB", 22, "ES", 24, "IT", 27, "BE", 16, "CH", 21, "NL", 18);

  private Checks() {}

  static String digitsOnly(String value) {
    return value.replaceAll("[ -]", "");
  }

  static boolean luhn(String number) {
    if (!number.matches("\\d{12,19}")) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < number.length(); i++) {
      int digit = number.charAt(number.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      }
      sum += digit;
    }
    return sum % 10 == 0;
  }

  /** ISO 13616: move the first four characters to the end, letters to 10-35, mod 97 is 1. */
  static boolean ibanValid(String iban) {
    String compact = iban.replace(" ", "");
    Integer length = IBAN_LENGTHS.get(compact.length() >= 2 ? compact.substring(0, 2) : "");
    if (length == null
        || compact.length() != length
        || !compact.matches("[A-Z]{2}\\d{2}[A-Z0-9]+")) {
      return false;
    }
    StringBuilder numeric = new StringBuilder();
    for (char c : (compact.substring(4) + compact.substring(0, 4)).toCharArray()) {
      numeric.append(Character.isLetter(c) ? Integer.toString(c - 'A' + 10) : String.valueOf(c));
    }
    return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
  }

  /**
   * INSEE: 15 characters once spaces are removed; sex 1 or 2, month 01-12, department 01-99 or 2A
   * or 2B; key = 97 - (first 13 as a number mod 97), Corsica's 2A and 2B counting as 19 and 18.
   */
  static boolean nirValid(String nir) {
    String compact = nir.replace(" ", "");
    if (!compact.matches("[12]\\d{4}(\\d{2}|2A|2B)\\d{8}")) {
      return false;
    }
    int month = Integer.parseInt(compact.substring(3, 5));
    if (month < 1 || month > 12) {
      return false;
    }
    String body = compact.substring(0, 13);
    String department = body.substring(5, 7);
    String numeric =
        body.substring(0, 5)
            + (department.equals("2A") ? "19" : department.equals("2B") ? "18" : department)
            + body.substring(7);
    long key = 97 - new BigInteger(numeric).mod(BigInteger.valueOf(97)).longValue();
    return key == Long.parseLong(compact.substring(13));
  }

  /** HMRC's published format: prefix letters, six digits, suffix A-D. */
  static boolean ninoValid(String nino) {
    String compact = nino.replace(" ", "");
    return compact.matches(
        "(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\\d{6}[A-D]");
  }

  /** Area 001-899 except 666, group 01-99, serial 0001-9999. */
  static boolean ssnValid(String ssn) {
    String compact = digitsOnly(ssn);
    if (!compact.matches("\\d{9}")) {
      return false;
    }
    int area = Integer.parseInt(compact.substring(0, 3));
    return area > 0
        && area < 900
        && area != 666
        && !compact.substring(3, 5).equals("00")
        && !compact.substring(5).equals("0000");
  }
}
