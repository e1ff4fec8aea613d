package dev.casevault.redaction;

import java.util.List;

/**
 * Payment card numbers and IBANs. Both carry a check digit (Luhn, ISO 7064 mod 97), so a match is
 * trusted without context: a random digit run passes Luhn once in ten and also needs a known issuer
 * prefix and length; an IBAN needs its country's exact length and passes mod 97 once in 97.
 */
final class PaymentDetector implements Detector {
  private static final int MIN_CARD = 13;
  private static final int MAX_CARD = 19;

  @Override
  public void detect(ScanText text, List<Finding> out) {
    findCards(text, out);
    findIbans(text, out);
  }

  private static void findCards(ScanText text, List<Finding> out) {
    StringBuilder digits = new StringBuilder(MAX_CARD + 6);
    for (int t = 0; t < text.tokenCount(); t++) {
      text.checkDeadline();
      int length = text.tokenLength(t);
      if (length < 4 || length > MAX_CARD || !DigitRuns.isAsciiDigits(text, t)) {
        continue;
      }
      if (length >= MIN_CARD) {
        if (isCardNumber(text.token(t))
            && !DigitRuns.gluedToNeighbour(text, text.start(t), text.end(t))) {
          out.add(new Finding(PiiType.CREDIT_CARD, text.start(t), text.end(t), 0.95, "card.solid"));
        }
        continue;
      }
      // Printed cards start with a group of four (4-4-4-4, 4-6-5, 4-4-4-4-3).
      char separator = DigitRuns.singleSeparatorAfter(text, t);
      if (length != 4 || !(separator == '-' || DigitRuns.isSpace(separator))) {
        continue;
      }
      int last = cardGroupsEnd(text, t, separator, digits);
      if (last > t && !DigitRuns.gluedToNeighbour(text, text.start(t), text.end(last))) {
        out.add(
            new Finding(PiiType.CREDIT_CARD, text.start(t), text.end(last), 0.95, "card.grouped"));
        t = last;
      }
    }
  }

  /**
   * The last token of the longest run of groups starting at {@code first} that is a valid card
   * number, or -1.
   */
  private static int cardGroupsEnd(ScanText text, int first, char separator, StringBuilder digits) {
    digits.setLength(0);
    digits.append(text.text(), text.start(first), text.end(first));
    int found = -1;
    int token = first;
    while (digits.length() < MAX_CARD) {
      text.checkDeadline();
      char next = DigitRuns.singleSeparatorAfter(text, token);
      boolean sameSeparator = next == separator || DigitRuns.isSpace(next) && separator != '-';
      if (!sameSeparator) {
        break;
      }
      token++;
      int length = text.tokenLength(token);
      if (length < 3 || length > 6 || !DigitRuns.isAsciiDigits(text, token)) {
        break;
      }
      digits.append(text.text(), text.start(token), text.end(token));
      if (digits.length() >= MIN_CARD && digits.length() <= MAX_CARD && isCardNumber(digits)) {
        found = token;
      }
    }
    return found;
  }

  /** Luhn-valid, with the prefix and length of a card network. */
  static boolean isCardNumber(CharSequence digits) {
    return hasIssuerPrefix(digits) && DigitRuns.luhnValid(digits);
  }

  private static boolean hasIssuerPrefix(CharSequence d) {
    int n = d.length();
    int two = (d.charAt(0) - '0') * 10 + (d.charAt(1) - '0');
    int three = two * 10 + (d.charAt(2) - '0');
    int four = three * 10 + (d.charAt(3) - '0');
    boolean longCard = n >= 16 && n <= 19;
    if (d.charAt(0) == '4') {
      return n == 13 || n == 16 || n == 19; // Visa
    }
    if (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) {
      return n == 16; // Mastercard
    }
    if (two == 34 || two == 37) {
      return n == 15; // American Express
    }
    if (four == 6011 || two == 65 || three >= 644 && three <= 649 || two == 62) {
      return longCard; // Discover, UnionPay
    }
    if (four >= 3528 && four <= 3589) {
      return longCard; // JCB
    }
    if (two == 36 || two == 38 || two == 39 || three >= 300 && three <= 305) {
      return n >= 14 && n <= 19; // Diners Club
    }
    if (two == 50 || two >= 56 && two <= 58 || four == 6304 || four == 6759 || three == 676) {
      return n >= 13; // Maestro
    }
    return false;
  }

  private static void findIbans(ScanText text, List<Finding> out) {
    StringBuilder value = new StringBuilder(40);
    for (int t = 0; t < text.tokenCount(); t++) {
      text.checkDeadline();
      if (!text.isMixed(t) || text.tokenLength(t) < 4) {
        continue;
      }
      int start = text.start(t);
      char c0 = text.charAt(start);
      char c1 = text.charAt(start + 1);
      boolean upper = isUpper(c0) && isUpper(c1);
      boolean lower = isLower(c0) && isLower(c1);
      if (!(upper || lower)
          || !isDigit(text.charAt(start + 2))
          || !isDigit(text.charAt(start + 3))) {
        continue;
      }
      int expected = PaymentIbanLengths.of(Character.toUpperCase(c0), Character.toUpperCase(c1));
      if (expected == 0 || text.tokenLength(t) > expected) {
        continue;
      }
      int last = ibanEnd(text, t, expected, value);
      if (last >= 0 && isIban(value) && !DigitRuns.gluedToNeighbour(text, start, text.end(last))) {
        String rule = last == t ? "iban.solid" : "iban.grouped";
        out.add(new Finding(PiiType.IBAN, start, text.end(last), upper ? 0.95 : 0.9, rule));
        t = last;
      }
    }
  }

  /**
   * Collects the IBAN's characters from {@code first} and the groups that follow it (single space
   * between groups) into {@code value}; returns the last token when they add up to exactly {@code
   * expected} characters, else -1.
   */
  private static int ibanEnd(ScanText text, int first, int expected, StringBuilder value) {
    value.setLength(0);
    int token = first;
    while (true) {
      text.checkDeadline();
      for (int i = text.start(token); i < text.end(token); i++) {
        char c = Character.toUpperCase(text.charAt(i));
        if (!(isUpper(c) || isDigit(c))) {
          return -1;
        }
        value.append(c);
      }
      if (value.length() >= expected) {
        return value.length() == expected ? token : -1;
      }
      if (!DigitRuns.isSpace(DigitRuns.singleSeparatorAfter(text, token))) {
        return -1;
      }
      token++;
    }
  }

  /** ISO 13616: moving the first four characters to the end gives a number that is 1 mod 97. */
  static boolean isIban(CharSequence value) {
    int remainder = 0;
    int n = value.length();
    for (int k = 0; k < n; k++) {
      char c = value.charAt((k + 4) % n);
      remainder =
          isDigit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
    }
    return remainder == 1;
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
