package dev.casevault.redaction;

import static dev.casevault.redaction.EmailSyntax.closerOf;
import static dev.casevault.redaction.EmailSyntax.isAlnum;
import static dev.casevault.redaction.EmailSyntax.isCloser;
import static dev.casevault.redaction.EmailSyntax.isLabelChar;
import static dev.casevault.redaction.EmailSyntax.isLocalChar;
import static dev.casevault.redaction.EmailSyntax.isOpener;
import static dev.casevault.redaction.EmailSyntax.isSpace;
import static dev.casevault.redaction.EmailSyntax.openerOf;
import static dev.casevault.redaction.EmailSyntax.regionIs;

import java.util.List;

/**
 * E-mail addresses, plain ({@code jane.doe@contoso.com}) and in the forms people type to dodge
 * address harvesters: {@code jane dot doe at contoso dot com}, {@code jane[at]contoso[dot]com},
 * {@code jane (at) contoso (dot) com}, {@code jane @ contoso . com}, {@code jane @contoso com}
 * (spaces for dots), {@code JANE AT CONTOSO DOT COM} and the French {@code jean point dupont
 * arobase orange point fr}.
 *
 * <p>Candidates are the {@code @} characters and the tokens "at" and "arobase". From a candidate
 * the detector reads the local part backwards and the domain forwards, each bounded by the lengths
 * RFC 5321 allows, so the work per candidate is constant. A plain address needs a plausible
 * top-level domain; a spelled-out one needs a real one, because there only the domain's last word
 * separates an address from prose ("meet me at home dot").
 */
final class EmailDetector implements Detector {
  private static final double PLAIN_SCORE = 0.99;
  private static final double BRACKETED_SCORE = 0.93;
  private static final double SPELLED_SCORE = 0.9;
  private static final double WEAK_SCORE = 0.85;

  /** Spaces tolerated around a separator ("jane @ contoso"). */
  private static final int MAX_SPACES = 3;

  /** Words and dots a spelled-out local part may have ("jean point marie point dupont"). */
  private static final int MAX_ATOMS = 8;

  private static final int MAX_LABELS = 10;

  /** How far back a URL's "://" is looked for, to tell its user part from an address. */
  private static final int MAX_URL_AUTHORITY = 256;

  /** Kinds of separator between two labels of a domain. */
  private static final int NONE = 0;

  private static final int PLAIN_DOT = 1;
  private static final int SPELLED_DOT = 2;
  private static final int SPACE_DOT = 3;

  @Override
  public void detect(ScanText text, List<Finding> out) {
    for (int i = 0; i < text.atSignCount(); i++) {
      text.checkDeadline();
      detectAtSign(text.text(), text.atSign(i), out);
    }
    for (int t = 0; t < text.tokenCount(); t++) {
      text.checkDeadline();
      if ((text.keywords(t) & Keywords.AT_WORD) == 0) {
        continue;
      }
      if (text.tokenIs(t, "at")) {
        detectAtWord(text, t, false, out);
      } else if (text.tokenIs(t, "arobase")) {
        detectAtWord(text, t, true, out);
      }
    }
  }

