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
 * <p>The street line is then extended over the rest of its address block ({@link #block}): a unit,
 * the town, a region code, a postal code and a country (countries.txt), each after a comma, a space
 * or on its own line ("3684 Court Street\n Suite 710\n Maryland Heights\n Ethiopia"). The block
 * stops at sentence punctuation, a blank line, an ordinary lower-case word or anything that is not
 * one of those parts (a phone number, an e-mail); a town on its own line counts only if more of the
 * block follows it.
 *
 * <p>A street line without a street type ("37 Melum 50", "291 Adelianos Kambos") is an address only
 * with such a block after it. Also found: PO boxes ("P.O. Box 178", "BP 45"), US military posts
 * ("PSC 4665, Box 2778\nAPO AE 80338"), street corners ("the corner of Main Street and 5th Avenue")
 * and a postal code after its keyword ("my zip code is 35649").
 *
 * <p>A street type alone is not enough: the street needs a capitalised name and a house number
 * right next to it, so "5 Street Fighter games" or "3 rue" in prose are not addresses.
 */
final class StreetAddressDetector implements Detector {
  private static final int MAX_NAME_TOKENS = 6;
  private static final int MAX_CITY_WORDS = 3;
  private static final int MAX_PLACE_WORDS = 5;
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
          "easy",
          "no");

  /** "Fifth Floor", "premier étage". */
  private static final Set<String> ORDINAL_WORDS =
      Set.of(
          "ground",
          "first",
          "second",
          "third",
          "fourth",
          "fifth",
          "sixth",
          "seventh",
          "eighth",
          "ninth",
          "tenth",
          "top",
          "premier",
          "deuxième",
          "troisième",
          "quatrième",
          "cinquième");

  /** German streets named with a preposition: "Am Markt 8", "Im Winkel 3", "An der Alster 12". */
  private static final Set<String> STREET_PREPOSITIONS =
      Set.of("am", "im", "an", "auf", "zum", "zur");

  /** Lower-case words inside a street name: "rue de la Paix", "Paseo de la Castellana". */
  private static final Set<String> STREET_PARTICLES =
      Set.of(
          "de", "du", "des", "la", "le", "les", "l", "d", "di", "del", "della", "dei", "da", "dos",
          "das", "y", "e", "of", "the", "en", "sur", "aux", "à", "au", "am", "an", "der", "dem",
          "im", "zum", "zur", "von", "i");

  private static final Set<String> CITY_PARTICLES =
      Set.of(
          "am", "an", "upon", "on", "sur", "sous", "en", "de", "la", "le", "les", "del", "di", "do",
          "da", "dos", "das", "nad", "pod", "u", "bei", "im", "lès", "lez");

  private static final Set<String> DIRECTIONS =
      Set.of(
          "n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west", "nord",
          "sud", "est", "ouest");

  private final Gazetteer before;
  private final Gazetteer after;
  private final Gazetteer alone;
  private final Gazetteer units;

  /** Street suffixes by their last character (all are at least two characters long). */
  private final String[][] suffixesByLastChar;

  private final Countries countries = Countries.INSTANCE;

  StreetAddressDetector() {
    StreetTypes types = StreetTypes.get();
    before = types.before;
    after = types.after;
    alone = types.alone;
    units = types.units;
    suffixesByLastChar = new String[0x250][];
    for (String suffix : types.suffixes) {
      char last = suffix.charAt(suffix.length() - 1);
      if (suffix.length() < 3 || last >= suffixesByLastChar.length) {
        throw new IllegalStateException("street-types.txt: unsupported suffix " + suffix);
      }
      String[] old = suffixesByLastChar[last];
      String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
      grown[grown.length - 1] = suffix;
      suffixesByLastChar[last] = grown;
    }
  }

  @Override
  public void detect(ScanText text, List<Finding> out) {
    int count = text.tokenCount();
    int i = 0;
    int free = 0;
    while (i < count) {
      text.checkDeadline();
      // The keywords below start with one of a few letters: skip the other tokens cheaply.
      char initial = (char) (text.charAt(text.start(i)) | 0x20);
      boolean keyword =
          initial == 'a'
              || initial == 'b'
              || initial == 'c'
              || initial == 'd'
              || initial == 'f'
              || initial == 'p'
              || initial == 'u'
              || initial == 'z';
      int length = text.tokenLength(i);
      boolean militaryInitial =
          initial == 'a' || initial == 'd' || initial == 'f' || initial == 'p' || initial == 'u';
      int military = militaryInitial && length >= 3 && length <= 5 ? military(text, i) : -1;
      if (military >= 0) {
        out.add(
            new Finding(
                PiiType.STREET_ADDRESS,
                text.start(i),
                text.end(military),
                0.95,
                "address.military"));
        free = military + 1;
        i = free;
        continue;
      }
      int corner = initial == 'c' ? corner(text, i) : -1;
      if (corner >= 0) {
        int start =
            i - 1 >= free && text.tokenIs(i - 1, "the") && gapIs(text, i - 1, i, " ") ? i - 1 : i;
        out.add(
            new Finding(
                PiiType.STREET_ADDRESS,
                text.start(start),
                text.end(corner),
                0.9,
                "address.corner"));
        free = corner + 1;
        i = free;
        continue;
      }
      int streetEnd = -1;
      boolean numberFirst = false;
      boolean generic = false;
      boolean lower = false;
      int box = initial == 'p' || initial == 'b' ? poBox(text, i) : -1;
      if (box >= 0) {
        streetEnd = box;
        numberFirst = true;
        lower = text.isAllLower(i);
      } else if (isHouseNumber(text, i)) {
        streetEnd = numberFirstStreet(text, i);
        numberFirst = streetEnd >= 0;
        if (streetEnd >= 0) {
          streetEnd = trailingHouseNumber(text, streetEnd);
        } else {
          streetEnd = genericStreet(text, i);
          numberFirst = generic = streetEnd >= 0;
          lower = generic && text.isAllLower(i + 1);
        }
      } else if (text.isLetters(i) && text.isCapitalised(i)) {
        streetEnd = numberLastStreet(text, i);
        if (streetEnd >= 0 && text.isDigits(streetEnd)) {
          // "Vesturgata 66 Lucchese Street": the number also starts a street in English order.
          int english = numberFirstStreet(text, streetEnd);
          if (english > streetEnd) {
            streetEnd = english;
          }
        }
      }
      int code = streetEnd < 0 && keyword ? zipAfterKeyword(text, i) : -1;
      if (code >= 0) {
        int last = postalCode(text, code);
        out.add(
            new Finding(
                PiiType.STREET_ADDRESS,
                text.start(code),
                text.end(last),
                0.9,
                "address.postal_code"));
        free = last + 1;
        i = free;
        continue;
      }
      if (streetEnd < 0) {
        i++;
        continue;
      }
      int startToken = leadingParts(text, i, free);
      int end = withUnit(text, streetEnd);
      int withTown = withTown(text, end);
      int lastToken = withTown >= 0 ? withTown : end;
      long block =
          block(text, lastToken, lower, withTown >= 0 ? CITY : end != streetEnd ? UNIT : STREET);
      int blockEnd = (int) block;
      int evidence = (int) (block >>> 32);
      if (end != streetEnd) {
        evidence |= UNIT;
      }
      if (withTown >= 0) {
        evidence |= CITY_COMMA;
      }
      // "10 The Crescent", "Am Markt 8": only with the town or more of the block.
      boolean weak =
          !generic
              && ((numberFirst && i + 1 < count && text.tokenIs(i + 1, "the"))
                  || (!numberFirst && containsIgnoringCase(text, i, STREET_PREPOSITIONS)));
      if (weak && withTown < 0 && (evidence & STRONG) == 0 && !endsLine(text, blockEnd)) {
        i++;
        continue;
      }
      boolean typed = generic && (isType(text, before, i + 1) || isType(text, after, streetEnd));
      boolean numberless = generic && !text.hasDigit(streetEnd) && !typed;
      if (numberless && ((evidence & UNIT) == 0 || (evidence & (CITY | POSTAL | COUNTRY)) == 0)) {
        i++;
        continue;
      }
      if (generic && !genericAccepted(text, blockEnd, evidence, lower)) {
        i++;
        continue;
      }
      boolean strong = (evidence & STRONG) != 0;
      if (numberFirst && startToken == i && (evidence & (UNIT | COUNTRY | POSTAL)) != 0) {
        startToken = placeBefore(text, i, free);
      }
      double score = withTown >= 0 || strong ? 0.95 : 0.85;
      String rule =
          generic
              ? "address.block"
              : withTown >= 0 || blockEnd > lastToken ? "address.street_town" : "address.street";
      out.add(
          new Finding(
              PiiType.STREET_ADDRESS, text.start(startToken), text.end(blockEnd), score, rule));
      free = blockEnd + 1;
      i = free;
    }
  }

  // ---------------------------------------------------------------- address blocks

  /**
   * "98 Grote Baan 477", "85 Kongshøj Allé 70", "16 Grosse Praesidenten Str. 20": a house number
   * after a street that already had one, when the line or the sentence ends after it.
   */
  private static int trailingHouseNumber(ScanText text, int end) {
    int next = end + 1;
    if (next >= text.tokenCount()
        || !(gapIs(text, end, next, " ") || gapIs(text, end, next, ". "))
        || !text.isDigits(next)
        || text.tokenLength(next) > 4) {
      return end;
    }
    char after = text.charAt(text.end(next));
    boolean ends = after == '\0' || after == '\n' || after == '\r' || after == ',';
    return ends ? next : end;
  }

  /**
   * Words on the street's line just before its number, in a block with a unit, a postal code or a
   * country ("Eyrarodda 6 Mahler Street\n Apt. 183\n ..."): one to three name words that start the
   * line or follow a lower-case word.
   */
  private static int placeBefore(ScanText text, int number, int free) {
    int first = number;
    for (int t = number - 1; t >= free && t >= number - 3; t--) {
      if (!gapIs(text, t, t + 1, " ") || !text.isLetters(t) || text.tokenLength(t) < 2) {
        break;
      }
      if (!text.isCapitalised(t)) {
        break;
      }
      first = t;
    }
    if (first == number) {
      return number;
    }
    int before = first - 1;
    if (before < 0) {
      return first;
    }
    for (int p = text.end(before); p < text.start(first); p++) {
      if (text.charAt(p) == '\n') {
        return first;
      }
    }
    // After a lower-case word of the sentence ("sent to", "address is"): but not the sentence's
    // own words.
    if (text.isAllLower(before)
        && gapIs(text, before, first, " ")
        && !text.isAllLower(first)
        && (text.tokenIs(before, "to")
            || text.tokenIs(before, "at")
            || text.tokenIs(before, "is")
            || text.tokenIs(before, "with")
            || text.tokenIs(before, "in"))) {
      return first;
    }
    return number;
  }

  /**
   * "the corner of Main Street and 5th Avenue", "corner of Auenweg 85 and Kesä Street": a street,
   * "and", and a second street ending with its type. Returns the last token, or -1.
   */
  private int corner(ScanText text, int token) {
    if (!text.tokenIs(token, "corner")
        || token + 2 >= text.tokenCount()
        || !text.tokenIs(token + 1, "of")
        || !gapIs(text, token, token + 1, " ")
        || !gapIs(text, token + 1, token + 2, " ")) {
      return -1;
    }
    boolean lower = text.isAllLower(token);
    int and = -1;
    boolean named = false;
    for (int t = token + 2; t < text.tokenCount() && t <= token + 9; t++) {
      text.checkDeadline();
      if (t > token + 2) {
        int gap = text.start(t) - text.end(t - 1);
        char c = text.charAt(text.end(t - 1));
        if (gap > 2 || !(c == ' ' || c == '.' || c == '-' || c == '\'')) {
          return -1;
        }
      }
      if (text.tokenIs(t, "and") && text.isAllLower(t)) {
        and = t;
        break;
      }
      named |= text.hasDigit(t) || text.isCapitalised(t) || isType(text, after, t);
    }
    if (and < 0 || !named) {
      return -1;
    }
    for (int t = and + 1; t < text.tokenCount() && t <= and + 5; t++) {
      if (!gapIs(text, t - 1, t, " ")) {
        return -1;
      }
      boolean word = text.isLetters(t) && (text.isCapitalised(t) || lower && text.isAllLower(t));
      if (!word && !(isOrdinal(text, t) && t == and + 1)) {
        return -1;
      }
      if (t > and + 1 && isType(text, after, t)) {
        return t;
      }
    }
    return -1;
  }

  private static final int STREET = 0;
  private static final int UNIT = 1;
  private static final int CITY = 2;
  private static final int REGION = 4;
  private static final int POSTAL = 8;
  private static final int COUNTRY = 16;
  private static final int CITY_COMMA = 32;
  private static final int STRONG = UNIT | REGION | POSTAL | COUNTRY;

  private static final int MAX_BLOCK_SEGMENTS = 7;
  private static final int MAX_BLOCK_GAP = 8;
  private static final int GAP_NEWLINE = 1;
  private static final int GAP_BLANK = 2;
  private static final int GAP_COMMA = 4;
  private static final int GAP_DOT = 8;

  /**
   * A street line found without a street type ("37 Melum 50") is an address only with a unit, a
   * postal code, a region or a country after it, or a town after a comma that ends the line.
   */
  private static boolean genericAccepted(ScanText text, int last, int evidence, boolean lower) {
    if (lower) {
      return (evidence & UNIT) != 0 && (evidence & (POSTAL | COUNTRY | CITY)) != 0
          || (evidence & (POSTAL | COUNTRY)) != 0 && (evidence & CITY) != 0;
    }
    // A postal code alone may be a year or a model number: "2 MacBook Pro 14, 2023 model".
    if ((evidence & (UNIT | REGION | COUNTRY)) != 0
        || (evidence & POSTAL) != 0 && (evidence & CITY) != 0) {
      return true;
    }
    return (evidence & CITY_COMMA) != 0 && endsLine(text, last);
  }

  /** Nothing but spaces, then a line end, the end of the text or sentence punctuation. */
  private static boolean endsLine(ScanText text, int token) {
    for (int p = text.end(token); p < text.length(); p++) {
      char c = text.charAt(p);
      if (c == '\n' || c == '\r' || c == '.' || c == '!' || c == '?' || c == ';') {
        return true;
      }
      if (c != ' ' && c != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * The rest of an address block after its street line: a unit, the town, a region code, a postal
   * code and a country, each on its own line or after a comma or a space ("\n Apt. 252\n Kruså\n
   * Georgia 30012", ", Colle Di Tora, El Salvador 25900"). A town on its own line counts only if
   * more of the block follows it, so a name or a company on the next line is not taken. Returns the
   * last token, with what the block held in the high 32 bits.
   */
  private long block(ScanText text, int last, boolean lower, int startKind) {
    int evidence = 0;
    int committed = last;
    int committedEvidence = 0;
    int previous = startKind;
    int cities = previous == CITY ? 1 : 0;
    if (previous == CITY) {
      // The town came with its postal code (withTown).
      evidence = CITY | POSTAL;
    }
    for (int s = 0; s < MAX_BLOCK_SEGMENTS; s++) {
      text.checkDeadline();
      int t = last + 1;
      if (t >= text.tokenCount()) {
        break;
      }
      int gap = blockGap(text, last, t);
      if (gap < 0) {
        break;
      }
      boolean spaceOnly = (gap & (GAP_NEWLINE | GAP_COMMA)) == 0;
      int kind;
      int end;
      if (previous != CITY
          && previous != COUNTRY
          && (evidence & (UNIT | CITY | POSTAL)) == 0
          && (end = unitSegment(text, t)) >= 0) {
        kind = UNIT;
      } else if ((evidence & POSTAL) == 0 && (end = postalCode(text, t)) >= 0) {
        kind = POSTAL;
      } else if (previous == COUNTRY) {
        break;
      } else if ((end = countries.match(text, t)) >= 0) {
        kind = COUNTRY;
      } else if (previous == CITY
          && (evidence & POSTAL) == 0
          && (end = region(text, t, lower)) >= 0) {
        kind = REGION;
      } else if ((evidence & REGION) == 0
          && ((evidence & POSTAL) == 0 || previous == POSTAL)
          && cities < 2
          && (end = placeWords(text, t, lower)) >= 0) {
        kind = CITY;
      } else {
        break;
      }
      if ((gap & GAP_BLANK) != 0 && kind != COUNTRY || (gap & GAP_DOT) != 0 && kind != UNIT) {
        break;
      }
      if (spaceOnly && kind == CITY && previous != UNIT && previous != POSTAL) {
        break;
      }
      evidence |= kind;
      if (kind == CITY) {
        cities++;
        if ((gap & GAP_COMMA) != 0) {
          evidence |= CITY_COMMA;
        }
      }
      // A town on its own line, or any town in a lower-case block unless it ends the line after a
      // comma or a unit, counts only if more of the block follows.
      boolean tentative =
          kind == CITY
              && ((gap & GAP_NEWLINE) != 0
                  || lower
                      && !(endsLine(text, end)
                          && ((gap & GAP_COMMA) != 0 || previous == UNIT || previous == POSTAL)));
      last = end;
      previous = kind;
      if (!tentative) {
        committed = last;
        committedEvidence = evidence;
      }
      if (kind == POSTAL && (evidence & COUNTRY) != 0) {
        break;
      }
    }
    return ((long) committedEvidence << 32) | committed;
  }

  /**
   * The separator between two parts of a block: spaces, at most one comma, at most one blank line,
   * a quoting "&gt;". Returns its {@code GAP_} bits, or -1.
   */
  private static int blockGap(ScanText text, int token, int next) {
    int from = text.end(token);
    int to = text.start(next);
    if (to - from > MAX_BLOCK_GAP || to == from) {
      return -1;
    }
    // The dot of an abbreviation or of a Hungarian house number: "Str.", "u. 15.".
    boolean dot = false;
    if (text.charAt(from) == '.' && (text.isDigits(token) || text.tokenLength(token) <= 4)) {
      from++;
      dot = true;
    }
    int newlines = 0;
    int commas = 0;
    for (int p = from; p < to; p++) {
      char c = text.charAt(p);
      if (c == '\n') {
        newlines++;
      } else if (c == ',') {
        commas++;
      } else if (newlines > 0 && (c == '?' || c == '*' || c == '-' || c == '|' || c == '•')) {
        // A list or quote marker at the start of the line.
      } else if (c != ' ' && c != '\t' && c != '\r' && c != '>') {
        return -1;
      }
    }
    if (commas > 1 || newlines > 2) {
      return -1;
    }
    if (dot && commas == 0 && newlines == 0) {
      // "97. Suite 446" goes on, but "Unit 9. The ..." is the end of a sentence: see block().
      return GAP_DOT;
    }
    return (newlines > 0 ? GAP_NEWLINE : 0)
        | (newlines > 1 ? GAP_BLANK : 0)
        | (commas > 0 ? GAP_COMMA : 0);
  }

  /** "Apt. 252", "Suite 420", "apt 5", "Bât. B", "Unit 4B", "3e étage": a unit and its number. */
  private int unitSegment(ScanText text, int token) {
    if ((isOrdinal(text, token)
            || text.isCapitalised(token) && containsIgnoringCase(text, token, ORDINAL_WORDS))
        && token + 1 < text.tokenCount()
        && gapIs(text, token, token + 1, " ")
        && (text.tokenIs(token + 1, "étage") || text.tokenIs(token + 1, "floor"))) {
      return token + 1;
    }
    if (!isType(text, units, token)) {
      return -1;
    }
    int number = token + 1;
    if (number >= text.tokenCount() || !isUnitNumber(text, number)) {
      return -1;
    }
    int g = text.end(token);
    int between = text.start(number) - g;
    if (between < 1 || between > 3 || !onlyUnitGap(text, g, text.start(number))) {
      return -1;
    }
    return number;
  }

  /** "85019", "85019-1234", "75008", "1012 AB", "EH10 6HD", "K1S 9C5". */
  private static int postalCode(ScanText text, int token) {
    if (text.isDigits(token)) {
      int length = text.tokenLength(token);
      if (length == 5) {
        return usZip(text, token);
      }
      if (length == 4 || length == 6) {
        int letters = token + 1;
        if (length == 4
            && letters < text.tokenCount()
            && gapIs(text, token, letters, " ")
            && letterDigitPattern(text, letters, "LL")) {
          return letters;
        }
        return token;
      }
      return -1;
    }
    int uk = ukPostcode(text, token);
    return uk >= 0 ? uk : canadianPostcode(text, token);
  }

  /**
   * A state, province or region code before a postal code or at the end of a line: "AZ", "ON",
   * "NSW". A lower-case code counts only before a postal code.
   */
  private int region(ScanText text, int token, boolean lower) {
    int length = text.tokenLength(token);
    if (!text.isLetters(token) || length < 2 || length > 3) {
      return -1;
    }
    int next = token + 1;
    boolean postal =
        next < text.tokenCount() && gapIs(text, token, next, " ") && postalCode(text, next) >= 0;
    if (text.isAllUpper(token)) {
      return postal || endsLine(text, token) ? token : -1;
    }
    if (!text.isAllLower(token) || !(lower || length == 3)) {
      return -1;
    }
    // A lower-case code (or a placeholder a form left) only between the town and the postal code
    // or the country.
    boolean more =
        postal
            || next < text.tokenCount()
                && blockGap(text, token, next) >= 0
                && (postalCode(text, next) >= 0 || countries.match(text, next) >= 0);
    return more ? token : -1;
  }

  /**
   * A town: capitalised or all-capital words ("Porto Alegre", "SKELLEFTEÅ", "Ústí nad Labem 2",
   * "Frederiksberg C"), lower-case words too in a block written in lower case. Stops before a
   * country name or a region code.
   */
  private int placeWords(ScanText text, int first, boolean lower) {
    if (!placeWord(text, first, lower) || countries.match(text, first) >= 0) {
      return -1;
    }
    boolean upper = text.isAllUpper(first) && text.tokenLength(first) > 2;
    int last = first;
    int words = 1;
    for (int t = first + 1; t < text.tokenCount() && words < MAX_PLACE_WORDS + 1; t++) {
      text.checkDeadline();
      int gap = text.end(last);
      boolean joined =
          text.start(t) == gap + 1
              && (text.charAt(gap) == '-' || text.charAt(gap) == '\'' || text.charAt(gap) == '’');
      if (joined && text.isLetters(t)) {
        last = t;
        continue;
      }
      if (!gapIs(text, last, t, " ")) {
        break;
      }
      if (text.isLetters(t)
          && !lower
          && containsIgnoringCase(text, t, CITY_PARTICLES)
          && t + 1 < text.tokenCount()
          && gapIs(text, t, t + 1, " ")
          && placeWord(text, t + 1, false)) {
        last = t + 1;
        t++;
        words++;
        continue;
      }
      // In capitals, a short last word is the region: "THE CHANNON NSW", "BAR-LE-DUC LO".
      boolean region = upper && text.tokenLength(t) <= 3 && region(text, t, lower) >= 0;
      if (placeWord(text, t, lower)
          && (upper ? !region : lower || !text.isAllUpper(t))
          && words < MAX_PLACE_WORDS
          && countries.match(text, t) < 0
          && !isType(text, units, t)) {
        last = t;
        words++;
        continue;
      }
      // "Ústí nad Labem 2", "Frederiksberg C", "Paris Cedex 08".
      if ((text.isDigits(t) && text.tokenLength(t) <= 2)
          || (text.tokenLength(t) == 1 && text.isAllUpper(t))) {
        last = t;
      }
      break;
    }
    return last;
  }

  private static boolean placeWord(ScanText text, int token, boolean lower) {
    return text.isLetters(token)
        && (text.isCapitalised(token) || (lower && text.isAllLower(token)))
        && text.tokenLength(token) > 1;
  }

  /**
   * "37 Melum 50", "80 Gosposka ulica 61", "92 Eusebio Dávila 57": a house number, one to four name
   * words and a second number, an address only if a block follows ({@link #genericAccepted}). In
   * lower case the street may end with its type ("97 guildry street").
   */
  private int genericStreet(ScanText text, int number) {
    int first = number + 1;
    if (first >= text.tokenCount() || !gapIs(text, number, first, " ")) {
      return -1;
    }
    boolean lower = text.isAllLower(first);
    if (!text.isLetters(first) || !(text.isCapitalised(first) || lower)) {
      return -1;
    }
    boolean typedLower = lower && isType(text, before, first);
    int previous = first;
    for (int t = first + 1; t < text.tokenCount() && t <= first + 4; t++) {
      text.checkDeadline();
      // "12 rue de la paix, 75002 paris": in lower case, a street that starts with its type may
      // end at a comma.
      if (typedLower && t > first + 1 && (blockGap(text, previous, t) & GAP_COMMA) != 0) {
        return previous;
      }
      // "291 Adelianos Kambos\n Suite 477": a street without a type or a second number, which
      // genericAccepted takes only with its unit and more of the block.
      if (isType(text, units, t)
          && unitNumberFollows(text, t)
          && blockGap(text, previous, t) >= 0) {
        return previous;
      }
      if (text.isDigits(t) || (isHouseNumber(text, t) && text.isMixed(t))) {
        boolean spaced = gapIs(text, previous, t, " ") || gapIs(text, previous, t, ". ");
        // Without a street type, a five-digit number is more often a build or an order number.
        if (!spaced || !isHouseNumber(text, t) || text.tokenLength(t) > 4) {
          return -1;
        }
        return t;
      }
      boolean abbreviation =
          gapIs(text, previous, t, ". ") && text.tokenLength(previous) <= 4 && t - first < 2;
      if (!(nameGap(text, previous, t) || abbreviation) || !text.isLetters(t)) {
        return -1;
      }
      if (lower && !text.isAllLower(t)) {
        return -1;
      }
      if (lower && isType(text, after, t)) {
        return t;
      }
      previous = t;
    }
    return -1;
  }

  /**
   * What stands before a house number and belongs to the address: a unit ("Flat 14, 26 ...", "Apt.
   * 630 39 ...") or a short number ("15 40 rue ..."), never before {@code free}.
   */
  private int leadingParts(ScanText text, int number, int free) {
    int start = unitBefore(text, number);
    if (start == number
        && number - 1 >= free
        && text.isDigits(number - 1)
        && text.tokenLength(number - 1) <= 4
        && gapIs(text, number - 1, number, " ")
        && isHouseNumber(text, number - 1)) {
      start = unitBefore(text, number - 1);
    }
    return Math.max(start, free);
  }

  /**
   * "zip code is 35649", "ZIP: 85019", "postal code K1S 9C5", "code postal : 75008": the token of
   * the code after its keyword, or -1.
   */
  private static int zipAfterKeyword(ScanText text, int token) {
    int t;
    if (text.tokenIs(token, "zip") || text.tokenIs(token, "postcode")) {
      t = token + 1;
      if (text.tokenIs(token, "zip") && t < text.tokenCount() && text.tokenIs(t, "code")) {
        t++;
      }
    } else if (text.tokenIs(token, "postal")
        && token + 1 < text.tokenCount()
        && text.tokenIs(token + 1, "code")) {
      t = token + 2;
    } else if (text.tokenIs(token, "code")
        && token + 1 < text.tokenCount()
        && text.tokenIs(token + 1, "postal")) {
      t = token + 2;
    } else {
      return -1;
    }
    if (t < text.tokenCount() && (text.tokenIs(t, "is") || text.tokenIs(t, "est"))) {
      t++;
    }
    if (t >= text.tokenCount()) {
      return -1;
    }
    int gap = text.start(t) - text.end(t - 1);
    if (gap < 1 || gap > 3) {
      return -1;
    }
    for (int p = text.end(t - 1); p < text.start(t); p++) {
      char c = text.charAt(p);
      if (c != ' ' && c != ':') {
        return -1;
      }
    }
    return postalCode(text, t) >= 0 ? t : -1;
  }

  /** "P.O. Box 178", "PO Box 12", "p.o. box 5", "BP 45", "Postfach 1234". */
  private static int poBox(ScanText text, int token) {
    int t = token;
    if (text.tokenIs(t, "p")
        && t + 2 < text.tokenCount()
        && text.tokenIs(t + 1, "o")
        && text.start(t + 1) - text.end(t) <= 2
        && text.charAt(text.end(t)) == '.') {
      t = t + 1;
      int g = text.end(t);
      if (text.charAt(g) == '.') {
        g++;
      }
      if (t + 1 >= text.tokenCount() || text.start(t + 1) != g + 1 || text.charAt(g) != ' ') {
        return -1;
      }
      t = t + 1;
    } else if (text.tokenIs(t, "po") && t + 1 < text.tokenCount() && gapIs(text, t, t + 1, " ")) {
      t = t + 1;
    } else if ((text.tokenIs(t, "bp") && text.isAllUpper(t)) || text.tokenIs(t, "postfach")) {
      int number = t + 1;
      return number < text.tokenCount()
              && gapIs(text, t, number, " ")
              && text.isDigits(number)
              && text.tokenLength(number) <= 5
          ? number
          : -1;
    } else {
      return -1;
    }
    if (!text.tokenIs(t, "box")) {
      return -1;
    }
    int number = t + 1;
    return number < text.tokenCount()
            && gapIs(text, t, number, " ")
            && text.isDigits(number)
            && text.tokenLength(number) <= 6
        ? number
        : -1;
  }

  /**
   * US military post: "PSC 4665, Box 2778\nAPO AE 80338", "Unit 2451 Box 9006\nDPO AA 78045", "USNS
   * Márquez\nFPO AP 08653". Returns the ZIP token, or -1.
   */
  private static int military(ScanText text, int token) {
    if (!text.isLetters(token) || text.tokenLength(token) > 5) {
      return -1;
    }
    if (isMilitaryPost(text, token)) {
      return militaryTail(text, token);
    }
    boolean unit = text.tokenIs(token, "unit") || text.tokenIs(token, "psc");
    boolean ship =
        (text.tokenIs(token, "uss")
                || text.tokenIs(token, "usns")
                || text.tokenIs(token, "usnv")
                || text.tokenIs(token, "uscgc"))
            && (text.isAllUpper(token) || text.isAllLower(token));
    if (!unit && !ship) {
      return -1;
    }
    for (int t = token + 1; t < text.tokenCount() && t <= token + 5; t++) {
      text.checkDeadline();
      int gap = blockGap(text, t - 1, t);
      if (gap < 0) {
        return -1;
      }
      boolean post = isMilitaryPost(text, t) || isMilitaryPostLower(text, t);
      if ((gap & GAP_NEWLINE) != 0 || (gap & GAP_COMMA) != 0 && post) {
        return post ? militaryTail(text, t) : -1;
      }
    }
    return -1;
  }

  private static boolean isMilitaryPost(ScanText text, int token) {
    return (text.tokenIs(token, "apo") || text.tokenIs(token, "fpo") || text.tokenIs(token, "dpo"))
        && text.isAllUpper(token);
  }

  private static boolean isMilitaryPostLower(ScanText text, int token) {
    return (text.tokenIs(token, "apo") || text.tokenIs(token, "fpo") || text.tokenIs(token, "dpo"))
        && text.isAllLower(token);
  }

  /** "APO AE 80338": the post, AA, AE or AP, and a ZIP. */
  private static int militaryTail(ScanText text, int post) {
    int code = post + 1;
    int zip = post + 2;
    if (zip >= text.tokenCount()
        || !gapIs(text, post, code, " ")
        || !gapIs(text, code, zip, " ")
        || !(text.tokenIs(code, "aa") || text.tokenIs(code, "ae") || text.tokenIs(code, "ap"))
        || text.isAllUpper(code) != text.isAllUpper(post)) {
      return -1;
    }
    return usZip(text, zip);
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
      if (name < text.tokenCount()
          && (gapIs(text, t, name, " ")
              || (gapIs(text, t, name, ". ") && text.tokenLength(t) >= 2)
              || (gapIs(text, t, name, "/ ") && text.tokenIs(t, "c")))) {
        int end = streetName(text, name, false);
        if (end >= 0) {
          return end;
        }
      }
    }
    if (alone.contains(text, t) && text.isCapitalised(t)) {
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
      // "St. John Street", "N. Main St": an abbreviated word keeps its dot.
      boolean abbreviated =
          t > first
              && gapIs(text, previous, t, ". ")
              && text.tokenLength(previous) <= 2
              && text.isCapitalised(previous)
              && text.isLetters(previous);
      if (t > first && !nameGap(text, previous, t) && !abbreviated) {
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
    } else if (text.isCapitalised(first) && text.charAt(text.end(first)) == '-') {
      nameEnd = hyphenatedStreet(text, first);
    } else if (text.tokenLength(first) <= 3
        && containsIgnoringCase(text, first, STREET_PREPOSITIONS)
        && text.isCapitalised(first)
        && first + 1 < text.tokenCount()
        && gapIs(text, first, first + 1, " ")) {
      int name = first + 1;
      if (text.tokenIs(name, "der") || text.tokenIs(name, "den") || text.tokenIs(name, "dem")) {
        name++;
        if (name >= text.tokenCount() || !gapIs(text, name - 1, name, " ")) {
          return -1;
        }
      }
      nameEnd = text.isLetters(name) && text.isCapitalised(name) ? name : -1;
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

  /** "Karl-Marx-Straße", "Paul-Nevermann-Platz": the last word of the compound, or -1. */
  private int hyphenatedStreet(ScanText text, int first) {
    int t = first;
    for (int k = 0; k < 4; k++) {
      int next = t + 1;
      if (next >= text.tokenCount()
          || text.start(next) != text.end(t) + 1
          || text.charAt(text.end(t)) != '-'
          || !text.isLetters(next)) {
        return -1;
      }
      t = next;
      if (hasStreetSuffix(text, t) || (text.isCapitalised(t) && isType(text, after, t))) {
        return t;
      }
    }
    return -1;
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
      if (t > first && isType(text, units, t) && unitNumberFollows(text, t)) {
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
        || !(gapIs(text, unitNumber, number, ", ") || gapIs(text, unitNumber, number, " "))
        || !(text.isDigits(unitNumber) || text.tokenLength(unitNumber) <= 3)) {
      return number;
    }
    if (!isType(text, units, unitWord)) {
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

  private boolean unitNumberFollows(ScanText text, int token) {
    int number = token + 1;
    if (number >= text.tokenCount() || !isUnitNumber(text, number)) {
      return false;
    }
    int g = text.end(token);
    int between = text.start(number) - g;
    return between >= 1 && between <= 3 && onlyUnitGap(text, g, text.start(number));
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
    return text.isLetters(token) && set.contains(text, token);
  }

  private boolean hasStreetSuffix(ScanText text, int token) {
    if (!text.isLetters(token)) {
      return false;
    }
    int start = text.start(token);
    int end = text.end(token);
    if (end - start < 4) {
      return false;
    }
    String s = text.text();
    char last = Character.toLowerCase(s.charAt(end - 1));
    if (last >= suffixesByLastChar.length) {
      return false;
    }
    String[] candidates = suffixesByLastChar[last];
    if (candidates == null) {
      return false;
    }
    char penultimate = Character.toLowerCase(s.charAt(end - 2));
    for (String suffix : candidates) {
      int length = suffix.length();
      if (end - start > length + 2
          && penultimate == suffix.charAt(length - 2)
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

  /** Country names (countries.txt), matched word by word in any case. */
  private static final class Countries {
    static final Countries INSTANCE = new Countries();
    private static final int MAX_WORD_LENGTH = 16;

    private final java.util.Map<String, List<String[]>> byFirstWord = new java.util.HashMap<>();

    private Countries() {
      for (String line : Gazetteer.readLines("countries.txt")) {
        String[] words = line.split("[^\\p{L}\\p{N}]+");
        if (words.length > 0 && !words[0].isEmpty()) {
          byFirstWord.computeIfAbsent(words[0], k -> new ArrayList<>()).add(words);
        }
      }
    }

    /** The last token of the longest country name starting at {@code token}, or -1. */
    int match(ScanText text, int token) {
      if (!text.isLetters(token) || text.tokenLength(token) > MAX_WORD_LENGTH) {
        return -1;
      }
      List<String[]> names = byFirstWord.get(text.lowerToken(token));
      if (names == null) {
        return -1;
      }
      int best = -1;
      for (String[] words : names) {
        int last = token + words.length - 1;
        if (last >= text.tokenCount() || last <= best) {
          continue;
        }
        boolean all = true;
        for (int k = 1; k < words.length && all; k++) {
          int t = token + k;
          int gap = text.start(t) - text.end(t - 1);
          all =
              gap >= 1
                  && gap <= 2
                  && text.charAt(text.end(t - 1)) != '\n'
                  && text.tokenIs(t, words[k]);
        }
        if (all) {
          best = last;
        }
      }
      return best;
    }
  }
}
