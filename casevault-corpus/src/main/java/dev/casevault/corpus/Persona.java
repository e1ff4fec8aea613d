package dev.casevault.corpus;

import dev.casevault.core.Language;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * A customer: who they are, where they live and the personal data they carry. A persona is a pure
 * function of the seed and its key, so a repeat customer has the same name, e-mail address, phone
 * number and bank details in every one of their cases. Contact and payment details are derived only
 * when a case needs them.
 */
final class Persona {
  private static final Country[] FRENCH_SPEAKING = {Country.FR, Country.BE, Country.CH, Country.CA};
  private static final int[] FRENCH_WEIGHTS = {72, 12, 9, 7};
  private static final Country[] ENGLISH_SPEAKING = {
    Country.US, Country.UK, Country.CA, Country.DE, Country.ES, Country.IT
  };
  private static final int[] ENGLISH_WEIGHTS = {44, 26, 8, 9, 6, 7};
  private static final long EPOCH_DAY_1940 = LocalDate.of(1940, 1, 1).toEpochDay();
  private static final long EPOCH_DAY_2001 = LocalDate.of(2001, 12, 31).toEpochDay();

  final String id;
  final Country country;
  final Language language;
  final Person person;
  final LocalDate birthDate;

  /** The business the customer writes for, or null for a private customer. */
  final Lexicon.Company company;

  private final long contactSeed;
  private String email;
  private Phones.Phone phone;
  private String address;
  private String card;
  private String iban;

  private Persona(long seed, long key) {
    SplittableRandom r = Seeds.random(seed, Seeds.CUSTOMER, key);
    // A bijection on 32 bits, so distinct keys below 2^32 get distinct, unordered-looking ids.
    long scrambled = ((key ^ Seeds.mix(seed)) * 0x9E3779B1L) & 0xFFFFFFFFL;
    id = "C-" + Pick.padded(scrambled, 10);
    boolean french = Pick.percent(r, 30);
    country =
        french
            ? FRENCH_SPEAKING[Pick.weighted(r, FRENCH_WEIGHTS)]
            : ENGLISH_SPEAKING[Pick.weighted(r, ENGLISH_WEIGHTS)];
    language = french ? Language.FR : Language.EN;
    NameLocale locale = french ? NameLocale.FR : country.names;
    if (Pick.percent(r, 10)) {
      // Names travel: a Garcia in Lyon, a Dubois in Boston.
      locale = Pick.one(r, NameLocale.values());
    }
    person = Lexicon.get().names(locale).random(r);
    // Most customers were born between 1950 and 1995.
    long day =
        Pick.percent(r, 80)
            ? r.nextLong(
                LocalDate.of(1950, 1, 1).toEpochDay(), LocalDate.of(1996, 1, 1).toEpochDay())
            : r.nextLong(EPOCH_DAY_1940, EPOCH_DAY_2001 + 1);
    birthDate = LocalDate.ofEpochDay(day);
    company = Pick.percent(r, 35) ? Pick.one(r, Lexicon.get().companies(language)) : null;
    contactSeed = r.nextLong();
  }

  static Persona of(long seed, long key) {
    return new Persona(seed, key);
  }

  String email() {
    if (email == null) {
      SplittableRandom r = contact(1);
      String domain =
          company != null && Pick.percent(r, 50)
              ? company.domain()
              : Pick.one(r, Lexicon.get().mailDomains(country));
      email = Emails.personal(person, birthDate.getYear(), domain, r);
    }
    return email;
  }

  /** Another address of the same person, as people have a work and a private one. */
  String otherEmail(SplittableRandom r) {
    String domain =
        company != null && Pick.percent(r, 50)
            ? company.domain()
            : Pick.one(r, Lexicon.get().mailDomains(country));
    return Emails.personal(person, birthDate.getYear(), domain, r);
  }

  Phones.Phone phone() {
    if (phone == null) {
      SplittableRandom r = contact(2);
      phone = Phones.random(country, Pick.percent(r, 75), r);
    }
    return phone;
  }

  String address() {
    if (address == null) {
      address = Addresses.random(country, language, contact(3));
    }
    return address;
  }

  String card() {
    if (card == null) {
      card = Payments.card(contact(4));
    }
    return card;
  }

  String iban() {
    if (iban == null) {
      SplittableRandom r = contact(5);
      String bankCountry =
          switch (country) {
            case UK -> "GB";
            // The generator gives no IBAN to customers in the Americas; this is only a fallback.
            case US, CA -> "NL";
            default -> country.iso;
          };
      if (Pick.percent(r, 12)) {
        // Online banks: many Europeans hold a Dutch or German account.
        bankCountry = Pick.percent(r, 50) ? "NL" : "DE";
      }
      iban = Payments.iban(bankCountry, r);
    }
    return iban;
  }

  private SplittableRandom contact(long attribute) {
    return new SplittableRandom(Seeds.mix(contactSeed + attribute));
  }
}