  /** An address around the {@code @} at {@code at}, possibly bracketed or spaced. */
  private static void detectAtSign(String s, int at, List<Finding> out) {
    int sepStart = at;
    int sepEnd = at + 1;
    boolean bracketed = false;
    int before = skipSpacesBack(s, at, 1);
    int after = skipSpaces(s, at + 1, 1);
    if (before > 0 && isOpener(s.charAt(before - 1)) && after < s.length()) {
      if (s.charAt(after) == closerOf(s.charAt(before - 1))) {
        sepStart = before - 1;
        sepEnd = after + 1;
        bracketed = true;
      }
    }
    int localEnd = skipSpacesBack(s, sepStart, MAX_SPACES);
    int domainStart = skipSpaces(s, sepEnd, MAX_SPACES);
    boolean spacedAfter = domainStart > sepEnd;
    boolean obfuscated = bracketed || localEnd < sepStart || spacedAfter;
    int localStart = localStart(s, localEnd, obfuscated);
    if (localStart < 0 || isUrlUserInfo(s, localStart)) {
      return;
    }
    // Spaces for dots only where the '@' sticks to the domain: "jane @contoso com".
    long domain = domain(s, domainStart, !spacedAfter && !bracketed);
    if (domain < 0) {
      return;
    }
    int domainEnd = (int) domain;
    int kinds = (int) (domain >>> 32);
    boolean spelledLocal = isSpelled(s, localStart, localEnd);
    if (!obfuscated && kinds == 1 << PLAIN_DOT && !spelledLocal) {
      out.add(new Finding(PiiType.EMAIL, localStart, domainEnd, PLAIN_SCORE, "email.plain"));
      return;
    }
    if (!bracketed && isProseWord(s, localStart, localEnd)) {
      return;
    }
    if (!isKnownTldAt(s, domainEnd)) {
      return;
    }
    if ((kinds & 1 << SPACE_DOT) != 0) {
      out.add(new Finding(PiiType.EMAIL, localStart, domainEnd, WEAK_SCORE, "email.spaced"));
    } else {
      out.add(new Finding(PiiType.EMAIL, localStart, domainEnd, BRACKETED_SCORE, "email.spaced"));
    }
  }

  /** An address around the word "at" or "arobase", bare between spaces or bracketed. */
  private static void detectAtWord(ScanText text, int token, boolean arobase, List<Finding> out) {
    String s = text.text();
    int start = text.start(token);
    int end = text.end(token);
    if (!arobase
        && Character.isUpperCase(s.charAt(start)) != Character.isUpperCase(s.charAt(1 + start))) {
      // "At" opens a sentence; only "at" and "AT" spell an address.
      return;
    }
    int sepStart = start;
    int sepEnd = end;
    boolean bracketed = false;
    int before = skipSpacesBack(s, start, 1);
    int after = skipSpaces(s, end, 1);
    if (before > 0 && isOpener(s.charAt(before - 1)) && after < s.length()) {
      if (s.charAt(after) == closerOf(s.charAt(before - 1))) {
        sepStart = before - 1;
        sepEnd = after + 1;
        bracketed = true;
      }
    }
    if (!bracketed && !(isSpace(text.charAt(start - 1)) && isSpace(text.charAt(end)))) {
      return;
    }
    int localEnd = skipSpacesBack(s, sepStart, MAX_SPACES);
    int domainStart = skipSpaces(s, sepEnd, MAX_SPACES);
    int localStart = localStart(s, localEnd, true);
    if (localStart < 0) {
      return;
    }
    long domain = domain(s, domainStart, false);
    if (domain < 0) {
      return;
    }
    int domainEnd = (int) domain;
    int kinds = (int) (domain >>> 32);
    if (!bracketed && !arobase && isProseWord(s, localStart, localEnd)) {
      return;
    }
    if (!isKnownTldAt(s, domainEnd)) {
      return;
    }
    double score;
    if (bracketed) {
      score = BRACKETED_SCORE;
    } else if (arobase || (kinds & 1 << SPELLED_DOT) != 0) {
      score = SPELLED_SCORE;
    } else {
      // "jane.doe at gmail.com": only the "at" is spelled out, the weakest evidence. A capitalised
      // word ("Tickets at eventbrite.com") or a domain followed by a path ("download at
      // contoso.com/app") is prose about a website.
      if (Character.isUpperCase(s.charAt(localStart)) && isLettersOnly(s, localStart, localEnd)
          || text.charAt(domainEnd) == '/') {
        return;
      }
      score = WEAK_SCORE;
    }
    out.add(new Finding(PiiType.EMAIL, localStart, domainEnd, score, "email.spelled"));
  }

