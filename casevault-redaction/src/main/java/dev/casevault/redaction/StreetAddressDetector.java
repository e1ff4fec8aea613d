package dev.casevault.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Postal addresses: a street line with its house number and street type, in English order ("2249
 * Peachtree St NE", "18 Meadow Lane", "7 Broadway"), French order ("47 rue de la République", "12
 * bis avenue Foch") or the number-last order of Belgium, Switzerland, Germany, Italy and Spain
 * ("Rue Saint-Gilles 114", "Bahnhofstraße 33", "Corso Italia 46", "Calle Mayor 5"); then, when
 * present, a unit ("Apt 16", "Bât. B") and the town with its postal code in the country's form (US
 * state and ZIP, UK and Canadian postcodes, 4- or 5-digit European codes).
 *
 * <p>A street type alone is not enough: the street needs a capitalised name and a house number
 * right next to it, so "5 Street Fighter games" or "3 rue" in prose are not addresses.
 */
final class StreetAddressDetector implements Detector {
  private static final int MAX_NAME_TOKENS = 6;
  private static final int MAX_CITY_WORDS = 3;
  private static final int MAX_HOUSE_NUMBER_DIGITS = 5;

  /** Words that with "Drive" or "Way" make a product or a phrase, not a street. */
  private static final Set<String> NOT_STREET_NAMES =
      Set.of(
          "hard",
          "usb",
          "flash",
          "disk",
          "disc",
          "google",
          "external",
          "network",
          "shared",
          "cloud",
          "one",
          "optical",
          "thumb",
          "pen",
          "test",
          "two",
          "three",
          "the",
          "easy",
          "no");

  /** Lower-case words inside a street name: "rue de la Paix", "Paseo de la Castellana". */
  private static final Set<String> STREET_PARTICLES =
      Set.of(
          "de", "du", "des", "la", "le", "les", "l", "d", "di", "del", "della", "dei", "da", "dos",
          "das", "y", "e", "of", "the", "en", "sur", "aux", "à", "au", "am", "an", "der", "dem",
          "im", "zum", "zur", "von", "i");

  private static final Set<String> CITY_PARTICLES =
      Set.of("am", "an", "upon", "on", "sur", "sous", "en", "de", "la", "le", "les", "del", "di");

  private static final Set<String> DIRECTIONS =
      Set.of(
          "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west", "nord",
          "sud", "est", "ouest");

  private final Gazetteer before;
  private final Gazetteer after;
  private final Gazetteer alone;
  private final Gazetteer units;
  private final String[] suffixes;

  StreetAddressDetector() {
    StreetTypes types = StreetTypes.get();
    before = types.before;
    after = types.after;
    alone = types.alone;
    units = types.units;
    suffixes = types.suffixes;
  }

  @Override
  public void detect(ScanText text, List<Finding> out) {
    int count = text.tokenCount();
    int i = 0;
    while (i < count) {
      text.checkDeadline();
      int streetEnd = -1;
      boolean numberFirst = false;
      if (isHouseNumber(text, i)) {
        streetEnd = numberFirstStreet(text, i);
        numberFirst = streetEnd >= 0;
      } else if (text.isLetters(i) && text.isCapitalised(i)) {
        streetEnd = numberLastStreet(text, i);
      }
      if (streetEnd < 0) {
        i++;
        continue;
      }
      int startToken = numberFirst ? unitBefore(text, i) : i;
      int end = withUnit(text, streetEnd);
      int withTown = withTown(text, end);
      double score = withTown >= 0 ? 0.95 : 0.85;
      int lastToken = withTown >= 0 ? withTown : end;
      out.add(
          new Finding(
              PiiType.STREET_ADDRESS,
              text.start(startToken),
              text.end(lastToken),
              score,
              withTown >= 0 ? "address.street_town" : "address.street"));
      i = lastToken + 1;
    }
  }

  // ---------------------------------------------------------------- street lines

  /** "2249 Peachtree St NE", "47 rue de la République", "12 bis avenue Foch", "7 Broadway". */
  private int numberFirstStreet(ScanText text, int number) {
    int t = number + 1;
    if (t >= text.tokenCount() || !gapIs(text, number, t, " ")) {
      return -1;
    }
    if (text.tokenIs(t, "bis") || text.tokenIs(t, "ter")) {
      if (t + 1 >= text.tokenCount() || !gapIs(text, t, t + 1, " ")) {
        return -1;
      }
      t++;
    }
    if (isType(text, before, t)) {
      int name = t + 1;
      if (name < text.tokenCount() && gapIs(text, t, name, " ")) {
        int end = streetName(text, name, false);
        if (end >= 0) {
          return end;
        }
      }
    }
    if (alone.contains(text.text(), text.start(t), text.end(t)) && text.isCapitalised(t)) {
      return t;
    }
    return englishStreet(text, t);
  }

