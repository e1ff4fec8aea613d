package dev.casevault.corpus;

import dev.casevault.core.Language;
import java.util.SplittableRandom;

/**
 * E-mail addresses built from a person's name the way people pick them, and the obfuscated forms
 * customers type to dodge spam harvesters: "jane dot doe at gmail dot com",
 * "jane[at]contoso[dot]com", "jane @contoso com", "jane arobase orange point fr".
 */
final class Emails {
  private Emails() {}

  static String personal(Person person, int birthYear, String domain, SplittableRandom r) {
    return localPart(person, birthYear, r) + "@" + domain;
  }

  static String localPart(Person person, int birthYear, SplittableRandom r) {
    String f = person.firstAscii();
    String l = person.lastAscii();
    String yy = Pick.padded(birthYear % 100, 2);
    return switch (r.nextInt(20)) {
      case 0, 1, 2, 3, 4, 5 -> f + "." + l;
      case 6, 7 -> f + l;
      case 8 -> f + "_" + l;
      case 9, 10 -> f.charAt(0) + "." + l;
      case 11, 12 -> f.charAt(0) + l;
      case 13 -> l + "." + f;
      case 14, 15 -> f + "." + l + yy;
      case 16 -> f + birthYear;
      case 17 -> f + "." + l + Pick.between(r, 1, 99);
      case 18 -> l + f.charAt(0);
      default -> f + l + yy;
    };
  }

  /** {@code address} written so that a naive pattern for e-mail addresses misses it. */
  static String obfuscate(String address, Language language, SplittableRandom r) {
    int at = address.indexOf('@');
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    int forms = language == Language.FR ? 7 : 6;
    return switch (r.nextInt(forms)) {
      case 0 -> spelled(local, " dot ") + " at " + spelled(domain, " dot ");
      case 1 -> local + "[at]" + spelled(domain, "[dot]");
      case 2 -> local + " (at) " + spelled(domain, " (dot) ");
      case 3 -> local + " @" + spelled(domain, " ");
      case 4 -> local + " AT " + spelled(domain, " DOT ");
      case 5 -> local + " at " + domain;
      default -> spelled(local, " point ") + " arobase " + spelled(domain, " point ");
    };
  }

  private static String spelled(String value, String dot) {
    return value.replace(".", dot);
  }
}