  /**
   * The start of the local part that ends at {@code end}, or -1. With {@code spelled}, words joined
   * by spelled-out dots ("jane dot doe") form one local part.
   */
  private static int localStart(String s, int end, boolean spelled) {
    int start = atomStart(s, end);
    if (start < 0 || start == end) {
      return -1;
    }
    for (int atoms = 1; spelled && atoms < MAX_ATOMS; atoms++) {
      int previousEnd = spelledDotBefore(s, start);
      if (previousEnd < 0) {
        break;
      }
      int previousStart = atomStart(s, previousEnd);
      if (previousStart < 0 || previousStart == previousEnd) {
        break;
      }
      start = previousStart;
    }
    while (start < end && !isAlnum(s.charAt(start))) {
      start++;
    }
    if (start == end || !isAlnum(s.charAt(end - 1)) && s.charAt(end - 1) != '_') {
      return -1;
    }
    char previous = start > 0 ? s.charAt(start - 1) : ' ';
    // "I'm at home.com" is a contraction, "a@b@c.com" is not an address.
    if (previous == '\'' || previous == '\u2019' || previous == '@') {
      return -1;
    }
    return start;
  }

  /** Start of the run of local-part characters ending at {@code end}; -1 if it is too long. */
  private static int atomStart(String s, int end) {
    int start = end;
    while (start > 0 && isLocalChar(s.charAt(start - 1))) {
      start--;
      if (end - start > EmailSyntax.MAX_LOCAL) {
        return -1;
      }
    }
    return start;
  }

  /**
   * If a spelled-out dot (" dot ", " point ", "[dot]", "(.)", " . ") ends at {@code end}, the end
   * of the word before it; otherwise -1.
   */
  private static int spelledDotBefore(String s, int end) {
    int j = skipSpacesBack(s, end, MAX_SPACES);
    if (j == 0) {
      return -1;
    }
    boolean spaced = j < end;
    char c = s.charAt(j - 1);
    int dotStart;
    if (c == '.' && spaced) {
      dotStart = j - 1;
      int k = skipSpacesBack(s, dotStart, MAX_SPACES);
      return k < dotStart && k > 0 && isLocalChar(s.charAt(k - 1)) ? k : -1;
    }
    if (isCloser(c)) {
      int k = skipSpacesBack(s, j - 1, 1);
      int m;
      if (k > 0 && s.charAt(k - 1) == '.') {
        m = k - 1;
      } else {
        m = wordStartBefore(s, k);
        if (m < 0 || !isDotWord(s, m, k)) {
          return -1;
        }
      }
      m = skipSpacesBack(s, m, 1);
      if (m == 0 || s.charAt(m - 1) != openerOf(c)) {
        return -1;
      }
      int n = skipSpacesBack(s, m - 1, MAX_SPACES);
      return n > 0 && isLocalChar(s.charAt(n - 1)) ? n : -1;
    }
    if (!spaced) {
      return -1;
    }
    int wordStart = wordStartBefore(s, j);
    if (wordStart < 0 || !isDotWord(s, wordStart, j)) {
      return -1;
    }
    int k = skipSpacesBack(s, wordStart, MAX_SPACES);
    return k < wordStart && k > 0 && isLocalChar(s.charAt(k - 1)) ? k : -1;
  }

