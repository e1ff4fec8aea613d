package dev.casevault.redaction;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names of people, from two kinds of evidence: the words themselves (a known given name followed by
 * a capitalised word, a given and a family name, the ending of a family name such as "-sson" or
 * "-ović") and the context that points at a name (a title, a greeting, "my name is", "on behalf
 * of", "de la part de", "dit être", a "From:" header, a sign-off line, "X's address"). A title is
 * not part of the name; a generational suffix ("Jr.", "III") is.
 *
 * <p>Given and family names come from {@link Gazetteer}s built from datafaker's and
 * {@code @faker-js/faker}'s locale data and the most frequent US Census surnames; country and state
 * names from {@code @faker-js/faker} keep "Moldova" or "Costa Rica" from being taken for names.
 * Words that are also everyday words ("Will", "Grace", "Windows", "May") are never a name without a
 * cue. Lower-case names are found after a strong cue ("ask for john"), as a given name followed by
 * a family name ("natasha higuchi"), or, in a sentence written all in lower case, as a given name
 * alone or before an unknown word.
 */
final class PersonDetector implements Detector {
  private static final int MAX_WORDS = 3;
  private static final int MAX_PARTICLES = 2;

  private static final int NOT_SIGNATURE = 0;
  private static final int SIGNED_OFF = 1;
  private static final int LAST_LINE = 2;

  /** A sign-off line ("Best regards,", "Bien cordialement") is short. */
  private static final int MAX_SIGN_OFF_LINE = 30;

  /** Lower-case words inside a name: "Vincent van Gogh", "Raymond Da Silva", "Anne de la Tour". */
  private static final Set<String> PARTICLES =
      Set.of(
          "de", "du", "des", "da", "das", "dos", "di", "del", "della", "van", "von", "der", "den",
          "ter", "ten", "le", "la", "bin", "ben", "al", "el", "zu", "st");

  /** Written before a name and not part of it. Short ones must be capitalised. */
  private static final Set<String> SHORT_TITLES =
      Set.of("mr", "mrs", "ms", "mx", "miss", "dr", "prof", "mme", "mlle", "me", "m", "sr", "sra");

  private static final Set<String> LONG_TITLES =
      Set.of(
          "mister",
          "madam",
          "madame",
          "monsieur",
          "mademoiselle",
          "doctor",
          "docteur",
          "professor",
          "professeur",
          "maître",
          "maitre",
          "señor",
          "señora",
          "herr",
          "frau",
          "signor",
          "signora",
          "sir");

  private static final Set<String> GREETINGS =
      Set.of(
          "hi",
          "hello",
          "hey",
          "dear",
          "thanks",
          "bonjour",
          "bonsoir",
          "salut",
          "coucou",
          "cher",
          "chère",
          "chers",
          "merci",
          "hallo",
          "hola",
          "ciao",
          "morning",
          "afternoon",
          "evening",
          "welcome");

  /** Last word of a line after which the next line is the writer's name. */
  private static final Set<String> SIGN_OFFS =
      Set.of(
          "regards",
          "thanks",
          "cheers",
          "best",
          "sincerely",
          "cordialement",
          "merci",
          "vous",
          "salutations",
          "wishes",
          "yours",
          "care",
          "cdlt",
          "amitiés",
          "bises",
          "respectfully",
          "faithfully",
          "truly",
          "sent");

  private static final Set<String> ORGANISATION_WORDS =
      Set.of(
          "school",
          "primary",
          "university",
          "college",
          "hospital",
          "ltd",
          "limited",
          "inc",
          "gmbh",
          "sarl",
          "sas",
          "srl",
          "llc",
          "llp",
          "plc",
          "agency",
          "agence",
          "group",
          "groupe",
          "studio",
          "studios",
          "architects",
          "associates",
          "partners",
          "consulting",
          "solutions",
          "services",
          "cabinet",
          "company",
          "corp",
          "bank",
          "foundation",
          "trust",
          "club",
          "academy",
          "institute",
          "clinic",
          "restaurant",
          "hotel",
          "café",
          "bakery",
          "motors",
          "holdings",
          "industries",
          "systems",
          "technologies",
          "labs",
          "media",
          "design",
          "law",
          "legal",
          "dental",
          "pharmacy",
          "garage",
          "farm",
          "farms",
          "accounting",
          "ventures",
          "enterprises",
          "street",
          "road",
          "avenue",
          "lane");

  /** A location preposition makes a lone capitalised word more likely a place than a person. */
  private static final Set<String> PLACE_PREPOSITIONS =
      Set.of("in", "at", "from", "to", "near", "à", "au", "en", "vers", "via", "de", "sur");

  private enum Cue {
    NONE,
    /** Greeting or title: capitalised words right after it are a name. */
    ADDRESSING,
    /** "my name is", "ask for": even a lower-case given or family name is a name. */
    INTRODUCING,
    /** "I am", "this is", "c'est": a name if the word is a known given or family name. */
    SELF,
  }

  // Flags of the one word list, so that a token costs a single lookup.
  private static final int FIRST = 1;
  private static final int LAST = 1 << 1;
  private static final int COMMON = 1 << 2;
  private static final int PARTICLE = 1 << 3;
  private static final int SHORT_TITLE = 1 << 4;
  private static final int LONG_TITLE = 1 << 5;
  private static final int GREETING = 1 << 6;
  private static final int SIGN_OFF = 1 << 7;
  private static final int PLACE_PREPOSITION = 1 << 8;
  private static final int ORGANISATION = 1 << 9;
  private static final int PLACE = 1 << 10;
  private static final int PLACE_WORD = 1 << 11;
  private static final int PLACE_PREFIX = 1 << 12;
  private static final int PERSONAL_NOUN = 1 << 13;

  /** Before a capitalised word, these make it a place: "San Andrés", "Villa Darwin". */
  private static final Set<String> PLACE_PREFIXES =
      Set.of(
          "san", "santa", "santo", "são", "sankt", "villa", "vila", "puerto", "porto", "ciudad",
          "colonia", "fort", "port", "lake", "mount", "saint", "sainte");

  /** After a capitalised word, these make it a place: "Marshall Islands", "Maryland Heights". */
  private static final Set<String> PLACE_WORDS =
      Set.of(
          "islands",
          "island",
          "isles",
          "heights",
          "park",
          "creek",
          "springs",
          "falls",
          "valley",
          "beach",
          "bay",
          "county",
          "township",
          "village",
          "square",
          "plaza",
          "gardens",
          "bridge",
          "harbour",
          "harbor",
          "lake",
          "mountains",
          "mount",
          "coast",
          "river",
          "station",
          "airport");

  private static Gazetteer lexicon() {
    Map<String, Integer> flags = new HashMap<>();
    add(flags, Gazetteer.firstNames(), FIRST);
    add(flags, Gazetteer.lastNames(), LAST);
    add(flags, Gazetteer.commonWords(), COMMON);
    add(flags, PARTICLES, PARTICLE);
    add(flags, SHORT_TITLES, SHORT_TITLE);
    add(flags, LONG_TITLES, LONG_TITLE);
    add(flags, GREETINGS, GREETING);
    add(flags, SIGN_OFFS, SIGN_OFF);
    add(flags, PLACE_PREPOSITIONS, PLACE_PREPOSITION);
    add(flags, ORGANISATION_WORDS, ORGANISATION);
    add(flags, Gazetteer.places(), PLACE);
    add(flags, PLACE_WORDS, PLACE_WORD);
    add(flags, PLACE_PREFIXES, PLACE_PREFIX);
    add(flags, PERSONAL_NOUNS, PERSONAL_NOUN);
    add(flags, streetTypesWrittenAfter(), PLACE_WORD);
    return Gazetteer.withFlags(flags);
  }

  /** The [after] section of street-types.txt: "Road", "Lane", "Straße". */
  private static List<String> streetTypesWrittenAfter() {
    List<String> words = new java.util.ArrayList<>();
    boolean after = false;
    for (String line : Gazetteer.readLines("street-types.txt")) {
      if (line.startsWith("[")) {
        after = line.equals("[after]");
      } else if (after) {
        words.add(line);
      }
    }
    return words;
  }

  private static void add(Map<String, Integer> flags, Collection<String> words, int flag) {
    for (String word : words) {
      flags.merge(word, flag, (a, b) -> a | b);
    }
  }

  /** The flags of tokens {@code first..last} as one word. */
  private static int flags(ScanText text, int first, int last) {
    if (first == last) {
      return Lexicon.WORDS.flags(text, first);
    }
    return Lexicon.WORDS.flags(text.text(), text.start(first), text.end(last));
  }

  private static boolean has(ScanText text, int first, int last, int flag) {
    return (flags(text, first, last) & flag) != 0;
  }

  /**
   * Loads the word lists now (some 80,000 words, a few hundred milliseconds on a cold JVM), so that
   * the first text scanned does not pay for them out of its time budget.
   */
  PersonDetector() {
    if (Lexicon.WORDS == null) {
      throw new IllegalStateException("name lexicon not loaded");
    }
  }

  @Override
  public void detect(ScanText text, List<Finding> out) {
    int count = text.tokenCount();
    int i = 0;
    while (i < count) {
      text.checkDeadline();
      i = text.isLetters(i) ? tryName(text, i, out) : i + 1;
    }
  }

  /** Tries a name starting at token {@code first}; returns the token to continue from. */
  private int tryName(ScanText text, int first, List<Finding> out) {
    boolean capitalised = isNameShaped(text, first) || isApostrophePrefix(text, first);
    boolean lower = !capitalised && text.isAllLower(first);
    if (!capitalised && !lower) {
      return first + 1;
    }
    int firstEnd = wordEnd(text, first, capitalised);
    int firstFlags = flags(text, first, firstEnd);
    if (lower && (firstFlags & (FIRST | LAST)) == 0 && firstEnd == first) {
      // Most tokens of a text are lower-case words: one lookup rules them out.
      return first + 1;
    }
    if (afterLowerCasePrefix(text, first)) {
      // "ex-Zombie", "Saint-Laurent": the second half of a hyphenated word is not a name.
      return first + 1;
    }
    boolean firstKnown = isFirstName(text, first, firstEnd, firstFlags);
    boolean lastKnown = isLastName(text, first, firstEnd, firstFlags);
    boolean common = (firstFlags & COMMON) != 0;
    if (lower && (common || !(firstKnown || lastKnown))) {
      return first + 1;
    }
    boolean everydayWord =
        common
            && (lower
                || isCommonFunctionWord(text, first, firstEnd, afterTitle(text, first))
                || isTitleOrGreeting(text, first));
    if (everydayWord && !(capitalised && lastKnown)) {
      // No context makes it a name ("The", "Please"): the context need not be read.
      return first + 1;
    }
    // Only now, for the few words that could be names, read the context.
    Cue cue = cueBefore(text, first);
    if (lower && !firstKnown && cue == Cue.NONE) {
      // A lower-case family name is a name only after a cue.
      return first + 1;
    }
    if (everydayWord && !(cue == Cue.NONE && inListOfNames(text, first))) {
      // A family name that is also a word is a name only in a list: "Mazzi, Bowman and Hill".
      return first + 1;
    }

    // Extend with up to two more name words (particles between them don't count).
    int words = 1;
    int lastWordStart = first;
    int lastWordEnd = firstEnd;
    boolean skipped = false;
    boolean lastWordKnownLast = lastKnown;
    boolean lastWordKnownFirst = firstKnown;
    int cursor = firstEnd;
    while (words < MAX_WORDS) {
      text.checkDeadline();
      int next = nextWordStart(text, cursor, capitalised);
      if (next < 0) {
        break;
      }
      int nextEnd = wordEnd(text, next, capitalised);
      int nextFlags = flags(text, next, nextEnd);
      boolean knownFirst = isFirstName(text, next, nextEnd, nextFlags);
      boolean knownLast = isLastName(text, next, nextEnd, nextFlags);
      // An everyday word ends the name unless it is a known name after a capitalised one:
      // "Bruce Cook", "Ralph White".
      if ((nextFlags & COMMON) != 0
          && !isParticle(text, next)
          && !(capitalised && (knownLast || knownFirst))
          && !(capitalised
              && words == 1
              && firstKnown
              && (nextFlags & (ORGANISATION | PLACE_WORD | GREETING | SHORT_TITLE | LONG_TITLE))
                  == 0
              && (cue != Cue.NONE || fillsLine(text, first, nextEnd)))) {
        // "Handed over to Ruth Carpenter": after a cue, a given name and an everyday word.
        break;
      }
      if (lower
          && !knownFirst
          && !knownLast
          && !(words == 1
              && firstKnown
              && (isSurnameShaped(text, next, nextEnd)
                  || unknownLowerCaseWord(text, first, firstEnd, next, nextEnd, nextFlags)))) {
        // "natasha higuchi" needs both known; "jared paavolainen" has a family name's ending.
        break;
      }
      words++;
      skipped |= next > cursor + 1;
      lastWordStart = next;
      lastWordEnd = nextEnd;
      lastWordKnownLast = knownLast;
      lastWordKnownFirst = knownFirst;
      cursor = nextEnd;
    }
    int start = text.start(first);
    int end = text.end(lastWordEnd);
    int suffixEnd = capitalised && words >= 2 ? generationalSuffixEnd(text, lastWordEnd) : -1;
    if (partOfAddressOrHandle(text, start, end)
        || followedByOrganisationWord(text, lastWordEnd)
        || (words >= 2
            && cue == Cue.NONE
            && (flags(text, lastWordStart, lastWordEnd) & (ORGANISATION | FIRST | LAST))
                == ORGANISATION)) {
      // "Sage Accounting", "Martin Consulting Group": an organisation.
      return lastWordEnd + 1;
    }

    if (cue == Cue.NONE) {
      cue = cueAfter(text, lastWordEnd);
    }
    double score =
        score(
            text,
            cue,
            capitalised,
            words,
            firstKnown,
            lastKnown,
            common,
            lastWordKnownFirst,
            lastWordKnownLast,
            lastWordStart,
            skipped,
            first,
            lastWordEnd);
    if (score <= 0) {
      return first + 1;
    }
    // Only for the few candidates that scored: the checks that cost several lookups.
    if (cue == Cue.NONE && afterHouseNumber(text, first)) {
      // "92 Eusebio Dávila 57": a street named after a person.
      return lastWordEnd + 1;
    }
    if (cue != Cue.ADDRESSING
        && cue != Cue.INTRODUCING
        && isPlace(text, first, lastWordEnd)
        && signatureLine(text, first, lastWordEnd) == NOT_SIGNATURE) {
      return lastWordEnd + 1;
    }
    String rule =
        cue == Cue.INTRODUCING || cue == Cue.SELF
            ? "person.introduced"
            : cue == Cue.ADDRESSING ? "person.addressed" : "person.name";
    if (cue == Cue.NONE && signatureLine(text, first, lastWordEnd) != NOT_SIGNATURE) {
      rule = "person.signature";
    }
    if (suffixEnd >= 0) {
      // "Keith Bult Jr.", "Matthew Gavrilov II": the suffix is part of the name.
      out.add(new Finding(PiiType.PERSON, start, suffixEnd, score, rule));
      return text.tokenAtOrAfter(suffixEnd);
    }
    out.add(new Finding(PiiType.PERSON, start, end, score, rule));
    return lastWordEnd + 1;
  }

  private double score(
      ScanText text,
      Cue cue,
      boolean capitalised,
      int words,
      boolean firstKnown,
      boolean lastKnown,
      boolean firstCommon,
      boolean endKnownFirst,
      boolean endKnownLast,
      int endWordStart,
      boolean particlesInside,
      int first,
      int lastToken) {
    if (cue == Cue.INTRODUCING) {
      return capitalised ? 0.9 : 0.8;
    }
    if (cue == Cue.SELF && (firstKnown || lastKnown)) {
      return capitalised ? 0.85 : 0.75;
    }
    if (cue == Cue.ADDRESSING) {
      return capitalised ? 0.9 : 0.7;
    }
    // Computed here, for the candidates that got this far: the endings cost a few dozen compares.
    boolean endShaped = isSurnameShaped(text, endWordStart, lastToken);
    if (cue == Cue.SELF && capitalised && !firstCommon && (endShaped || endKnownLast)) {
      // "says Vedzizhev", "according to Ludovic Delaunay": a cue and the shape of a name.
      return 0.75;
    }
    int signature = signatureLine(text, first, lastToken);
    if (capitalised && signature == SIGNED_OFF) {
      return 0.85;
    }
    if (capitalised && signature == LAST_LINE && (firstKnown || lastKnown || endKnownLast)) {
      return 0.8;
    }
    if (firstCommon) {
      // "Grace Kelly", "Will Smith": an everyday word that is a given name, before another name.
      if (capitalised
          && firstKnown
          && words >= 2
          && (endKnownLast || endShaped)
          && !sentenceStart(text, first)) {
        return 0.7;
      }
      if (capitalised
          && firstKnown
          && words == 2
          && !sentenceStart(text, first)
          && !has(text, lastToken, lastToken, COMMON)
          && !beforeNumber(text, lastToken)) {
        // "directed by Mark Roseby": a given name that is also a word, then a capitalised word;
        // not a model ("Dell Latitude 7420").
        return 0.6;
      }
      if (capitalised
          && firstKnown
          && words == 2
          && (endKnownLast || endShaped)
          && !has(text, lastToken, lastToken, COMMON)) {
        // "Frank Nolan listed...": at the start of a sentence, the family name must not be a word.
        return 0.6;
      }
      if (capitalised && firstKnown && words == 2 && fillsLine(text, first, lastToken)) {
        // "Mark Muslija" alone on its line, as at the head of an address block.
        return 0.65;
      }
      return capitalised && words == 1 && (firstKnown || lastKnown) && inListOfNames(text, first)
          ? 0.55
          : 0;
    }
    if (!capitalised
        && words == 1
        && firstKnown
        && text.tokenLength(first) >= 5
        && first == lastToken
        && lowerCaseSentence(text, first)
        && !isPlacePrecededWord(text, first)
        && !LOWER_CASE_WORDS.contains(text.lowerToken(first))) {
      // "why is michaela so impulsive": a given name in a sentence written all in lower case.
      return 0.5;
    }
    if (!capitalised) {
      // "natasha higuchi": lower case needs a given name and a known second name.
      return words >= 2
              && firstKnown
              && !(first > 0 && (text.tokenIs(first - 1, "in") || text.tokenIs(first - 1, "at")))
              && (endKnownLast
                  || endKnownFirst
                  || endShaped
                  || unknownLowerCaseWord(
                      text, first, first, lastToken, lastToken, flags(text, lastToken, lastToken)))
          ? 0.6
          : 0;
    }
    if (words >= 2) {
      if (firstKnown && (endKnownLast || endKnownFirst)) {
        return 0.85;
      }
      if (firstKnown || (endKnownLast && !particlesInside && !sentenceStart(text, first))) {
        // Not "Facturation de Lyon", "Becerril de Campos": an unknown word, a particle, a name.
        return 0.7;
      }
      // "Xiomara Eldarkhanov" with an unknown given name: the family name's ending, mid-sentence.
      return endShaped && words == 2 && !sentenceStart(text, first) && !afterHyphen(text, first)
          ? 0.65
          : 0;
    }
    int previous = first - 1;
    boolean afterPlacePreposition =
        previous >= 0 && isWordBefore(text, previous, first) && isPlacePreposition(text, previous);
    if (!firstKnown && !lastKnown) {
      if (nextToNameInList(text, first)) {
        return 0.55;
      }
      // "says Vedzizhev", "starring Mikolčić": one word with a family name's ending.
      return endShaped && !afterPlacePreposition && !streetLike(text, first) ? 0.6 : 0;
    }
    if (afterPlacePreposition) {
      return 0;
    }
    if (firstKnown) {
      return sentenceStart(text, first) ? 0.5 : 0.6;
    }
    // A family name alone: in a list of names ("Kovalev, Lee and Phillips"), or with the ending
    // of one ("Salonen").
    return inListOfNames(text, first) || (endShaped && !streetLike(text, first)) ? 0.55 : 0;
  }

  /** "carol.khan@example.com", "@jane": the words are part of an e-mail address or a handle. */
  private static boolean partOfAddressOrHandle(ScanText text, int start, int end) {
    char before = text.charAt(start - 1);
    char after = text.charAt(end);
    return before == '@'
        || after == '@'
        || ((before == '.' || before == '_') && Character.isLetterOrDigit(text.charAt(start - 2)))
        || ((after == '.' || after == '_') && Character.isLetterOrDigit(text.charAt(end + 1)));
  }

  /**
   * "Moldova", "Costa Rica", "Marshall Islands", "Maryland Heights": the words, alone or with the
   * word before or after them, are a country or state, or a place word follows them.
   */
  private static boolean isPlace(ScanText text, int first, int last) {
    if (has(text, first, last, PLACE)
        || (last > first
            && (has(text, last, last, PLACE_WORD) || has(text, first, first, PLACE_PREFIX)))) {
      return true;
    }
    int next = last + 1;
    if (next < text.tokenCount() && singleSpaceBetween(text, last, next)) {
      if (has(text, next, next, PLACE_WORD)) {
        // "Maryland Heights", "Hegedûs Gyula utca".
        return true;
      }
      if (has(text, first, next, PLACE)) {
        return true;
      }
    }
    int previous = first - 1;
    if (previous >= 0
        && singleSpaceBetween(text, previous, first)
        && text.isCapitalised(previous)
        && has(text, previous, previous, PLACE_PREFIX)) {
      // "San Luis", "Saint Vincent".
      return true;
    }
    // "Trinidad and Tobago", "Saint Vincent and the Grenadines", "Czech Republic".
    // Only words joined by single spaces can complete a place name.
    int maxAfter = 0;
    while (maxAfter < MAX_PLACE_CONTEXT
        && last + maxAfter + 1 < text.tokenCount()
        && singleSpaceBetween(text, last + maxAfter, last + maxAfter + 1)) {
      maxAfter++;
    }
    int maxBefore = 0;
    while (maxBefore < MAX_PLACE_CONTEXT
        && first - maxBefore - 1 >= 0
        && singleSpaceBetween(text, first - maxBefore - 1, first - maxBefore)) {
      maxBefore++;
    }
    for (int before = 0; before <= maxBefore; before++) {
      for (int after = 0; after <= maxAfter; after++) {
        if ((before > 0 || after > 0) && has(text, first - before, last + after, PLACE)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Words before or after a name that may complete a country's name with it. */
  private static final int MAX_PLACE_CONTEXT = 3;

  /** "Oakwood Primary School", "Martin Consulting": a capitalised organisation name. */
  private static boolean followedByOrganisationWord(ScanText text, int last) {
    int next = last + 1;
    return next < text.tokenCount()
        && singleSpaceBetween(text, last, next)
        && has(text, next, next, ORGANISATION);
  }

  /**
   * One capitalised word in a list with a known name next to it: "Kovalev, Lee and Phillips",
   * "Martin et Dupont".
   */
  private static boolean inListOfNames(ScanText text, int token) {
    return inListOfNames(text, token, MAX_LIST_ITEMS);
  }

  /** A word next to a known name in a list: "Kovalev, Lee", "Mazzi and Hill". */
  private static boolean nextToNameInList(ScanText text, int token) {
    return inListOfNames(text, token, 1);
  }

  private static boolean inListOfNames(ScanText text, int token, int maxItems) {
    // Walk the list both ways, one capitalised word per item, and look for a known name in it.
    int item = token;
    for (int n = 0; n < maxItems; n++) {
      int previous = previousListItem(text, item);
      if (previous < 0) {
        break;
      }
      if (knownNameWord(text, previous)) {
        return true;
      }
      item = previous;
    }
    item = token;
    for (int n = 0; n < maxItems; n++) {
      int next = nextListItem(text, item);
      if (next < 0) {
        break;
      }
      if (knownNameWord(text, next)) {
        return true;
      }
      item = next;
    }
    return false;
  }

  private static final int MAX_LIST_ITEMS = 4;

  /** The list item before {@code token} ("Kovalev, Lee", "Lee and Phillips"), or -1. */
  private static int previousListItem(ScanText text, int token) {
    int previous = token - 1;
    if (previous >= 0 && gapIs(text, previous, token, ", ")) {
      return isNameShaped(text, previous) ? previous : -1;
    }
    if (previous >= 1
        && isConjunction(text, previous)
        && gapIs(text, previous, token, " ")
        && gapIs(text, previous - 1, previous, " ")
        && isNameShaped(text, previous - 1)) {
      return previous - 1;
    }
    return -1;
  }

  /** The list item after {@code token}, or -1. */
  private static int nextListItem(ScanText text, int token) {
    int next = token + 1;
    if (next >= text.tokenCount()) {
      return -1;
    }
    if (gapIs(text, token, next, ", ")) {
      return isNameShaped(text, next) ? next : -1;
    }
    if (next + 1 < text.tokenCount()
        && isConjunction(text, next)
        && gapIs(text, token, next, " ")
        && gapIs(text, next, next + 1, " ")
        && isNameShaped(text, next + 1)) {
      return next + 1;
    }
    return -1;
  }

  private static boolean isConjunction(ScanText text, int token) {
    return text.tokenIs(token, "and") || text.tokenIs(token, "et") || text.tokenIs(token, "or");
  }

  /** A single capitalised word that is a known given or family name. */
  private static boolean knownNameWord(ScanText text, int token) {
    return isNameShaped(text, token)
        && (has(text, token, token, FIRST | LAST) || isSurnameShaped(text, token, token));
  }

  private static boolean gapIs(ScanText text, int token, int next, String gap) {
    int from = text.end(token);
    return text.start(next) - from == gap.length() && text.text().startsWith(gap, from);
  }

  /** Capitalised, not all upper case, letters only; inner capitals only as in "McDonald". */
  private static boolean isNameShaped(ScanText text, int token) {
    if (!text.isCapitalised(token) || !text.isLetters(token)) {
      return false;
    }
    int start = text.start(token);
    int end = text.end(token);
    if (end - start < 2) {
      return false;
    }
    boolean sawLower = false;
    for (int i = start + 1; i < end; i++) {
      char c = text.charAt(i);
      if (Character.isLowerCase(c)) {
        sawLower = true;
      } else if (!mcPrefix(text, start, i)) {
        return false;
      }
    }
    return sawLower;
  }

  /** "Mc" or "Mac" before an inner capital. */
  private static boolean mcPrefix(ScanText text, int start, int capital) {
    int length = capital - start;
    char c0 = text.charAt(start);
    char c1 = text.charAt(start + 1);
    if (length == 2) {
      // "McKenzie", "DeRose", "DiCaprio", "LaFontaine", "LeBlanc", "DuBois".
      return (c0 == 'M' && c1 == 'c')
          || (c0 == 'D' && (c1 == 'e' || c1 == 'i' || c1 == 'u'))
          || (c0 == 'L' && (c1 == 'a' || c1 == 'e'));
    }
    return length == 3 && c0 == 'M' && c1 == 'a' && text.charAt(start + 2) == 'c';
  }

  /** The "O" of "O'Brien" or the "D" of "D'Angelo"; not "John's" or "l'équipe". */
  private static boolean isApostrophePrefix(ScanText text, int token) {
    int end = text.end(token);
    char c = text.charAt(end);
    return text.tokenLength(token) == 1
        && (text.charAt(end - 1) == 'O' || text.charAt(end - 1) == 'D')
        && (c == '\'' || c == '\u2019')
        && token + 1 < text.tokenCount()
        && text.start(token + 1) == end + 1
        && isNameShaped(text, token + 1);
  }

  /**
   * The last token of the name word starting at {@code token}: "Jean-Pierre", "O'Brien" and
   * "D'Angelo" are one word.
   */
  private static int wordEnd(ScanText text, int token, boolean capitalised) {
    int last = token;
    int parts = 1;
    while (parts < 3 && last + 1 < text.tokenCount()) {
      int gap = text.end(last);
      char c = text.charAt(gap);
      int next = last + 1;
      if (text.start(next) != gap + 1 || !text.isLetters(next)) {
        break;
      }
      boolean apostrophe = c == '\'' || c == '\u2019';
      if (c == '-') {
        boolean lowerAfterGivenName =
            capitalised && text.isAllLower(next) && has(text, last, last, FIRST);
        if (capitalised
            ? !isNameShaped(text, next) && !lowerAfterGivenName
            : !text.isAllLower(next)) {
          // "Jean-Pierre", "Amy-leigh"; not "Mail-merge".
          break;
        }
      } else if (apostrophe) {
        if (!isApostrophePrefix(text, last)) {
          break;
        }
      } else {
        break;
      }
      last = next;
      parts++;
    }
    return last;
  }

  /**
   * The first token of the next name word after token {@code end}, skipping particles ("da", "van
   * der") and a middle initial ("F."), or -1. Words are separated by single spaces.
   */
  private int nextWordStart(ScanText text, int end, boolean capitalised) {
    int token = end;
    int particles = 0;
    while (true) {
      int next = token + 1;
      if (next >= text.tokenCount() || !singleSpaceBetween(text, token, next)) {
        return -1;
      }
      if (capitalised && isElidedParticle(text, next)) {
        // "Augustin d'Arcy".
        return next + 1;
      }
      // Lower-case names have no particles: "marie de france" is more likely a phrase.
      if (isParticle(text, next) && particles < MAX_PARTICLES && capitalised) {
        particles++;
        token = next;
        continue;
      }
      if (capitalised
          && particles == 0
          && text.tokenLength(next) == 1
          && text.isCapitalised(next)
          && text.charAt(text.end(next)) == '.'
          && next + 1 < text.tokenCount()
          && text.start(next + 1) == text.end(next) + 2
          && text.charAt(text.end(next) + 1) == ' ') {
        // A middle initial: "John F. Kennedy".
        token = next;
        particles = MAX_PARTICLES;
        if (isNameShaped(text, next + 1)) {
          return next + 1;
        }
        return -1;
      }
      boolean shaped =
          capitalised
              ? isNameShaped(text, next) || isApostrophePrefix(text, next)
              : text.isAllLower(next);
      return shaped && text.isLetters(next) ? next : -1;
    }
  }

  /** The "d" of "d'Arcy", joined by an apostrophe to a capitalised word. */
  private static boolean isElidedParticle(ScanText text, int token) {
    int end = text.end(token);
    char c = text.charAt(end);
    return text.tokenLength(token) == 1
        && text.charAt(end - 1) == 'd'
        && (c == '\'' || c == '\u2019')
        && token + 1 < text.tokenCount()
        && text.start(token + 1) == end + 1
        && isNameShaped(text, token + 1);
  }

  private static boolean singleSpaceBetween(ScanText text, int token, int next) {
    int gap = text.end(token);
    char c = text.charAt(gap);
    return text.start(next) == gap + 1 && (c == ' ' || c == '\u00a0');
  }

  private static boolean isParticle(ScanText text, int token) {
    return text.tokenLength(token) <= 4 && has(text, token, token, PARTICLE);
  }

  /** A given name, or a compound of given names ("Jean-Luc", "Anne-Sophie"). */
  private static boolean isFirstName(ScanText text, int first, int last, int flags) {
    if ((flags & FIRST) != 0) {
      return true;
    }
    if (last == first) {
      return false;
    }
    for (int t = first; t <= last; t++) {
      if (!has(text, t, t, FIRST)) {
        return false;
      }
    }
    return true;
  }

  /** A family name, or a compound of names ("Dupont-Moretti", "O'Brien" when "Brien" is known). */
  private static boolean isLastName(ScanText text, int first, int last, int flags) {
    if ((flags & LAST) != 0) {
      return true;
    }
    if (last == first) {
      return false;
    }
    for (int t = first; t <= last; t++) {
      if (text.tokenLength(t) > 1 && !has(text, t, t, FIRST | LAST)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Endings that, on a word of at least {@link #MIN_SURNAME_SHAPED} letters, mark a family name in
   * many languages: Nordic patronymics (Andreassen, Salómonsson, Bragadóttir), Russian (Gavrilov,
   * Lebedeva), Polish (Wiśniewska, Kowalczyk), South Slavic (Marković, Horvatinčić), Ukrainian
   * (Tkachenko), Romanian (Popescu), Georgian (Beridze, Rushisvili), Finnish (Salonen), Greek
   * (Papadopoulos), Armenian (Kirakosyan), Italian (Cavalcanti, Benedetti), Japanese (Yamamoto,
   * Morishita) and Swedish (Lindström, Lindqvist). Accents are folded before comparing. Place names
   * share some (Rostov, Okayama): a lone word after "in", "at" or "from", next to a number or alone
   * on its line is still not taken.
   */
  private static final String[] SURNAME_ENDINGS = {
    "sson", "ssen", "nsen", "rsen", "lsen", "esen", "tsen", "dsen", "dottir", "sdottir", "ovic",
    "evic", "ic", "wicz", "owski", "ewski", "owska", "ewska", "czyk", "czak", "chuk", "enko",
    "escu", "eanu", "shvili", "svili", "dze", "opoulos", "poulos", "akis", "idis", "oglu", "yan",
    "nen", "strom", "qvist", "kvist", "moto", "mura", "shita", "zawa", "hashi", "uchi", "anti",
    "etti", "otti", "ucci", "elli", "illo", "inen", "ovich", "evich", "ov", "ev", "ova", "eva",
    "sky", "ski", "ska", "cki", "cka", "mann", "stein",
  };

  private static final int MIN_SURNAME_SHAPED = 6;

  /** The last letters of the endings above, to rule most words out with one lookup. */
  private static final boolean[] SURNAME_FINAL_LETTERS = new boolean[128];

  static {
    for (String ending : SURNAME_ENDINGS) {
      SURNAME_FINAL_LETTERS[ending.charAt(ending.length() - 1)] = true;
    }
  }

  /**
   * "emily pottinger": after a lower-case given name of five letters or more, a lower-case word of
   * four letters or more that no word list knows (not an everyday word, not a particle), in a
   * sentence written all in lower case (in ordinary writing "claire" before an unknown word is the
   * adjective).
   */
  private static boolean unknownLowerCaseWord(
      ScanText text, int given, int givenEnd, int word, int wordEnd, int wordFlags) {
    return givenEnd == given
        && wordEnd == word
        && text.tokenLength(given) >= 5
        && text.tokenLength(word) >= 4
        && text.isAllLower(word)
        && wordFlags == 0
        && lowerCaseSentence(text, given)
        && !LOWER_CASE_WORDS.contains(text.lowerToken(given));
  }

  /** After "in", "at", "from"...: "in florence" is a place. */
  private static boolean isPlacePrecededWord(ScanText text, int token) {
    int previous = token - 1;
    return previous >= 0
        && isWordBefore(text, previous, token)
        && isPlacePreposition(text, previous);
  }

  private static final int MAX_SENTENCE_LOOKBACK = 200;

  /**
   * Given names too common to be everyday words in the list, yet words in lower case: "claire" is
   * French for clear, "pierre" for stone.
   */
  private static final Set<String> LOWER_CASE_WORDS =
      Set.of("claire", "pierre", "france", "aimée", "rosée", "aurore", "céleste", "patience");

  /** The sentence holding the token starts with a lower-case letter (or with the token). */
  private static boolean lowerCaseSentence(ScanText text, int token) {
    int i = text.start(token) - 1;
    int limit = Math.max(0, text.start(token) - MAX_SENTENCE_LOOKBACK);
    char firstLetter = text.charAt(text.start(token));
    for (; i >= limit; i--) {
      char c = text.charAt(i);
      if (c == '.' || c == '!' || c == '?' || c == '\n') {
        break;
      }
      if (Character.isLetter(c)) {
        firstLetter = c;
      }
    }
    if (i < limit && limit > 0) {
      return false;
    }
    return Character.isLowerCase(firstLetter);
  }

  /** Whether the word {@code first..last} has the ending of a family name (see above). */
  private static boolean isSurnameShaped(ScanText text, int first, int last) {
    int start = text.start(last);
    int end = text.end(last);
    char lastChar = Gazetteer.fold(text.charAt(end - 1));
    if (end - start < MIN_SURNAME_SHAPED
        || lastChar >= 128
        || !SURNAME_FINAL_LETTERS[lastChar]
        || (text.end(last) - text.start(first) == end - start && has(text, first, last, COMMON))) {
      return false;
    }
    for (String ending : SURNAME_ENDINGS) {
      if (endsWithFolded(text, start, end, ending)) {
        if ((ending.equals("ska") || ending.equals("sky") || ending.equals("ski"))
            && isVowel(Gazetteer.fold(text.charAt(end - 4)))) {
          // "Alaska", "Nebraska".
          continue;
        }
        if (ending.equals("ic") && !endsWithAccentedIc(text, end)) {
          // "Atlantic", "Catholic": only the accented "-ić" / "-ič".
          continue;
        }
        return true;
      }
    }
    return false;
  }

  private static boolean endsWithAccentedIc(ScanText text, int end) {
    char c = text.charAt(end - 1);
    return c == '\u0107' || c == '\u010d';
  }

  private static boolean isVowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  }

  private static boolean endsWithFolded(ScanText text, int start, int end, String ending) {
    int n = ending.length();
    if (end - start <= n) {
      return false;
    }
    char[] folded = text.folded(); // the ending lies within one token, whose letters are folded
    for (int i = 0; i < n; i++) {
      if (folded[end - n + i] != ending.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Common words that even a greeting can't turn into a name ("Hi all", "Dear Sir or Madam"). */
  private static boolean isCommonFunctionWord(
      ScanText text, int first, int last, boolean afterTitle) {
    // After a title a family name is expected ("Mr. Smith", even "Mr. Carpenter"); after a
    // greeting a given name.
    if (afterTitle) {
      return isTitleOrGreeting(text, first) || !isNameShaped(text, first);
    }
    return !has(text, first, last, FIRST);
  }

  /** Whether a title ("Mr", "Mme.") stands right before the token. */
  private static boolean afterTitle(ScanText text, int token) {
    int p = token - 1;
    if (p < 0) {
      return false;
    }
    int gap = text.start(token) - text.end(p);
    boolean dot = text.charAt(text.end(p)) == '.';
    return gap <= 2 && isTitle(text, p, dot);
  }

  /** Nouns after a possessive that make its owner a person: "Gregorina's address". */
  private static final Set<String> PERSONAL_NOUNS =
      Set.of(
          "address",
          "account",
          "phone",
          "number",
          "email",
          "mail",
          "wife",
          "husband",
          "son",
          "daughter",
          "mother",
          "father",
          "mom",
          "mum",
          "dad",
          "brother",
          "sister",
          "partner",
          "boyfriend",
          "girlfriend",
          "birthday",
          "password",
          "details",
          "card",
          "manager",
          "boss",
          "colleague",
          "assistant",
          "signature",
          "mobile",
          "contact");

  /**
   * What the words just after the name at token {@code last} say about it: a possessive with a
   * personal noun ("Gregorina's address") introduces a person.
   */
  private static Cue cueAfter(ScanText text, int last) {
    int next = last + 1;
    if (next + 1 < text.tokenCount() && text.tokenIs(next, "s")) {
      char c = text.charAt(text.end(last));
      return (c == '\'' || c == '\u2019')
              && text.start(next) == text.end(last) + 1
              && singleSpaceBetween(text, next, next + 1)
              && has(text, next + 1, next + 1, PERSONAL_NOUN)
          ? Cue.INTRODUCING
          : Cue.NONE;
    }
    return Cue.NONE;
  }

  /** What the words just before token {@code first} say about it. */
  private Cue cueBefore(ScanText text, int first) {
    int p = first - 1;
    if (p < 0) {
      return Cue.NONE;
    }
    int gapStart = text.end(p);
    int gapEnd = text.start(first);
    if (gapEnd - gapStart > 3) {
      return Cue.NONE;
    }
    boolean spaces = onlySpaces(text, gapStart, gapEnd);
    boolean dotSpace =
        gapEnd - gapStart == 2 && text.charAt(gapStart) == '.' && text.charAt(gapStart + 1) == ' ';
    boolean commaSpace =
        gapEnd - gapStart == 2 && text.charAt(gapStart) == ',' && text.charAt(gapStart + 1) == ' ';
    boolean colon = !spaces && isColonGap(text, gapStart, gapEnd);

    if ((spaces || dotSpace) && isTitle(text, p, dotSpace)) {
      return Cue.ADDRESSING;
    }
    if ((spaces || commaSpace) && isGreeting(text, p)) {
      return Cue.ADDRESSING;
    }
    if (colon
        && (text.tokenIs(p, "name")
            || text.tokenIs(p, "nom")
            || text.tokenIs(p, "contact")
            || text.tokenIs(p, "customer")
            || text.tokenIs(p, "client")
            || text.tokenIs(p, "cliente")
            || text.tokenIs(p, "user")
            || text.tokenIs(p, "caller")
            || text.tokenIs(p, "requester")
            || text.tokenIs(p, "utilisateur")
            || text.tokenIs(p, "appelant")
            || text.tokenIs(p, "demandeur")
            || isHeaderField(text, p))) {
      return Cue.INTRODUCING;
    }
    boolean questionSpace =
        gapEnd - gapStart == 2 && text.charAt(gapStart) == '?' && text.charAt(gapStart + 1) == ' ';
    if ((commaSpace || questionSpace) && text.tokenIs(p, "name")) {
      // "my partner's name, Ludovic Delaunay", "What's your name? April Martin".
      return Cue.INTRODUCING;
    }
    if (!spaces) {
      return Cue.NONE;
    }
    if (text.tokenIs(p, "name") && p > 0 && isPossessive(text, p - 1)) {
      // "under my partner's name roberto yamamura", "her name Anna".
      return Cue.INTRODUCING;
    }
    if (introducedBy(text, p)) {
      return Cue.INTRODUCING;
    }
    return presentedBy(text, p) ? Cue.SELF : Cue.NONE;
  }

  /**
   * An e-mail or memo header field at the start of its line: "From: Ludovic Delaunay", "De : Hélène
   * Petit", "Cc: Bruce Cook", "Signed: ...".
   */
  private static boolean isHeaderField(ScanText text, int token) {
    if (!(text.tokenIs(token, "from")
        || text.tokenIs(token, "to")
        || text.tokenIs(token, "cc")
        || text.tokenIs(token, "bcc")
        || text.tokenIs(token, "attn")
        || text.tokenIs(token, "de")
        || text.tokenIs(token, "à")
        || text.tokenIs(token, "a")
        || text.tokenIs(token, "expéditeur")
        || text.tokenIs(token, "destinataire")
        || text.tokenIs(token, "signed")
        || text.tokenIs(token, "signé"))) {
      return false;
    }
    int i = text.start(token) - 1;
    while (i >= 0 && isBlank(text.charAt(i))) {
      i--;
    }
    return i < 0 || text.charAt(i) == '\n' || text.charAt(i) == '\r' || text.charAt(i) == '>';
  }

  /** "my", "his", "her", "their", "your", or the "s" of "partner's". */
  private static boolean isPossessive(ScanText text, int token) {
    if (text.tokenIs(token, "s")) {
      char c = text.charAt(text.start(token) - 1);
      return c == '\'' || c == '\u2019';
    }
    return text.tokenIs(token, "my")
        || text.tokenIs(token, "his")
        || text.tokenIs(token, "her")
        || text.tokenIs(token, "their")
        || text.tokenIs(token, "your");
  }

  private static boolean isColonGap(ScanText text, int from, int to) {
    boolean colon = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == ':' && !colon) {
        colon = true;
      } else if (c != ' ' && c != '\u00a0') {
        return false;
      }
    }
    return colon;
  }

  private static boolean onlySpaces(ScanText text, int from, int to) {
    if (from == to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\u00a0') {
        return false;
      }
    }
    return true;
  }

  private static boolean isTitle(ScanText text, int token, boolean dotAfter) {
    int length = text.tokenLength(token);
    if (length <= 4) {
      if (!text.isCapitalised(token) && !(dotAfter && isEnglishTitle(text, token))) {
        // "mr. martin" in lower-case text; a lower-case "me" or "ms" alone is a word.
        return false;
      }
      if (text.tokenIs(token, "m")) {
        // "M." is French for Mr; a lone "M" is anything.
        return dotAfter;
      }
      return has(text, token, token, SHORT_TITLE);
    }
    return !dotAfter && has(text, token, token, LONG_TITLE);
  }

  private static boolean isEnglishTitle(ScanText text, int token) {
    return text.tokenIs(token, "mr")
        || text.tokenIs(token, "mrs")
        || text.tokenIs(token, "ms")
        || text.tokenIs(token, "dr");
  }

  /** "Dear Sir", "Hello Madam": a form of address is not the name. */
  private static boolean isTitleOrGreeting(ScanText text, int token) {
    return has(text, token, token, SHORT_TITLE)
        || has(text, token, token, LONG_TITLE)
        || has(text, token, token, GREETING);
  }

  private static boolean isGreeting(ScanText text, int token) {
    if (has(text, token, token, GREETING)) {
      return true;
    }
    // "Thank you John", "Merci beaucoup Paul".
    return (text.tokenIs(token, "you") || text.tokenIs(token, "beaucoup"))
        && token > 0
        && (text.tokenIs(token - 1, "thank") || text.tokenIs(token - 1, "merci"));
  }

  /** "I am", "I'm", "this is", "je suis", "c'est": followed by a name or by anything else. */
  private static boolean presentedBy(ScanText text, int p) {
    int before = p - 1;
    if (before < 0) {
      return false;
    }
    if (text.tokenIs(p, "at")) {
      // "shouted at Katie", "yelled at him".
      return text.tokenIs(before, "shouted") || text.tokenIs(before, "yelled");
    }
    if (text.tokenIs(p, "is")) {
      return text.tokenIs(before, "this");
    }
    if (text.tokenIs(p, "am") || text.tokenIs(p, "m")) {
      return text.tokenIs(before, "i");
    }
    if (text.tokenIs(p, "him") || text.tokenIs(p, "her")) {
      // "she named him Joshua", "they call her Sam".
      return text.tokenIs(before, "named")
          || text.tokenIs(before, "called")
          || text.tokenIs(before, "call")
          || text.tokenIs(before, "name");
    }
    if (text.tokenIs(p, "suis")) {
      return text.tokenIs(before, "je");
    }
    if (text.tokenIs(p, "est")) {
      return text.tokenIs(before, "c");
    }
    if (text.tokenIs(p, "to")) {
      // "according to Hill", "handed over to Ruth Carpenter": a name only if it looks like one.
      return text.tokenIs(before, "according")
          || (text.tokenIs(before, "over") && before > 0 && text.tokenIs(before - 1, "handed"));
    }
    if (text.tokenIs(p, "de")) {
      // "pour le compte de X" is often a company: a name only if it looks like one.
      return before >= 2
          && text.tokenIs(before, "compte")
          && text.tokenIs(before - 1, "le")
          && text.tokenIs(before - 2, "pour");
    }
    // "says Yudina", "starring Martinez", "she named him Joshua".
    return text.tokenIs(p, "says")
        || text.tokenIs(p, "said")
        || text.tokenIs(p, "told")
        || text.tokenIs(p, "starring")
        || text.tokenIs(p, "featuring")
        || text.tokenIs(p, "named")
        || text.tokenIs(p, "called")
        || text.tokenIs(p, "tell");
  }

  /** "my name is", "call me", "ask for", "speak to", "je m'appelle", "de la part de". */
  private static boolean introducedBy(ScanText text, int p) {
    int before = p - 1;
    if (text.tokenIs(p, "is")) {
      return before >= 0 && text.tokenIs(before, "name");
    }
    if (text.tokenIs(p, "me")) {
      return before >= 0 && (text.tokenIs(before, "call") || text.tokenIs(before, "calls"));
    }
    if (text.tokenIs(p, "for")) {
      return before >= 0
          && (text.tokenIs(before, "ask")
              || text.tokenIs(before, "asked")
              || text.tokenIs(before, "asking"));
    }
    if (text.tokenIs(p, "to") || text.tokenIs(p, "with")) {
      return before >= 0
          && (text.tokenIs(before, "speak")
              || text.tokenIs(before, "spoke")
              || text.tokenIs(before, "speaking")
              || text.tokenIs(before, "talk")
              || text.tokenIs(before, "talked")
              || text.tokenIs(before, "talking"));
    }
    if (text.tokenIs(p, "with") || text.tokenIs(p, "avec")) {
      // "You're chatting with Hiroshi", "Vous discutez avec Maurice".
      return before >= 0
          && (text.tokenIs(before, "chatting")
              || text.tokenIs(before, "discutez")
              || text.tokenIs(before, "parlez")
              || text.tokenIs(before, "parler")
              || text.tokenIs(before, "échangez"));
    }
    if (text.tokenIs(p, "appelle") || text.tokenIs(p, "nomme")) {
      return true;
    }
    if (text.tokenIs(p, "à")) {
      return before >= 0 && (text.tokenIs(before, "passer") || text.tokenIs(before, "parler"));
    }
    if (text.tokenIs(p, "de")) {
      // "de la part de X", "au nom de X".
      return before >= 1
          && ((text.tokenIs(before, "part") && text.tokenIs(before - 1, "la"))
              || (text.tokenIs(before, "nom") && text.tokenIs(before - 1, "au")));
    }
    if (text.tokenIs(p, "of")) {
      // "on behalf of X".
      return before >= 1 && text.tokenIs(before, "behalf") && text.tokenIs(before - 1, "on");
    }
    if (text.tokenIs(p, "by")) {
      return before >= 0
          && (text.tokenIs(before, "signed") || text.tokenIs(before, "countersigned"));
    }
    if (text.tokenIs(p, "être")) {
      // "L'appelant dit être X", "prétend être X".
      return before >= 0
          && (text.tokenIs(before, "dit")
              || text.tokenIs(before, "prétend")
              || text.tokenIs(before, "affirme")
              || text.tokenIs(before, "déclare"));
    }
    if (text.tokenIs(p, "comme")) {
      // "se présente comme X".
      return before >= 0 && (text.tokenIs(before, "présente") || text.tokenIs(before, "présenté"));
    }
    if (text.tokenIs(p, "as")) {
      // "introduced himself as X", "identified as X".
      return before >= 0
          && (text.tokenIs(before, "himself")
              || text.tokenIs(before, "herself")
              || text.tokenIs(before, "themselves")
              || text.tokenIs(before, "introduced")
              || text.tokenIs(before, "identified"));
    }
    return text.tokenIs(p, "contact")
        || text.tokenIs(p, "contacted")
        || text.tokenIs(p, "contacter")
        || text.tokenIs(p, "attn")
        || text.tokenIs(p, "cc");
  }

  /**
   * Whether the name fills its own line after a sign-off ("Regards,\nJane Doe", "Cordialement\n
   * Raymond Da Silva") or is the last line of the text after a blank line.
   */
  private static int signatureLine(ScanText text, int first, int last) {
    int lineStart = text.start(first);
    while (lineStart > 0 && isBlank(text.charAt(lineStart - 1))) {
      lineStart--;
    }
    int after = text.end(last);
    if (lineStart == 0 || text.charAt(lineStart - 1) != '\n') {
      return signOffOnTheSameLine(text, first, last) ? SIGNED_OFF : NOT_SIGNATURE;
    }
    while (isBlank(text.charAt(after)) || text.charAt(after) == '\r') {
      after++;
    }
    if (after < text.length() && text.charAt(after) != '\n') {
      return NOT_SIGNATURE;
    }
    int previous = first - 1;
    if (previous >= 0
        && text.end(previous) >= lineStart - 4
        && has(text, previous, previous, SIGN_OFF)) {
      // The line before is short: a sign-off, not a sentence that happens to end with "thanks".
      int previousLineStart = lineStart - 1;
      int limit = Math.max(0, lineStart - MAX_SIGN_OFF_LINE);
      while (previousLineStart > limit && text.charAt(previousLineStart - 1) != '\n') {
        previousLineStart--;
      }
      if (previousLineStart == 0 || text.charAt(previousLineStart - 1) == '\n') {
        return SIGNED_OFF;
      }
    }
    int blank = lineStart - 2;
    while (blank >= 0 && (isBlank(text.charAt(blank)) || text.charAt(blank) == '\r')) {
      blank--;
    }
    boolean afterBlankLine = blank < 0 || text.charAt(blank) == '\n';
    boolean endOfText = true;
    for (int i = after; i < text.length() && endOfText; i++) {
      endOfText = Character.isWhitespace(text.charAt(i));
    }
    return afterBlankLine && endOfText ? LAST_LINE : NOT_SIGNATURE;
  }

  /** The words are alone on their line. */
  private static boolean fillsLine(ScanText text, int first, int last) {
    int before = text.start(first) - 1;
    while (before >= 0 && isBlank(text.charAt(before))) {
      before--;
    }
    int after = text.end(last);
    while (after < text.length() && (isBlank(text.charAt(after)) || text.charAt(after) == '\r')) {
      after++;
    }
    return (before < 0 || text.charAt(before) == '\n')
        && (after >= text.length() || text.charAt(after) == '\n');
  }

  /** "Cheers, Rajesh" ending its line, the sign-off first on the line. */
  private static boolean signOffOnTheSameLine(ScanText text, int first, int last) {
    int previous = first - 1;
    if (previous < 0
        || !gapIs(text, previous, first, ", ")
        || !has(text, previous, previous, SIGN_OFF)) {
      return false;
    }
    int after = text.end(last);
    while (isBlank(text.charAt(after)) || text.charAt(after) == '\r') {
      after++;
    }
    if (after < text.length() && text.charAt(after) != '\n') {
      return false;
    }
    int before = text.start(previous) - 1;
    while (before >= 0 && isBlank(text.charAt(before))) {
      before--;
    }
    return before < 0 || text.charAt(before) == '\n';
  }

  /**
   * A lone word that reads as a street or a town rather than a person: after a house number or an
   * upper-case code ("63 Tylova 42", "USNV Karataev", "ul. Karpacka"), before a number, or alone on
   * its line as in an address block.
   */
  private static boolean streetLike(ScanText text, int token) {
    int previous = token - 1;
    if (previous >= 0 && text.end(previous) >= text.start(token) - 2) {
      if (text.isDigits(previous)
          || (text.isAllUpper(previous) && text.tokenLength(previous) > 1)
          || text.tokenIs(previous, "ul")
          || text.tokenIs(previous, "u")) {
        return true;
      }
    }
    int next = token + 1;
    if (next < text.tokenCount()
        && text.start(next) <= text.end(token) + 2
        && text.isDigits(next)
        && onlySpaces(text, text.end(token), text.start(next))) {
      return true;
    }
    int before = text.start(token) - 1;
    while (before >= 0 && isBlank(text.charAt(before))) {
      before--;
    }
    int after = text.end(token);
    while (after < text.length() && isBlank(text.charAt(after))) {
      after++;
    }
    boolean lineStart = before < 0 || text.charAt(before) == '\n' || text.charAt(before) == '>';
    boolean lineEnd =
        after >= text.length() || text.charAt(after) == '\n' || text.charAt(after) == ',';
    return lineStart && lineEnd;
  }

  private static boolean afterHyphen(ScanText text, int token) {
    return text.charAt(text.start(token) - 1) == '-';
  }

  /**
   * The end offset of "Jr.", "Sr.", "II", "III" or "IV" after the name ending at token {@code last}
   * (after a space or ", "), or -1.
   */
  private static int generationalSuffixEnd(ScanText text, int last) {
    int next = last + 1;
    if (next >= text.tokenCount()
        || !(singleSpaceBetween(text, last, next) || gapIs(text, last, next, ", "))) {
      return -1;
    }
    boolean dotted = text.tokenIs(next, "jr") || text.tokenIs(next, "sr");
    boolean roman =
        text.isAllUpper(next)
            && (text.tokenIs(next, "ii") || text.tokenIs(next, "iii") || text.tokenIs(next, "iv"));
    if (!(dotted && text.isCapitalised(next)) && !roman) {
      return -1;
    }
    int end = text.end(next);
    if (Character.isLetterOrDigit(text.charAt(end))) {
      return -1;
    }
    return dotted && text.charAt(end) == '.' ? end + 1 : end;
  }

  /** A house number (or "ul.", "C/") right before the token: "92 Eusebio Dávila". */
  private static boolean afterHouseNumber(ScanText text, int token) {
    int previous = token - 1;
    return previous >= 0
        && text.end(previous) >= text.start(token) - 2
        && ((text.isDigits(previous) && singleSpaceBetween(text, previous, token))
            || text.tokenIs(previous, "ul")
            || (text.tokenIs(previous, "c") && text.charAt(text.end(previous)) == '/'));
  }

  /** A number right after the token: "Latitude 7420". */
  private static boolean beforeNumber(ScanText text, int token) {
    int next = token + 1;
    return next < text.tokenCount() && singleSpaceBetween(text, token, next) && text.hasDigit(next);
  }

  /**
   * "ex-Zombie", "Saint-Laurent", "Masnuy-Saint-Pierre": the second half of a hyphenated word is
   * not a name on its own (the whole word was tried from its start).
   */
  private static boolean afterLowerCasePrefix(ScanText text, int token) {
    int previous = token - 1;
    return previous >= 0
        && afterHyphen(text, token)
        && text.end(previous) == text.start(token) - 1
        && text.isLetters(previous);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\u00a0';
  }

  /** The token starts the text, a line or a sentence. */
  private static boolean sentenceStart(ScanText text, int token) {
    int i = text.start(token) - 1;
    while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"' || text.charAt(i) == '\'')) {
      i--;
    }
    if (i < 0) {
      return true;
    }
    char c = text.charAt(i);
    return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':' || c == '\r';
  }

  private static boolean isWordBefore(ScanText text, int previous, int token) {
    return onlySpaces(text, text.end(previous), text.start(token));
  }

  private static boolean isPlacePreposition(ScanText text, int token) {
    return text.tokenLength(token) <= 4 && has(text, token, token, PLACE_PREPOSITION);
  }

  /** Built on first use, after the word sets above. */
  private static final class Lexicon {
    static final Gazetteer WORDS = lexicon();
  }
}
