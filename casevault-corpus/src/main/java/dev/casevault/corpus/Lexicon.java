package dev.casevault.corpus;

import dev.casevault.core.Language;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the generator reads from its resource files, loaded and checked once per JVM and
 * shared read-only by all generators and threads.
 */
final class Lexicon {
  /** A city with the postal codes used in it. */
  record City(String name, String region, String[] postalCodes) {}

  /** A name in use between two years inclusive, such as an operating system. */
  record Dated(String name, int fromYear, int toYear) {}

  /** A small business customers work for; no person's name in either part. */
  record Company(String name, String domain) {}

  private static final Lexicon INSTANCE = new Lexicon();

  private final Map<NameLocale, Names> names = new EnumMap<>(NameLocale.class);
  private final Map<Language, Texts> texts = new EnumMap<>(Language.class);
  private final Map<String, String[]> streets = new java.util.HashMap<>();
  private final Map<String, City[]> cities = new java.util.HashMap<>();
  private final Map<Country, String[]> mailDomains = new EnumMap<>(Country.class);
  private final Map<Language, Company[]> companies = new EnumMap<>(Language.class);
  private final Map<Language, String[]> passwordWords = new EnumMap<>(Language.class);
  private final Dated[] operatingSystems;
  private final Dated[] browsers;

  private Lexicon() {
    Map<String, List<String>> nameSections = Sections.load("names.txt");
    for (NameLocale locale : NameLocale.values()) {
      names.put(locale, new Names(nameSections, locale));
    }
    for (Language language : Language.values()) {
      texts.put(language, new Texts(language));
    }
    Map<String, List<String>> places = Sections.load("places.txt");
    for (String area : List.of("US", "CA", "CAFR", "UK", "FR", "BE", "CH", "DE", "ES", "IT")) {
      streets.put(area, Sections.require(places, "streets." + area).toArray(String[]::new));
      List<City> parsed = new ArrayList<>();
      for (String line : Sections.require(places, "cities." + area)) {
        parsed.add(city(line));
      }
      cities.put(area, parsed.toArray(City[]::new));
    }
    Map<String, List<String>> lists = Sections.load("lists.txt");
    for (Country country : Country.values()) {
      mailDomains.put(
          country, Sections.require(lists, "domains." + country.name()).toArray(String[]::new));
    }
    for (Language language : Language.values()) {
      List<Company> parsed = new ArrayList<>();
      for (String line : Sections.require(lists, "companies." + language.wireName())) {
        String[] fields = line.split("\\|");
        parsed.add(new Company(fields[0], fields[1]));
      }
      companies.put(language, parsed.toArray(Company[]::new));
      passwordWords.put(
          language,
          Sections.require(lists, "passwords." + language.wireName()).toArray(String[]::new));
    }
    operatingSystems = dated(Sections.require(lists, "os"));
    browsers = dated(Sections.require(lists, "browsers"));
  }

  static Lexicon get() {
    return INSTANCE;
  }

  Names names(NameLocale locale) {
    return names.get(locale);
  }

  Texts texts(Language language) {
    return texts.get(language);
  }

  /** Streets of an address area: a country code, or {@code CAFR} for French-speaking Canada. */
  String[] streets(String area) {
    return streets.get(area);
  }

  City[] cities(String area) {
    return cities.get(area);
  }

  String[] mailDomains(Country country) {
    return mailDomains.get(country);
  }

  Company[] companies(Language language) {
    return companies.get(language);
  }

  String[] passwordWords(Language language) {
    return passwordWords.get(language);
  }

  Dated[] operatingSystems() {
    return operatingSystems;
  }

  Dated[] browsers() {
    return browsers;
  }

  private static City city(String line) {
    String[] fields = line.split("\\|", -1);
    if (fields.length != 3) {
      throw new IllegalStateException("expected City|region|codes but found: " + line);
    }
    List<String> codes = new ArrayList<>();
    for (String token : fields[2].split(" ")) {
      int dash = token.indexOf('-');
      if (dash < 0) {
        codes.add(token);
      } else {
        // A range keeps the width of its bounds, so "02108-02137" yields "02110", not "2110".
        int low = Integer.parseInt(token.substring(0, dash));
        int high = Integer.parseInt(token.substring(dash + 1));
        for (int code = low; code <= high; code++) {
          codes.add(Pick.padded(code, dash));
        }
      }
    }
    return new City(fields[0], fields[1], codes.toArray(String[]::new));
  }

  private static Dated[] dated(List<String> lines) {
    Dated[] out = new Dated[lines.size()];
    for (int i = 0; i < out.length; i++) {
      String[] fields = lines.get(i).split("\\|");
      out[i] = new Dated(fields[0], Integer.parseInt(fields[1]), Integer.parseInt(fields[2]));
    }
    return out;
  }
}
