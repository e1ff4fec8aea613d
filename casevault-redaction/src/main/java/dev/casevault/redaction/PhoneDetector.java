package dev.casevault.redaction;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Telephone numbers, national or international, validated against the numbering plans of
 * libphonenumber. A candidate is a run of digit groups joined by the separators people put in phone
 * numbers (spaces, dots, dashes, slashes, parentheses), at most {@value #MAX_SPAN} characters long.
 * Its shape is checked first (dates, versions, SSNs and bare order numbers are rejected without
 * calling libphonenumber), then its digits are tried as an international number ({@code +} or
 * {@code 00}) or as a national number of the countries casevault serves.
 */
final class PhoneDetector implements Detector {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final boolean[] CALLING_CODES = callingCodes();
  private static final int ITALY = 39;

  private static final int MAX_SPAN = 25;
  private static final int MAX_GROUPS = 8;
  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 17;

  private static final int UNKNOWN = 0;
  private static final int YES = 1;
  private static final int NO = 2;

  /** Regions whose national numbers start with the trunk prefix 0 (Italy keeps it: apart). */
  private static final String[] TRUNK_ZERO_REGIONS = {"FR", "BE", "CH", "GB", "DE", "AT", "NL"};

  static final String[] CONTEXT_WORDS = {
    "phone",
    "telephone",
    "tel",
    "tél",
    "téléphone",
    "call",
    "called",
    "calling",
    "callback",
    "appeler",
    "appelez",
    "appelé",
    "rappeler",
    "rappel",
    "rappelé",
    "rappelée",
    "rappellerons",
    "mobile",
    "cell",
    "portable",
    "fax",
    "numéro",
    "numero",
    "joindre",
    "joignable",
    "reach",
    "contact",
    "gsm",
    "whatsapp",
    "sms",
    "office",
    "ring",
    "text",
    "dial",
    "answering",
    "handy",
    "telefon",
    "telefono",
    "teléfono",
    "cellulare",
    "móvil",
    "movil",
    "ligne"
  };

  /** Labels written after a number in contact lists: "555 0134 (mobile)", "223-087-9502 fax". */
  private static final String[] LABELS_AFTER = {
    "office", "fax", "mobile", "cell", "home", "work", "portable", "bureau", "domicile", "tel"
  };

  /**
   * Reads the numbering plans' patterns now, so that the first text examined does not pay for them
   * out of its time budget.
   */
  PhoneDetector() {
    if (PlanStarts.BY_REGION.isEmpty()) {
      throw new IllegalStateException("numbering plans not loaded");
    }
  }

  @Override
  public void detect(ScanText text, List<Finding> out) {
    int[] groups = new int[MAX_GROUPS];
    StringBuilder digits = new StringBuilder(MAX_DIGITS + 8);
    int t = 0;
    while (t < text.tokenCount()) {
      text.checkDeadline();
      t = isChainStart(text, t) ? findAt(text, t, groups, digits, out) : t + 1;
    }
  }

  /** Words before "number" that make it some other number: "order number", "card number". */
  private static final String[] OTHER_NUMBER_KINDS = {
    "order",
    "case",
    "ticket",
    "invoice",
    "reference",
    "ref",
    "serial",
    "tracking",
    "model",
    "part",
    "account",
    "customer",
    "confirmation",
    "transaction",
    "policy",
    "batch",
    "build",
    "version",
    "item",
    "product",
    "license",
    "licence",
    "registration",
    "bank",
    "card",
    "routing",
    "sort",
    "vat",
    "tax",
    "id",
    "shipment",
    "parcel",
    "contract",
    "member",
    "employee",
    "badge",
    "lot"
  };

  /**
   * "The number linked to the account is 4155550155": a "number" shortly before, unless it is an
   * order, card or other kind of number. Weaker than a phone word, so only a valid number gains.
   */
  private static boolean numberCue(ScanText text, int token) {
    int limit = text.start(token) - 60;
    for (int t = token - 1; t >= 0 && t >= token - 8; t--) {
      text.checkDeadline();
      if (text.start(t) < limit) {
        return false;
      }
      if (text.tokenIs(t, "number")) {
        if (text.tokenIs(t + 1, "of")) {
          return false; // "number of seats": a count
        }
        if (t == 0) {
          return true;
        }
        for (String kind : OTHER_NUMBER_KINDS) {
          if (text.tokenIs(t - 1, kind)) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  /**
   * A digit token not glued to the identifier before it ({@code CMD-2021-}, {@code v1.}, {@code
   * 12/}): those continue a number that was already tried from its first group.
   */
  private static boolean isChainStart(ScanText text, int t) {
    if (!DigitRuns.isAsciiDigits(text, t)) {
      return false;
    }
    int start = text.start(t);
    char before = text.charAt(start - 1);
    boolean joiner =
        before == '-' || before == '.' || before == '/' || before == '_' || before == ')';
    return !(joiner && Character.isLetterOrDigit(text.charAt(start - 2)));
  }

  /**
   * Finds a phone number starting at token {@code first}; returns the token to continue from: after
   * the number found, after an international candidate that failed (its groups must not be retried
   * as national numbers: {@code +49 (0)159 ...}), else the next token.
   */
  private static int findAt(
      ScanText text, int first, int[] groups, StringBuilder digits, List<Finding> out) {
    int count = collectGroups(text, first, groups);
    if (count == 0) {
      return first + 1;
    }
    if (isIpAddress(text, groups, count)) {
      return groups[count - 1] + 1;
    }
    int start = text.start(first);
    boolean plus = text.charAt(start - 1) == '+';
    boolean international = plus || text.charAt(start) == '0' && text.charAt(start + 1) == '0';
    int chainDigits = 0;
    for (int i = 0; i < count; i++) {
      chainDigits += groupDigits(text, groups[i]);
    }
    if (chainDigits < MIN_DIGITS) {
      return groups[count - 1] + 1; // the common case: a year, a quantity, a short reference
    }
    int contextState = UNKNOWN;
    // Longest first: a number followed by unrelated digits is found by dropping the tail.
    for (int n = count; n >= 1; n--) {
      text.checkDeadline();
      int digitCount = 0;
      for (int i = 0; i < n; i++) {
        digitCount += groupDigits(text, groups[i]);
      }
      if (digitCount < MIN_DIGITS || digitCount > MAX_DIGITS || !plausibleShape(text, groups, n)) {
        continue;
      }
      if (contextState == UNKNOWN) {
        contextState =
            DigitRuns.keywordBefore(text, first, 4, 40, Keywords.PHONE_CONTEXT, CONTEXT_WORDS)
                    || numberCue(text, first)
                ? YES
                : NO;
      }
      boolean context = contextState == YES;
      if (n == 1
          && !international
          && !context
          && !(text.charAt(start) == '0' && digitCount >= 10)) {
        continue; // a bare run of digits is an order or account number more often than a phone
      }
      String rule = international ? "phone.international" : "phone.national";
      double score = 0.6 + (n > 1 ? 0.1 : 0) + (international ? 0.1 : 0) + (context ? 0.15 : 0);
      if (!isValid(text, groups, n, international, digits)) {
        // Numbering plans change and people mistype: a number laid out like a phone and labelled
        // as one is kept with a lower score.
        if (isNanpLayout(text, groups, n)) {
          rule = "phone.nanp-layout";
          score = context ? 0.6 : 0.5;
        } else if (n == count
            && (context || labelAfter(text, groups[n - 1]))
            && (international
                ? isPossibleInternational(digits)
                : n > 1 && maxGroup(text, groups, n) <= 6 && digitCount <= 12)) {
          rule = "phone.labelled";
          score = 0.55;
        } else if (plus && n == count && isPossibleInternational(digits)) {
          // "+33407779195": a plus, a country code and a possible length is how phone numbers
          // are written; plans lag behind new ranges, and little else is written this way.
          rule = "phone.international-possible";
          score = 0.5;
        } else {
          continue;
        }
      }
      int spanStart = plus ? start - 1 : text.charAt(start - 1) == '(' ? start - 1 : start;
      int spanEnd = endWithExtension(text, groups[n - 1]);
      if (continuesWithDigits(text, spanEnd)) {
        continue; // part of something longer: 213.166.113.7, 12-34-56-7
      }
      out.add(new Finding(PiiType.PHONE, spanStart, spanEnd, Math.min(score, 0.95), rule));
      return groups[n - 1] + 1;
    }
    return international ? groups[count - 1] + 1 : first + 1;
  }

  /**
   * Fills {@code groups} with the tokens of the candidate starting at {@code first}: digit tokens
   * joined by up to three phone separators, within {@value #MAX_SPAN} characters. A last token like
   * {@code 8670x1711} (a number with its extension) ends the candidate.
   */
  private static int collectGroups(ScanText text, int first, int[] groups) {
    int count = 0;
    int token = first;
    int limit = text.start(first) + MAX_SPAN;
    while (count < MAX_GROUPS && token < text.tokenCount() && text.end(token) <= limit) {
      text.checkDeadline();
      boolean extension = isNumberWithExtension(text, token);
      if (!extension && !DigitRuns.isAsciiDigits(text, token)) {
        break;
      }
      if (count >= 3 && text.tokenLength(token) == 1) {
        break; // no phone has a one-digit group that late (see plausibleShape): "1 2 3 4 5"
      }
      groups[count++] = token;
      if (extension || token + 1 >= text.tokenCount() || !phoneGap(text, token)) {
        break;
      }
      token++;
    }
    return count;
  }

  private static boolean phoneGap(ScanText text, int token) {
    int from = text.end(token);
    int to = text.start(token + 1);
    if (to - from > 3) {
      return false;
    }
    int spaces = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (DigitRuns.isSpace(c)) {
        spaces++;
      } else if (c != '.' && c != '-' && c != '/' && c != '(' && c != ')') {
        return false;
      }
    }
    return spaces <= 1;
  }

  /** {@code 8670x1711}: digits, an x, one to six digits. */
  private static boolean isNumberWithExtension(ScanText text, int token) {
    if (!text.isMixed(token) || text.tokenLength(token) > 14) {
      return false;
    }
    int x = -1;
    for (int i = text.start(token); i < text.end(token); i++) {
      char c = text.charAt(i);
      if (c == 'x' || c == 'X') {
        if (x >= 0) {
          return false;
        }
        x = i;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return x >= text.start(token) + 2 && text.end(token) - x - 1 >= 1 && text.end(token) - x <= 7;
  }

  /** How many digits of the phone number the group holds (an extension does not count). */
  private static int groupDigits(ScanText text, int token) {
    for (int i = text.start(token); i < text.end(token); i++) {
      char c = text.charAt(i);
      if (c == 'x' || c == 'X') {
        return i - text.start(token);
      }
    }
    return text.tokenLength(token);
  }

  /** Rejects what only looks like a phone by its digits: dates, versions, SSNs, digit soup. */
  private static boolean plausibleShape(ScanText text, int[] groups, int n) {
    int singles = 0;
    for (int i = 0; i < n; i++) {
      int length = groupDigits(text, groups[i]);
      if (length == 1) {
        singles++;
        if (i > 2 || i == n - 1) {
          return false; // only a leading digit, a trunk (0) or a French "6 12 34 56 78"
        }
      }
    }
    if (singles > 2) {
      return false;
    }
    if (n >= 3) {
      int a = groupDigits(text, groups[0]);
      int b = groupDigits(text, groups[1]);
      int c = groupDigits(text, groups[2]);
      char sep = text.charAt(text.end(groups[0]));
      boolean dateSeparator =
          (sep == '/' || sep == '.' || sep == '-') && text.charAt(text.end(groups[1])) == sep;
      boolean shortYear = n == 3 && c == 2;
      if (dateSeparator
          && (a <= 2 && b <= 2 && (c == 4 || shortYear) || a == 4 && b <= 2 && c <= 2)) {
        return false; // 21/07/2009, 2010-07-07
      }
      if (n == 3 && a == 3 && b == 2 && c == 4) {
        return false; // the US social security number layout
      }
    }
    for (int i = 0; i + 1 < n; i++) {
      if (text.charAt(text.end(groups[i])) == '.') {
        int length = groupDigits(text, groups[i]);
        int next = groupDigits(text, groups[i + 1]);
        if (length > 4 || next > 4 || next < 2) {
          return false; // a version number: 13.0.5766.18864, 1.22.4
        }
      }
    }
    return true;
  }

  private static boolean continuesWithDigits(ScanText text, int end) {
    char after = text.charAt(end);
    char next = text.charAt(end + 1);
    return (after == '.' || after == '-' || after == '/') && next >= '0' && next <= '9';
  }

  /** Four dotted groups of one to three digits: an IPv4 address, not a French 01.23.45.67.89. */
  private static boolean isIpAddress(ScanText text, int[] groups, int count) {
    if (count < 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (text.tokenLength(groups[i]) > 3 || i < 3 && text.charAt(text.end(groups[i])) != '.') {
        return false;
      }
    }
    return count == 4 || text.charAt(text.end(groups[3])) != '.';
  }

  private static int maxGroup(ScanText text, int[] groups, int n) {
    int max = 0;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, groupDigits(text, groups[i]));
    }
    return max;
  }

  /**
   * The North American layout: 3-3-4 digits joined by dashes, dots or an area code in parentheses,
   * optionally after 1 or 001. Unambiguous enough to keep when the area code is not assigned.
   */
  private static boolean isNanpLayout(ScanText text, int[] groups, int n) {
    int first = 0;
    if (n == 4) {
      String lead = text.token(groups[0]);
      if (!lead.equals("1") && !lead.equals("001")) {
        return false;
      }
      first = 1;
    }
    if (n - first != 3
        || text.tokenLength(groups[first]) != 3
        || text.tokenLength(groups[first + 1]) != 3
        || groupDigits(text, groups[first + 2]) != 4) {
      return false;
    }
    char sep = text.charAt(text.end(groups[first + 1]));
    char open = text.charAt(text.start(groups[first]) - 1);
    char close = text.charAt(text.end(groups[first]));
    return (sep == '-' || sep == '.') && (close == sep || open == '(' && close == ')');
  }

  private static boolean labelAfter(ScanText text, int last) {
    int next = last + 1;
    if (next >= text.tokenCount() || text.start(next) - text.end(last) > 3) {
      return false;
    }
    for (String label : LABELS_AFTER) {
      if (text.tokenIs(next, label)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isValid(
      ScanText text, int[] groups, int n, boolean international, StringBuilder digits) {
    digits.setLength(0);
    for (int i = 0; i < n; i++) {
      int token = groups[i];
      int start = text.start(token);
      // The trunk prefix written in parentheses after a country code: +44 (0)20 ...
      boolean trunkInParentheses =
          international
              && i > 0
              && text.tokenLength(token) == 1
              && text.charAt(start) == '0'
              && text.charAt(start - 1) == '('
              && text.charAt(start + 1) == ')';
      if (!trunkInParentheses) {
        digits.append(text.text(), start, start + groupDigits(text, token));
      }
    }
    if (international) {
      return isValidInternational(digits);
    }
    return isValidNational(digits);
  }

  private static boolean isValidInternational(StringBuilder digits) {
    PhoneNumber number = parseInternational(digits);
    return number != null && UTIL.isValidNumber(number);
  }

  /** The right length for its country, though not in an allocated range. */
  private static boolean isPossibleInternational(StringBuilder digits) {
    PhoneNumber number = parseInternational(digits);
    return number != null && UTIL.isPossibleNumber(number);
  }

  /**
   * The digits after {@code +} or {@code 00} as a number, or null. Calling codes are prefix-free,
   * so the first known one of one to three digits is the country; building the number directly is
   * several times cheaper than {@link PhoneNumberUtil#parse}, which is kept for the rare national
   * part written with its trunk 0 ("+44 020 ..."), where it knows which prefix to strip.
   */
  private static PhoneNumber parseInternational(StringBuilder digits) {
    int from = digits.charAt(0) == '0' ? 2 : 0;
    int length = digits.length() - from;
    if (length < 2 || digits.charAt(from) == '0') {
      return null;
    }
    for (int codeLength = 1; codeLength <= 3 && codeLength < length; codeLength++) {
      int callingCode = Integer.parseInt(digits, from, from + codeLength, 10);
      if (!CALLING_CODES[callingCode]) {
        continue;
      }
      int national = from + codeLength;
      if (digits.charAt(national) == '0' && callingCode != ITALY) {
        return parseWithLibrary(digits.substring(from));
      }
      PhoneNumber number =
          new PhoneNumber()
              .setCountryCode(callingCode)
              .setNationalNumber(Long.parseLong(digits, national, digits.length(), 10));
      int zeros = 0;
      while (national + zeros < digits.length() - 1 && digits.charAt(national + zeros) == '0') {
        zeros++;
      }
      if (zeros > 0) {
        number.setItalianLeadingZero(true).setNumberOfLeadingZeros(zeros);
      }
      return number;
    }
    return null;
  }

  private static boolean[] callingCodes() {
    boolean[] known = new boolean[1000];
    for (int code : UTIL.getSupportedCallingCodes()) {
      known[code] = true;
    }
    return known;
  }

  private static PhoneNumber parseWithLibrary(String number) {
    try {
      return UTIL.parse("+" + number, "ZZ");
    } catch (NumberParseException notANumber) {
      return null;
    }
  }

  /**
   * A national number of the countries casevault serves: the trunk-0 plans of Europe, Italian
   * numbers (which keep their 0), North American numbers and Spanish ones.
   */
  private static boolean isValidNational(StringBuilder digits) {
    int length = digits.length();
    char first = digits.charAt(0);
    if (first == '0') {
      if (digits.charAt(1) == '0' || length > 13) {
        return false;
      }
      long subscriber = Long.parseLong(digits, 1, length, 10);
      for (String region : TRUNK_ZERO_REGIONS) {
        if (valid(region, subscriber, false)) {
          return true;
        }
      }
      return valid("IT", subscriber, true);
    }
    if (length > 11) {
      return false;
    }
    long number = Long.parseLong(digits, 0, length, 10);
    if (length == 11 && first == '1') {
      number -= 10_000_000_000L;
      return valid("US", number, false) || valid("CA", number, false);
    }
    return length == 10 && (valid("US", number, false) || valid("CA", number, false))
        || length == 9 && valid("ES", number, false)
        || first == '3' && valid("IT", number, false);
  }

  /**
   * Checks one region's plan only: {@link PhoneNumberUtil#isValidNumber} would try each of the 25
   * regions that share +1.
   */
  private static boolean valid(String region, long nationalNumber, boolean italianLeadingZero) {
    int start = leadingDigits(nationalNumber, italianLeadingZero);
    if (start >= 0 && !PlanStarts.BY_REGION.get(region).admits(start)) {
      return false;
    }
    PhoneNumber number =
        new PhoneNumber()
            .setCountryCode(UTIL.getCountryCodeForRegion(region))
            .setNationalNumber(nationalNumber);
    if (italianLeadingZero) {
      number.setItalianLeadingZero(true);
    }
    return UTIL.isValidNumberForRegion(number, region);
  }

  /**
   * The first {@value PlanStarts#DIGITS} digits of the national significant number that {@link
   * #valid} builds (with its Italian leading zero), as a number, or -1 if it is shorter.
   */
  private static int leadingDigits(long nationalNumber, boolean italianLeadingZero) {
    long start = nationalNumber;
    int digits = italianLeadingZero ? PlanStarts.DIGITS - 1 : PlanStarts.DIGITS;
    long limit = digits == 2 ? 100 : 1000;
    if (start < limit / 10) {
      return -1;
    }
    while (start >= limit) {
      start /= 10;
    }
    return (int) start;
  }

  /**
   * For each region {@link #valid} checks, which starts of a national significant number some
   * number type of its plan admits. libphonenumber accepts a number of a region only if the plan's
   * general pattern and one type's pattern (fixed line, mobile, toll free...) match it whole; a
   * pattern that fails on a start without reaching its end fails on every number with that start
   * ({@link Matcher#hitEnd}). So a number whose start no pattern admits is refused without running
   * the plan's regular expressions, which cost more than the rest of the phone detector.
   */
  private static final class PlanStarts {
    static final int DIGITS = 3;
    static final Map<String, PlanStarts> BY_REGION = byRegion();

    private static final byte UNKNOWN = 0;
    private static final byte ADMITTED = 1;
    private static final byte REFUSED = 2;

    private final Pattern general;
    private final List<Pattern> types;

    /**
     * What each start gets, worked out on first sight (a few microseconds) rather than for all
     * 1,000 starts up front (about 300 ms on a cold JVM). Threads may race to fill a slot; they
     * write the same value.
     */
    private final byte[] known = new byte[1000];

    private PlanStarts(PhoneMetadata plan) {
      general = pattern(plan.getGeneralDesc());
      types =
          Stream.of(
                  plan.getPremiumRate(),
                  plan.getTollFree(),
                  plan.getSharedCost(),
                  plan.getVoip(),
                  plan.getPersonalNumber(),
                  plan.getPager(),
                  plan.getUan(),
                  plan.getVoicemail(),
                  plan.getFixedLine(),
                  plan.getMobile())
              .map(PlanStarts::pattern)
              .filter(Objects::nonNull)
              .toList();
    }

    private static Map<String, PlanStarts> byRegion() {
      Map<String, PlanStarts> byRegion = new HashMap<>();
      for (String region :
          List.of("FR", "BE", "CH", "GB", "DE", "AT", "NL", "IT", "US", "CA", "ES")) {
        byRegion.put(
            region,
            new PlanStarts(
                DefaultMetadataDependenciesProvider.getInstance()
                    .getPhoneNumberMetadataSource()
                    .getMetadataForRegion(region)));
      }
      return byRegion;
    }

    /** Whether some number type of the plan admits national numbers starting with {@code start}. */
    boolean admits(int start) {
      byte state = known[start];
      if (state == UNKNOWN) {
        String digits = String.format(Locale.ROOT, "%03d", start);
        boolean admitted =
            admits(general, digits) && types.stream().anyMatch(type -> admits(type, digits));
        state = admitted ? ADMITTED : REFUSED;
        known[start] = state;
      }
      return state == ADMITTED;
    }

    /** The type's pattern, or null for a type the region does not have (it matches nothing). */
    private static Pattern pattern(PhoneNumberDesc type) {
      String pattern = type.getNationalNumberPattern();
      return pattern.isEmpty() ? null : Pattern.compile(pattern);
    }

    private static boolean admits(Pattern pattern, String start) {
      if (pattern == null) {
        return false;
      }
      Matcher matcher = pattern.matcher(start);
      return matcher.matches() || matcher.hitEnd();
    }
  }

  /** Extends a number's end over a written extension: "x123", "ext. 123", "poste 12". */
  private static int endWithExtension(ScanText text, int last) {
    int end = text.end(last);
    int next = last + 1;
    if (next + 1 >= text.tokenCount() || text.start(next) - end > 2) {
      return end;
    }
    boolean word =
        text.tokenIs(next, "ext") || text.tokenIs(next, "x") || text.tokenIs(next, "poste");
    int number = next + 1;
    if (word
        && text.start(number) - text.end(next) <= 2
        && text.tokenLength(number) <= 6
        && DigitRuns.isAsciiDigits(text, number)) {
      return text.end(number);
    }
    return end;
  }
}