  /**
   * The domain starting at {@code start}: its end in the low 32 bits and the set of separator kinds
   * used in the high bits; -1 when there is no valid domain. With {@code allowSpaceDots}, a single
   * space may stand for a dot, provided every separator is one and the last word is a top-level
   * domain that is not also a common word.
   */
  private static long domain(String s, int start, boolean allowSpaceDots) {
    int[] labelEnds = new int[MAX_LABELS];
    int[] kinds = new int[MAX_LABELS];
    int count = 0;
    int position = start;
    boolean spaceDots = allowSpaceDots;
    while (count < MAX_LABELS) {
      int end = position;
      while (end < s.length() && isLabelChar(s.charAt(end))) {
        end++;
        if (end - position > EmailSyntax.MAX_LABEL || end - start > EmailSyntax.MAX_DOMAIN) {
          return -1;
        }
      }
      if (end == position || s.charAt(position) == '-' || s.charAt(end - 1) == '-') {
        break;
      }
      labelEnds[count++] = end;
      long separator = dotAfter(s, end, spaceDots);
      int kind = (int) (separator >>> 32);
      if (kind == NONE) {
        break;
      }
      if (count > 1 && (kind == SPACE_DOT) != (kinds[count - 1] == SPACE_DOT)) {
        // Spaces stand for all the dots or none: "jane@contoso.com is" ends at "com".
        break;
      }
      if (count == MAX_LABELS) {
        // More labels than any real host name has: a dotted list, not an address.
        return -1;
      }
      spaceDots = kind == SPACE_DOT;
      kinds[count] = kind;
      position = (int) separator;
    }
    // The longest prefix of the labels that ends with an acceptable top-level domain.
    for (int last = count - 1; last >= 1; last--) {
      int tldEnd = labelEnds[last];
      int tldStart = tldStart(s, tldEnd);
      int used = 0;
      for (int i = 1; i <= last; i++) {
        used |= 1 << kinds[i];
      }
      boolean acceptable;
      if (used == 1 << PLAIN_DOT) {
        acceptable = EmailSyntax.isPlausibleTld(s, tldStart, tldEnd);
      } else if ((used & 1 << SPACE_DOT) != 0) {
        acceptable =
            EmailSyntax.isKnownTld(s, tldStart, tldEnd)
                && (!EmailSyntax.WORDLIKE_TLDS.contains(
                        s.substring(tldStart, tldEnd).toLowerCase(java.util.Locale.ROOT))
                    || endsPhrase(s, tldEnd)
                    || !isProseLike(s, start - 1, tldEnd))
                && last <= 3
                && isOneCase(s, start, tldEnd);
      } else {
        acceptable = EmailSyntax.isKnownTld(s, tldStart, tldEnd);
      }
      if (acceptable) {
        return (long) used << 32 | tldEnd;
      }
    }
    return -1;
  }

  /**
   * If a dot separator starts at {@code i} (right after a label), the start of the next label in
   * the low 32 bits and the separator's kind in the high bits; kind {@link #NONE} otherwise.
   */
  private static long dotAfter(String s, int i, boolean allowSpaceDot) {
    int n = s.length();
    if (i >= n) {
      return 0;
    }
    if (s.charAt(i) == '.' && i + 1 < n && isAlnum(s.charAt(i + 1))) {
      return (long) PLAIN_DOT << 32 | (i + 1);
    }
    int j = skipSpaces(s, i, MAX_SPACES);
    if (j >= n) {
      return 0;
    }
    boolean spaced = j > i;
    char c = s.charAt(j);
    if (c == '.' && spaced) {
      int k = skipSpaces(s, j + 1, MAX_SPACES);
      return k > j + 1 && k < n && isAlnum(s.charAt(k)) ? (long) SPELLED_DOT << 32 | k : 0;
    }
    if (isOpener(c)) {
      int k = skipSpaces(s, j + 1, 1);
      int m;
      if (k < n && s.charAt(k) == '.') {
        m = k + 1;
      } else {
        m = wordEndAfter(s, k);
        if (m < 0 || !isDotWord(s, k, m)) {
          return 0;
        }
      }
      m = skipSpaces(s, m, 1);
      if (m >= n || s.charAt(m) != closerOf(c)) {
        return 0;
      }
      int next = skipSpaces(s, m + 1, MAX_SPACES);
      return next < n && isAlnum(s.charAt(next)) ? (long) SPELLED_DOT << 32 | next : 0;
    }
    if (!spaced) {
      return 0;
    }
    int wordEnd = wordEndAfter(s, j);
    if (wordEnd > 0 && isDotWord(s, j, wordEnd)) {
      int k = skipSpaces(s, wordEnd, MAX_SPACES);
      return k > wordEnd && k < n && isAlnum(s.charAt(k)) ? (long) SPELLED_DOT << 32 | k : 0;
    }
    if (allowSpaceDot && j == i + 1 && isAlnum(c)) {
      return (long) SPACE_DOT << 32 | j;
    }
    return 0;
  }

  private static boolean isDotWord(String s, int start, int end) {
    if (end - start == 3) {
      return regionIs(s, start, end, "dot") && isOneCase(s, start, end);
    }
    return end - start == 5 && regionIs(s, start, end, "point") && isOneCase(s, start, end);
  }