  /** Capitalised name words then a street type: "Peachtree St NE", "St John's Street". */
  private int englishStreet(ScanText text, int first) {
    int typeToken = -1;
    int previous = first - 1;
    for (int t = first; t < text.tokenCount() && t < first + MAX_NAME_TOKENS; t++) {
      text.checkDeadline();
      if (t > first && !nameGap(text, previous, t)) {
        break;
      }
      boolean possessive = text.tokenIs(t, "s") && text.charAt(text.start(t) - 1) != ' ';
      boolean ordinal = isOrdinal(text, t);
      if (!possessive && !ordinal && !(text.isLetters(t) && text.isCapitalised(t))) {
        break;
      }
      if (t > first && isType(text, after, t) && !possessive) {
        String nameBefore = text.lowerToken(t - 1);
        if (!NOT_STREET_NAMES.contains(nameBefore)) {
          typeToken = t;
        }
      }
      previous = t;
    }
    if (typeToken < 0) {
      return -1;
    }
    int end = typeToken;
    // "Peachtree St NE", "Queen Street East".
    int next = end + 1;
    if (next < text.tokenCount()
        && gapIs(text, end, next, " ")
        && text.isLetters(next)
        && text.isCapitalised(next)
        && containsIgnoringCase(text, next, DIRECTIONS)
        && (text.tokenLength(next) <= 2 ? text.isAllUpper(next) : true)) {
      return next;
    }
    return end;
  }

  /**
   * "Rue Saint-Gilles 114", "Corso Italia 46", "Calle Mayor 5", "Bahnhofstraße 33", "Berliner
   * Straße 5": a street then its number.
   */
  private int numberLastStreet(ScanText text, int first) {
    int nameEnd;
    if (isType(text, before, first)) {
      int name = first + 1;
      if (name >= text.tokenCount() || !gapIs(text, first, name, " ")) {
        return -1;
      }
      nameEnd = streetName(text, name, true);
    } else if (text.isCapitalised(first) && hasStreetSuffix(text, first)) {
      nameEnd = first;
    } else if (text.isCapitalised(first)
        && first + 1 < text.tokenCount()
        && gapIs(text, first, first + 1, " ")
        && text.isCapitalised(first + 1)
        && (hasStreetSuffix(text, first + 1) || isType(text, after, first + 1))) {
      nameEnd = first + 1;
    } else {
      return -1;
    }
    if (nameEnd < 0) {
      return -1;
    }
    int number = nameEnd + 1;
    if (number >= text.tokenCount()
        || !gapIs(text, nameEnd, number, " ")
        || !isHouseNumber(text, number)) {
      return -1;
    }
    // A number followed by more digits or a unit of measure is not a house number.
    int end = number;
    int next = number + 1;
    if (next < text.tokenCount() && gapIs(text, number, next, " ")) {
      if (text.tokenIs(next, "bis") || text.tokenIs(next, "ter")) {
        end = next;
      } else if (text.isLetters(next) && text.tokenLength(next) == 1 && text.isAllUpper(next)) {
        end = next;
      }
    }
    return end;
  }

  /**
   * The words of a street name after a type that stands before it: particles, capitalised words,
   * numbers ("du 8 Mai 1945"), roman numerals. Returns the last token, or -1 if it has no
   * capitalised word.
   */
  private int streetName(ScanText text, int first, boolean houseNumberLast) {
    int last = -1;
    boolean capitalisedWord = false;
    int previous = first - 1;
    for (int t = first; t < text.tokenCount() && t < first + MAX_NAME_TOKENS; t++) {
      text.checkDeadline();
      if (t > first && !nameGap(text, previous, t)) {
        break;
      }
      if (text.isLetters(t) && text.isCapitalised(t)) {
        capitalisedWord = true;
        last = t;
      } else if (text.isLetters(t) && containsIgnoringCase(text, t, STREET_PARTICLES)) {
        // A particle must be followed by more of the name.
      } else if (text.isDigits(t) && text.tokenLength(t) <= 4 && t > first) {
        // "rue du 8 Mai 1945": a number inside the name. Where the house number comes last, a
        // number is part of the name only if more of the name follows it.
        if (houseNumberLast && !nextIsNameWord(text, t)) {
          break;
        }
        last = t;
      } else {
        break;
      }
      previous = t;
    }
    return capitalisedWord ? last : -1;
  }

