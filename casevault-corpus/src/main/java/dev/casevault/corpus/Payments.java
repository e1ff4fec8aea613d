package dev.casevault.corpus;

import java.util.SplittableRandom;

/**
 * Payment card numbers that pass the Luhn check and IBANs that pass the ISO 13616 mod-97 check,
 * with the right length and national layout per country (and the national check digits where the
 * country has them: the French RIB key, the Belgian, Spanish and Italian checks).
 */
final class Payments {
  private Payments() {}

  /** A card number: Visa, Mastercard, American Express or Discover, grouped as printed. */
  static String card(SplittableRandom r) {
    int brand = Pick.weighted(r, new int[] {50, 30, 12, 8});
    String prefix =
        switch (brand) {
          case 0 -> "4";
          case 1 ->
              Pick.percent(r, 80)
                  ? "5" + Pick.between(r, 1, 5)
                  : Integer.toString(Pick.between(r, 2221, 2720));
          case 2 -> Pick.percent(r, 50) ? "34" : "37";
          default -> "6011";
        };
    int length = brand == 2 ? 15 : 16;
    String body = prefix + Pick.digits(r, length - 1 - prefix.length());
    String number = body + luhnDigit(body);
    if (brand == 2) {
      String separator = Pick.percent(r, 70) ? " " : "-";
      return number.substring(0, 4)
          + separator
          + number.substring(4, 10)
          + separator
          + number.substring(10);
    }
    return switch (r.nextInt(10)) {
      case 0, 1, 2, 3, 4 -> groups(number, 4, " ");
      case 5, 6 -> groups(number, 4, "-");
      default -> number;
    };
  }

  /** The check digit that makes {@code body} followed by it pass the Luhn check. */
  static int luhnDigit(String body) {
    int sum = 0;
    boolean doubled = true;
    for (int i = body.length() - 1; i >= 0; i--) {
      int digit = body.charAt(i) - '0';
      if (doubled) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubled = !doubled;
    }
    return (10 - sum % 10) % 10;
  }

  /** An IBAN of {@code country} (ISO code, e.g. FR, GB), grouped by four or written solid. */
  static String iban(String country, SplittableRandom r) {
    String bban =
        switch (country) {
          case "FR" -> {
            String bank = Pick.digits(r, 5);
            String branch = Pick.digits(r, 5);
            String account = Pick.digits(r, 11);
            yield bank + branch + account + Pick.padded(ribKey(bank, branch, account), 2);
          }
          case "DE" -> Pick.digits(r, 8) + Pick.digits(r, 10);
          case "GB" ->
              Pick.one(r, new String[] {"NWBK", "BARC", "LOYD", "HBUK", "MIDL", "NAIA"})
                  + Pick.digits(r, 6)
                  + Pick.digits(r, 8);
          case "ES" -> {
            String bankBranch = Pick.digits(r, 8);
            String account = Pick.digits(r, 10);
            yield bankBranch + spanishCheck("00" + bankBranch) + spanishCheck(account) + account;
          }
          case "IT" -> {
            String rest = Pick.digits(r, 5) + Pick.digits(r, 5) + Pick.digits(r, 12);
            yield italianCin(rest) + rest;
          }
          case "BE" -> {
            String ten = Pick.digits(r, 10);
            long check = Long.parseLong(ten) % 97;
            yield ten + Pick.padded(check == 0 ? 97 : check, 2);
          }
          case "CH" -> Pick.digits(r, 5) + Pick.digits(r, 12);
          case "NL" ->
              Pick.one(r, new String[] {"INGB", "ABNA", "RABO", "SNSB", "BUNQ"})
                  + Pick.digits(r, 10);
          default -> throw new IllegalArgumentException("no IBAN layout for " + country);
        };
    String iban = country + Pick.padded(98 - mod97(bban + country + "00"), 2) + bban;
    return Pick.percent(r, 60) ? groups(iban, 4, " ") : iban;
  }

  /** The remainder mod 97 of the digits and letters (A = 10 ... Z = 35) of {@code value}. */
  static int mod97(String value) {
    int remainder = 0;
    for (int i = 0; i < value.length(); i++) {
      int c = Character.digit(value.charAt(i), 36);
      remainder = (c < 10 ? remainder * 10 + c : remainder * 100 + c) % 97;
    }
    return remainder;
  }

  /** The French RIB key: 97 - ((89 bank + 15 branch + 3 account) mod 97). */
  private static int ribKey(String bank, String branch, String account) {
    long sum =
        89 * Long.parseLong(bank) + 15 * Long.parseLong(branch) + 3 * Long.parseLong(account);
    return (int) (97 - sum % 97);
  }

  /** A Spanish "dígito de control" over ten digits. */
  private static int spanishCheck(String tenDigits) {
    int[] weights = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
    int sum = 0;
    for (int i = 0; i < 10; i++) {
      sum += (tenDigits.charAt(i) - '0') * weights[i];
    }
    int check = 11 - sum % 11;
    return check == 11 ? 0 : check == 10 ? 1 : check;
  }

  /** The Italian CIN letter over ABI, CAB and account number (digits only here). */
  private static char italianCin(String digits) {
    int[] odd = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = digits.charAt(i) - '0';
      // Positions count from 1, so even indexes are the odd positions.
      sum += i % 2 == 0 ? odd[digit] : digit;
    }
    return (char) ('A' + sum % 26);
  }

  static String groups(String value, int size, String separator) {
    StringBuilder out = new StringBuilder(value.length() + value.length() / size);
    for (int i = 0; i < value.length(); i += size) {
      if (i > 0) {
        out.append(separator);
      }
      out.append(value, i, Math.min(value.length(), i + size));
    }
    return out.toString();
  }
}
