package dev.casevault.redaction;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The canonical form of a value before it is tokenised, so that the forms one person writes the
 * same value in get the same token: {@code Jane@Example.com} and {@code jane [at] example [dot]
 * com}, {@code 4111 1111 1111 1111} and {@code 4111-1111-1111-1111}, {@code Zoë Martin} and {@code
 * zoe martin}.
 */
final class ValueNormaliser {
  private ValueNormaliser() {}

  static String normalise(PiiType type, String value) {
    return switch (type) {
      case EMAIL -> email(value);
      case PERSON, STREET_ADDRESS -> words(value);
      case PHONE -> phone(value);
      case CREDIT_CARD, IBAN, US_SSN, FR_NIR, UK_NINO ->
          alphanumerics(value).toUpperCase(Locale.ROOT);
      case IP_ADDRESS -> value.strip().toLowerCase(Locale.ROOT);
      case DATE_OF_BIRTH, URL_CREDENTIALS, SECRET -> value.strip();
    };
  }

  /** Lower case, obfuscation words and brackets undone, spaces removed. */
  static String email(String value) {
    String lower = value.strip().toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(lower.length());
    String[] words = lower.split("[\\s\\[\\](){}<>]+");
    for (String word : words) {
      switch (word) {
        case "at", "arobase", "@" -> out.append('@');
        case "dot", "point", "." -> out.append('.');
        default -> out.append(word);
      }
    }
    return out.toString();
  }

  /** Accents and case folded, runs of spaces and punctuation between words made one space. */
  static String words(String value) {
    String decomposed = Normalizer.normalize(value, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    boolean gap = false;
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      if (Character.isLetterOrDigit(c)) {
        if (gap && out.length() > 0) {
          out.append(' ');
        }
        gap = false;
        out.append(Character.toLowerCase(c));
      } else {
        gap = true;
      }
    }
    return out.toString();
  }

  /** The digits, with an international prefix ({@code +} or {@code 00}) kept as {@code +}. */
  static String phone(String value) {
    String stripped = value.strip();
    String digits = alphanumerics(stripped);
    if (stripped.startsWith("+")) {
      return "+" + digits;
    }
    if (digits.startsWith("00")) {
      return "+" + digits.substring(2);
    }
    return digits;
  }

  private static String alphanumerics(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }
}