  private static boolean nextIsNameWord(ScanText text, int token) {
    int next = token + 1;
    return next < text.tokenCount()
        && gapIs(text, token, next, " ")
        && text.isLetters(next)
        && text.isCapitalised(next);
  }

  /** Words of a name are separated by one space, a hyphen or an apostrophe. */
  private static boolean nameGap(ScanText text, int token, int next) {
    int gap = text.end(token);
    if (text.start(next) != gap + 1) {
      return false;
    }
    char c = text.charAt(gap);
    return c == ' ' || c == '-' || c == '\'' || c == '\u2019';
  }

  // ---------------------------------------------------------------- unit, town and postal code

  /** "Flat 14, 26 Victoria Road", "Appt 3, 12 rue ...": the unit written before the number. */
  private int unitBefore(ScanText text, int number) {
    int unitNumber = number - 1;
    int unitWord = number - 2;
    if (unitWord < 0
        || !gapIs(text, unitNumber, number, ", ")
        || !(text.isDigits(unitNumber) || text.tokenLength(unitNumber) <= 3)) {
      return number;
    }
    if (!isType(text, units, unitWord) || !text.isCapitalised(unitWord)) {
      return number;
    }
    int gap = text.end(unitWord);
    boolean spaced =
        gapIs(text, unitWord, unitNumber, " ")
            || (text.charAt(gap) == '.'
                && text.charAt(gap + 1) == ' '
                && text.start(unitNumber) == gap + 2);
    return spaced ? unitWord : number;
  }

  /** Extends over ", Apt 16", " #12", ", app. 5", " bte 3", ", 2º A". */
  private int withUnit(ScanText text, int end) {
    int next = end + 1;
    if (next >= text.tokenCount()) {
      return end;
    }
    int gapStart = text.end(end);
    int gapEnd = text.start(next);
    String gap = text.text().substring(gapStart, Math.min(gapEnd, gapStart + 4));
    if ((gap.equals(" #") || gap.equals(", #")) && isUnitNumber(text, next)) {
      return next;
    }
    if (!(gap.equals(", ") || gap.equals(" "))) {
      return end;
    }
    if (isType(text, units, next)) {
      int wordEnd = next;
      int number = wordEnd + 1;
      if (number < text.tokenCount() && isUnitNumber(text, number)) {
        int g = text.end(wordEnd);
        int between = text.start(number) - g;
        if (between >= 1 && between <= 2 && onlyUnitGap(text, g, text.start(number))) {
          return number;
        }
      }
      return end;
    }
    // Spanish floor and door: "2º A".
    char ordinal = text.charAt(text.end(next) - 1);
    if (text.isMixed(next) && text.tokenLength(next) <= 3 && (ordinal == 'º' || ordinal == 'ª')) {
      int door = next + 1;
      if (door < text.tokenCount()
          && text.start(door) <= text.end(next) + 2
          && text.tokenLength(door) == 1
          && text.isAllUpper(door)) {
        return door;
      }
      return next;
    }
    return end;
  }

