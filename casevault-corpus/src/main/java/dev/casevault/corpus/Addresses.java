package dev.casevault.corpus;

import dev.casevault.core.Language;
import java.util.SplittableRandom;

/**
 * Postal addresses in each country's own order and punctuation: "221 Baker Street, London NW1 6XE",
 * "12 rue de la Paix, 75002 Paris", "Rue Neuve 12, 1000 Bruxelles", "Hauptstraße 5, 10115 Berlin".
 * Sometimes only the street line, as people write when the town is obvious.
 */
final class Addresses {
  /** Letters used in UK inward codes (no C, I, K, M, O, V). */
  private static final String UK_INWARD = "ABDEFGHJLNPQRSTUWXYZ";

  /** Letters used in Canadian postal codes (no D, F, I, O, Q, U). */
  private static final String CA_LETTERS = "ABCEGHJKLMNPRSTVWXYZ";

  private Addresses() {}

  static String random(Country country, Language language, SplittableRandom r) {
    Lexicon lexicon = Lexicon.get();
    String area = country == Country.CA && language == Language.FR ? "CAFR" : country.name();
    String street = Pick.one(r, lexicon.streets(area));
    Lexicon.City city = Pick.one(r, lexicon.cities(area));
    String code = Pick.one(r, city.postalCodes());
    boolean streetOnly = Pick.percent(r, 12);
    StringBuilder out = new StringBuilder(64);
    switch (country) {
      case US -> {
        out.append(houseNumber(r, 9999)).append(' ').append(street);
        if (Pick.percent(r, 20)) {
          out.append(Pick.percent(r, 50) ? ", Apt " : " #")
              .append(Pick.between(r, 1, 30))
              .append(Pick.percent(r, 40) ? Pick.chars(r, "ABCD", 1) : "");
        }
        if (!streetOnly) {
          out.append(", ").append(city.name()).append(", ").append(city.region());
          out.append(' ').append(code);
        }
      }
      case CA -> {
        out.append(houseNumber(r, 4999)).append(' ').append(street);
        if (Pick.percent(r, 15)) {
          out.append(language == Language.FR ? ", app. " : ", Unit ")
              .append(Pick.between(r, 1, 40));
        }
        if (!streetOnly) {
          String postal = code + " " + r.nextInt(10) + Pick.chars(r, CA_LETTERS, 1) + r.nextInt(10);
          out.append(", ").append(city.name());
          if (language == Language.FR) {
            out.append(" (Québec) ").append(postal);
          } else {
            out.append(", ").append(city.region()).append(' ').append(postal);
          }
        }
      }
      case UK -> {
        if (Pick.percent(r, 20)) {
          out.append("Flat ").append(Pick.between(r, 1, 24)).append(", ");
        }
        out.append(houseNumber(r, 240)).append(' ').append(street);
        if (!streetOnly) {
          out.append(", ").append(city.name()).append(' ').append(code).append(' ');
          out.append(r.nextInt(10)).append(Pick.chars(r, UK_INWARD, 2));
        }
      }
      case FR -> {
        if (Pick.percent(r, 12)) {
          out.append(Pick.percent(r, 50) ? "Appt " : "Bât. ");
          out.append(Pick.between(r, 1, 40)).append(", ");
        }
        out.append(houseNumber(r, 180));
        if (Pick.percent(r, 10)) {
          out.append(Pick.percent(r, 70) ? " bis" : " ter");
        }
        out.append(' ').append(street);
        if (!streetOnly) {
          out.append(", ").append(code).append(' ').append(city.name());
        }
      }
      case BE, CH, DE, ES, IT -> {
        out.append(street).append(' ').append(houseNumber(r, 160));
        if (country == Country.BE && Pick.percent(r, 15)) {
          out.append(" bte ").append(Pick.between(r, 1, 12));
        } else if (country == Country.ES && Pick.percent(r, 40)) {
          out.append(", ")
              .append(Pick.between(r, 1, 8))
              .append("º ")
              .append(Pick.chars(r, "ABCD", 1));
        }
        if (!streetOnly) {
          out.append(", ").append(code).append(' ').append(city.name());
        }
      }
    }
    return out.toString();
  }

  /** Small numbers are more common than large ones on every street. */
  private static int houseNumber(SplittableRandom r, int max) {
    return Pick.percent(r, 60) ? Pick.between(r, 1, Math.min(60, max)) : Pick.between(r, 1, max);
  }
}