  /** Whether {@code local} contains a spelled-out dot, i.e. is more than one run of characters. */
  private static boolean isSpelled(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!isLocalChar(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLettersOnly(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isLetter(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A lone common word ("look", "work") rather than a local part ("jdoe", "jane.doe", "jd84"). */
  private static boolean isProseWord(String s, int start, int end) {
    if (end - start > 12) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (!Character.isLetter(c)) {
        return false;
      }
    }
    return EmailSyntax.PROSE_BEFORE_AT.contains(
        s.substring(start, end).toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * Whether the words around a spaced '@' could be a chat mention ("merci @jean on"): a local part
   * and domain of letters only. A dot, digit, underscore or hyphen ("laura.lozano53 @hotmail es",
   * "ahmedb @talleres-iberia es") is something mentions do not have.
   */
  private static boolean isProseLike(String s, int at, int end) {
    int localStart = at;
    while (localStart > 0 && isSpace(s.charAt(localStart - 1))) {
      localStart--;
    }
    int limit = Math.max(0, localStart - EmailSyntax.MAX_LOCAL);
    for (int i = localStart - 1; i >= limit && isLocalChar(s.charAt(i)); i--) {
      if (!Character.isLetter(s.charAt(i))) {
        return false;
      }
    }
    for (int i = at + 1; i < end; i++) {
      char c = s.charAt(i);
      if (c == '-' || Character.isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the text stops after {@code end} (punctuation, a line break, the end): "reach me at
   * anna @tiscali it." is an address, "merci @jean on se voit" is not.
   */
  private static boolean endsPhrase(String s, int end) {
    if (end >= s.length()) {
      return true;
    }
    char c = s.charAt(end);
    return !isSpace(c) || end + 1 >= s.length() || !Character.isLetterOrDigit(s.charAt(end + 1));
  }

  private static boolean isKnownTldAt(String s, int end) {
    return EmailSyntax.isKnownTld(s, tldStart(s, end), end);
  }

  private static int tldStart(String s, int end) {
    int start = end;
    while (start > 0 && isLabelChar(s.charAt(start - 1))) {
      start--;
    }
    return start;
  }

  /** "contoso com" or "CONTOSO COM", not "Marie de": typed domains are in one case. */
  private static boolean isOneCase(String s, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
    }
    return !(upper && lower);
  }

  /** Whether the local part at {@code start} is the user of a URL ("ftp://user:pw@host"). */
  private static boolean isUrlUserInfo(String s, int start) {
    int i = start - 1;
    if (i >= 2 && s.charAt(i) == '/' && s.charAt(i - 1) == '/' && s.charAt(i - 2) == ':') {
      return true;
    }
    if (i < 0 || s.charAt(i) != ':') {
      return false;
    }
    int limit = Math.max(0, start - MAX_URL_AUTHORITY);
    while (i > limit && s.charAt(i) != '/' && !Character.isWhitespace(s.charAt(i))) {
      i--;
    }
    return i >= 2 && s.charAt(i) == '/' && s.charAt(i - 1) == '/' && s.charAt(i - 2) == ':';
  }

  private static int wordStartBefore(String s, int end) {
    int start = end;
    while (start > 0 && isAlnum(s.charAt(start - 1)) && end - start <= 5) {
      start--;
    }
    return start < end ? start : -1;
  }

  private static int wordEndAfter(String s, int start) {
    int end = start;
    while (end < s.length() && isAlnum(s.charAt(end)) && end - start <= 5) {
      end++;
    }
    return end > start ? end : -1;
  }

  private static int skipSpaces(String s, int i, int max) {
    int j = i;
    while (j < s.length() && j - i < max && isSpace(s.charAt(j))) {
      j++;
    }
    return j;
  }

  private static int skipSpacesBack(String s, int i, int max) {
    int j = i;
    while (j > 0 && i - j < max && isSpace(s.charAt(j - 1))) {
      j--;
    }
    return j;
  }
}