  private static boolean onlyUnitGap(ScanText text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '.' && c != '#') {
        return false;
      }
    }
    return true;
  }

  private static boolean isUnitNumber(ScanText text, int token) {
    return text.tokenLength(token) <= 5 && (text.hasDigit(token) || text.tokenLength(token) == 1);
  }

  /**
   * Extends over the town: ", 78000 Versailles", ", Phoenix, AZ 85019", ", Edinburgh EH10 6HD", ",
   * Ottawa, ON K1S 9C5", ", Montréal (Québec) H2X 1Y4". Returns the last token, or -1.
   */
  private int withTown(ScanText text, int end) {
    int next = end + 1;
    if (next >= text.tokenCount() || !gapIs(text, end, next, ", ")) {
      return -1;
    }
    if (text.isDigits(next) && (text.tokenLength(next) == 4 || text.tokenLength(next) == 5)) {
      int city = next + 1;
      if (city < text.tokenCount() && gapIs(text, next, city, " ")) {
        int cityEnd = cityWords(text, city);
        return cityEnd;
      }
      return -1;
    }
    int cityEnd = cityWords(text, next);
    if (cityEnd < 0) {
      return -1;
    }
    int after = cityEnd + 1;
    if (after >= text.tokenCount()) {
      return -1;
    }
    // US state or Canadian province, then ZIP or postal code.
    if (gapIs(text, cityEnd, after, ", ")
        && text.tokenLength(after) == 2
        && text.isAllUpper(after)
        && text.isLetters(after)) {
      int code = after + 1;
      if (code < text.tokenCount() && gapIs(text, after, code, " ")) {
        int zip = usZip(text, code);
        if (zip >= 0) {
          return zip;
        }
        return canadianPostcode(text, code);
      }
      return -1;
    }
    // "Montréal (Québec) H2X 1Y4".
    if (text.charAt(text.end(cityEnd)) == ' '
        && text.charAt(text.end(cityEnd) + 1) == '('
        && text.isCapitalised(after)
        && text.charAt(text.end(after)) == ')') {
      int code = after + 1;
      if (code < text.tokenCount() && text.start(code) == text.end(after) + 2) {
        return canadianPostcode(text, code);
      }
      return -1;
    }
    // UK: "Edinburgh EH10 6HD".
    if (gapIs(text, cityEnd, after, " ")) {
      return ukPostcode(text, after);
    }
    return -1;
  }

  /** Capitalised town words: "Phoenix", "Salt Lake City", "Saint-Étienne", "Aix-en-Provence". */
  private static int cityWords(ScanText text, int first) {
    if (!text.isLetters(first) || !text.isCapitalised(first) || text.isAllUpper(first)) {
      return -1;
    }
    int last = first;
    int words = 1;
    for (int t = first + 1; t < text.tokenCount() && words < MAX_CITY_WORDS + 2; t++) {
      text.checkDeadline();
      if (!text.isLetters(t)) {
        break;
      }
      int gap = text.end(last);
      boolean joined =
          text.start(t) == gap + 1
              && (text.charAt(gap) == '-' || text.charAt(gap) == '\'' || text.charAt(gap) == '’');
      boolean spaced = gapIs(text, last, t, " ");
      if (joined) {
        last = t;
      } else if (spaced
          && containsIgnoringCase(text, t, CITY_PARTICLES)
          && t + 1 < text.tokenCount()
          && gapIs(text, t, t + 1, " ")
          && text.isCapitalised(t + 1)
          && text.isLetters(t + 1)) {
        // "Frankfurt am Main", "Newcastle upon Tyne", "Boulogne sur Mer".
        last = t + 1;
        t++;
        words++;
      } else if (spaced && text.isCapitalised(t) && !text.isAllUpper(t) && words < MAX_CITY_WORDS) {
        last = t;
        words++;
      } else {
        break;
      }
    }
    return last;
  }

  /** "85019" or "85019-1234". */
  private static int usZip(ScanText text, int token) {
    if (!text.isDigits(token) || text.tokenLength(token) != 5) {
      return -1;
    }
    int plus = token + 1;
    if (plus < text.tokenCount()
        && text.charAt(text.end(token)) == '-'
        && text.start(plus) == text.end(token) + 1
        && text.isDigits(plus)
        && text.tokenLength(plus) == 4) {
      return plus;
    }
    return token;
  }

  /** "K1S 9C5". */
  private static int canadianPostcode(ScanText text, int token) {
    int inward = token + 1;
    if (inward < text.tokenCount()
        && letterDigitPattern(text, token, "LDL")
        && gapIs(text, token, inward, " ")
        && letterDigitPattern(text, inward, "DLD")) {
      return inward;
    }
    return -1;
  }

  /** "EH10 6HD", "M14 6DP", "SW1A 1AA", "NW1 6XE". */
  private static int ukPostcode(ScanText text, int token) {
    int length = text.tokenLength(token);
    if (length < 2 || length > 4 || !text.isAllUpper(token) || !text.hasDigit(token)) {
      return -1;
    }
    if (!Character.isLetter(text.charAt(text.start(token)))) {
      return -1;
    }
    int inward = token + 1;
    if (inward < text.tokenCount()
        && gapIs(text, token, inward, " ")
        && letterDigitPattern(text, inward, "DLL")) {
      return inward;
    }
    return -1;
  }

  /** The token's characters are, in order, upper-case ASCII letters (L) and digits (D). */
  private static boolean letterDigitPattern(ScanText text, int token, String pattern) {
    if (text.tokenLength(token) != pattern.length()) {
      return false;
    }
    int start = text.start(token);
    for (int i = 0; i < pattern.length(); i++) {
      char c = text.charAt(start + i);
      boolean ok = pattern.charAt(i) == 'L' ? c >= 'A' && c <= 'Z' : c >= '0' && c <= '9';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- small checks

  /** 1 to 5 digits, or digits with one letter ("12A"), not part of a decimal number or amount. */
  private static boolean isHouseNumber(ScanText text, int token) {
    int length = text.tokenLength(token);
    if (length > MAX_HOUSE_NUMBER_DIGITS) {
      return false;
    }
    int start = text.start(token);
    if (!text.isDigits(token)) {
      if (!text.isMixed(token) || length < 2) {
        return false;
      }
      for (int i = start; i < start + length - 1; i++) {
        if (!Character.isDigit(text.charAt(i))) {
          return false;
        }
      }
      char last = text.charAt(start + length - 1);
      if (!Character.isLetter(last)) {
        return false;
      }
    }
    char before = text.charAt(start - 1);
    if (before == '.' || before == ',' || before == '/' || before == '-' || before == ':') {
      return !Character.isLetterOrDigit(text.charAt(start - 2));
    }
    return before != '$' && before != '€' && before != '£' && before != '#';
  }

  private static boolean isOrdinal(ScanText text, int token) {
    if (!text.isMixed(token) || text.tokenLength(token) > 6) {
      return false;
    }
    String lower = text.lowerToken(token);
    return lower.endsWith("st")
        || lower.endsWith("nd")
        || lower.endsWith("rd")
        || lower.endsWith("th")
        || lower.endsWith("e")
        || lower.endsWith("er");
  }

  /** A street-type word from {@code set}, in any case, with an optional dot after it. */
  private static boolean isType(ScanText text, Gazetteer set, int token) {
    return text.isLetters(token) && set.contains(text.text(), text.start(token), text.end(token));
  }

  private boolean hasStreetSuffix(ScanText text, int token) {
    if (!text.isLetters(token)) {
      return false;
    }
    int start = text.start(token);
    int end = text.end(token);
    String s = text.text();
    for (String suffix : suffixes) {
      int length = suffix.length();
      if (end - start > length + 2
          && (s.charAt(end - 1) | 0x20) == suffix.charAt(length - 1)
          && s.regionMatches(true, end - length, suffix, 0, length)) {
        return true;
      }
    }
    return false;
  }

  private static boolean gapIs(ScanText text, int token, int next, String gap) {
    int from = text.end(token);
    return text.start(next) - from == gap.length() && text.text().startsWith(gap, from);
  }

  private static boolean containsIgnoringCase(ScanText text, int token, Set<String> words) {
    if (text.tokenLength(token) > 8) {
      return false;
    }
    for (String word : words) {
      if (text.tokenIs(token, word)) {
        return true;
      }
    }
    return false;
  }

  /** The sections of street-types.txt, loaded once. */
  private static final class StreetTypes {
    private static final StreetTypes INSTANCE = new StreetTypes();

    final Gazetteer before;
    final Gazetteer after;
    final Gazetteer alone;
    final Gazetteer units;
    final String[] suffixes;

    private StreetTypes() {
      List<String> beforeWords = new ArrayList<>();
      List<String> afterWords = new ArrayList<>();
      List<String> aloneWords = new ArrayList<>();
      List<String> unitWords = new ArrayList<>();
      List<String> suffixWords = new ArrayList<>();
      List<String> section = null;
      for (String line : Gazetteer.readLines("street-types.txt")) {
        if (line.startsWith("[")) {
          section =
              switch (line) {
                case "[before]" -> beforeWords;
                case "[after]" -> afterWords;
                case "[alone]" -> aloneWords;
                case "[unit]" -> unitWords;
                case "[suffix]" -> suffixWords;
                default -> throw new IllegalStateException("unknown section " + line);
              };
        } else if (section == null) {
          throw new IllegalStateException("street-types.txt: a word before any section");
        } else {
          section.add(line.toLowerCase(Locale.ROOT));
        }
      }
      before = Gazetteer.of(beforeWords);
      after = Gazetteer.of(afterWords);
      alone = Gazetteer.of(aloneWords);
      units = Gazetteer.of(unitWords);
      suffixes = suffixWords.toArray(String[]::new);
    }

    static StreetTypes get() {
      return INSTANCE;
    }
  }
}
