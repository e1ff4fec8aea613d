package dev.casevault.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Secrets introduced by a label: "password: X", "my password is X", "changed my password to X",
 * "shared password X", "mot de passe : X", "mot de passe est X", "mdp=X", "code d'accès : X",
 * "Kennwort: X", "contraseña: X", "PIN: 1234", "api_key = X", "Bearer X". The finding is the value
 * alone.
 *
 * <p>How much the value must look like a password depends on how clearly it is introduced. After a
 * colon or "=", anything but a word of ordinary prose ("password: please reset it"); after "is" or
 * "to", or with no connector at all, a value with letters and digits or symbols, so that "password
 * reset", "my password is correct" or "password expired" are not taken.
 */
final class SecretLabels {
  private static final double COLON_SCORE = 0.9;
  private static final double VERB_SCORE = 0.88;
  private static final double BARE_SCORE = 0.8;
  private static final double KEY_SCORE = 0.85;

  /** Longest value taken; longer runs are text, not a password. */
  private static final int MAX_VALUE = 128;

  private static final int MIN_PASSWORD = 4;
  private static final int MIN_BARE_PASSWORD = 6;
  private static final int MAX_BARE_PASSWORD = 64;
  private static final int MIN_KEY = 16;

  /** Connectors between a label and its value. */
  private static final int COLON = 1;

  private static final int VERB = 2;

  /** Words tolerated between a label and its connector ("password for the NAS is"). */
  private static final int MAX_QUALIFIER_WORDS = 3;

  /** Labels clear enough that a password-shaped value right after them is taken. */
  private static final List<String> PASSWORD_LABELS =
      List.of(
          "password",
          "passwd",
          "passcode",
          "passphrase",
          "pwd",
          "mdp",
          "motdepasse",
          "kennwort",
          "passwort",
          "contraseña",
          "contrasena",
          "senha",
          "wachtwoord",
          "parola",
          "lösenord");

  /** Short or ambiguous labels, taken only before a colon or "=". */
  private static final List<String> WEAK_PASSWORD_LABELS = List.of("pass", "pw", "pin", "mp");

  /** Labels of API keys and tokens, whose values must look random. */
  private static final List<String> KEY_LABELS =
      List.of("apikey", "token", "secret", "bearer", "passkey");

  /** Qualifiers that make "key" a label: "api key", "access_key", "secret-key". */
  private static final List<String> KEY_QUALIFIERS =
      List.of("api", "access", "secret", "private", "auth", "client", "license");

  /**
   * Every word that can end a label, qualifiers excluded ({@link Keywords#SECRET_LABEL}): the
   * filter in front of the word comparisons.
   */
  static List<String> labelWords() {
    List<String> words = new ArrayList<>(PASSWORD_LABELS);
    words.addAll(WEAK_PASSWORD_LABELS);
    words.addAll(KEY_LABELS);
    words.addAll(List.of("passe", "accès", "acces", "key"));
    return words;
  }

  /** Verbs between a label and its value: "password is X", "mot de passe est X". */
  private static final Set<String> VERBS =
      Set.of(
          "is",
          "lautet",
          "was",
          "are",
          "est",
          "était",
          "etait",
          "sera",
          "ist",
          "war",
          "es",
          "era",
          "to",
          "en",
          "as",
          "into",
          "à",
          "a",
          "auf",
          "now",
          "maintenant",
          "désormais",
          "will");

  /** Words that follow "password" in prose rather than a password. */
  private static final Set<String> PROSE_VALUES =
      Set.copyOf(
          List.of(
              "reset",
              "resets",
              "expired",
              "expire",
              "expires",
              "expiring",
              "expiry",
              "was",
              "has",
              "had",
              "have",
              "is",
              "are",
              "for",
              "and",
              "or",
              "not",
              "to",
              "please",
              "policy",
              "policies",
              "manager",
              "change",
              "changed",
              "changes",
              "changing",
              "required",
              "requirement",
              "requirements",
              "incorrect",
              "wrong",
              "invalid",
              "field",
              "prompt",
              "prompts",
              "again",
              "recovery",
              "forgotten",
              "forgot",
              "forget",
              "protected",
              "protection",
              "hidden",
              "redacted",
              "none",
              "null",
              "empty",
              "same",
              "new",
              "old",
              "my",
              "your",
              "their",
              "his",
              "her",
              "the",
              "a",
              "an",
              "it",
              "this",
              "that",
              "here",
              "below",
              "above",
              "sent",
              "unknown",
              "n/a",
              "na",
              "blank",
              "default",
              "temporary",
              "via",
              "with",
              "without",
              "from",
              "in",
              "on",
              "ok",
              "fine",
              "works",
              "working",
              "correct",
              "correctly",
              "still",
              "also",
              "too",
              "length",
              "characters",
              "strength",
              "complexity",
              "updated",
              "update",
              "saved",
              "stored",
              "box",
              "page",
              "link",
              "email",
              "e-mail",
              "mail",
              "login",
              "reminder",
              "hint",
              "history",
              "rules",
              "rule",
              "fails",
              "failed",
              "failure",
              "error",
              "errors",
              "issue",
              "issues",
              "problem",
              "problems",
              "request",
              "requested",
              "lost",
              "locked",
              "screen",
              "window",
              "dialog",
              "form",
              "twice",
              "every",
              "each",
              "never",
              "always",
              "did",
              "does",
              "do",
              "doesn't",
              "didn't",
              "isn't",
              "wasn't",
              "won't",
              "can't",
              "cannot",
              "should",
              "must",
              "will",
              "would",
              "could",
              "can",
              "may",
              "might",
              "being",
              "been",
              "be",
              "if",
              "when",
              "but",
              "so",
              "then",
              "again",
              "only",
              "just",
              "oublié",
              "oublie",
              "réinitialisé",
              "reinitialise",
              "réinitialisation",
              "expiré",
              "changé",
              "change",
              "requis",
              "erroné",
              "perdu",
              "le",
              "la",
              "les",
              "du",
              "de",
              "des",
              "un",
              "une",
              "mon",
              "ma",
              "mes",
              "ton",
              "votre",
              "vos",
              "notre",
              "nos",
              "son",
              "sa",
              "ce",
              "cette",
              "est",
              "et",
              "ou",
              "pour",
              "par",
              "identique",
              "vide",
              "aucun",
              "aucune",
              "masqué",
              "caché",
              "ici",
              "voir",
              "see",
              "défaut",
              "temporaire",
              "provisoire",
              "avec",
              "sans",
              "dans",
              "sur",
              "aussi",
              "encore",
              "mot",
              "caractères",
              "mis",
              "enregistré",
              "champ",
              "lien",
              "bloqué",
              "incorrecte",
              "faux",
              "fausse",
              "modifié",
              "n'est",
              "ne",
              "pas",
              "qui",
              "que",
              "quand",
              "toujours",
              "jamais",
              "xxx",
              "xxxx",
              "xxxxxx",
              "xxxxxxxx",
              "****",
              "password",
              "motdepasse",
              "secret"));

  private SecretLabels() {}

  private enum Label {
    PASSWORD,
    WEAK_PASSWORD,
    KEY
  }

  /** If {@code token} is a label followed by a secret, records it and returns its end; else -1. */
  static int detect(ScanText text, int token, List<Finding> out) {
    if ((text.keywords(token) & Keywords.SECRET_LABEL) == 0) {
      // The fast exit for nearly every token.
      return -1;
    }
    Label label = label(text, token);
    if (label == null) {
      return -1;
    }
    String s = text.text();
    int labelEnd = text.end(token);
    boolean verbs = label != Label.WEAK_PASSWORD;
    long connector = connector(s, labelEnd, verbs);
    boolean qualified = false;
    if (connector < 0 && verbs) {
      // A few words or a parenthesis between the label and its connector: "mot de passe
      // provisoire : X", "password for the NAS is X", "Password (temporary): X". Less clear, so
      // the value must look like a password.
      int position = labelEnd;
      for (int words = 0; words < MAX_QUALIFIER_WORDS && connector < 0; words++) {
        int wordStart = skipSpaces(s, position);
        int wordEnd =
            charAt(s, wordStart) == '(' ? parenthesisEnd(s, wordStart) : wordEnd(s, wordStart);
        if (wordStart == position || wordEnd <= wordStart) {
          break;
        }
        connector = connector(s, wordEnd, true);
        position = wordEnd;
      }
      qualified = connector >= 0;
    }
    boolean colon = connector >= 0 && (connector >>> 32) == COLON;
    boolean verb = connector >= 0 && (connector >>> 32) == VERB;
    int i;
    if (connector >= 0) {
      i = (int) connector;
    } else {
      i = skipSpaces(s, labelEnd);
      if (i == labelEnd) {
        // "password+reset" in a URL, "password_hash": not a label followed by a value.
        return -1;
      }
    }
    if (label == Label.WEAK_PASSWORD && !colon) {
      return -1;
    }
    if (label == Label.KEY && verb) {
      return -1;
    }
    long value = value(s, i);
    if (value < 0) {
      return -1;
    }
    int start = (int) (value >>> 32);
    int end = (int) value;
    boolean quoted = start > i;
    if (isProse(s, start, end) || isMasked(s, start, end)) {
      return -1;
    }
    double score;
    switch (label) {
      case KEY -> {
        if (!(colon || text.tokenIs(token, "bearer")) || !isRandomKey(s, start, end)) {
          return -1;
        }
        score = KEY_SCORE;
      }
      case WEAK_PASSWORD -> {
        boolean pin = text.tokenIs(token, "pin");
        if (pin ? !isPin(s, start, end) : !isPasswordShaped(s, start, end, false)) {
          return -1;
        }
        score = BARE_SCORE;
      }
      default -> {
        if (colon && !qualified) {
          if (end - start < MIN_PASSWORD || continuesAsProse(s, start, end)) {
            return -1;
          }
          score = COLON_SCORE;
        } else if (quoted) {
          score = VERB_SCORE;
        } else if (verb || qualified) {
          if (!isPasswordShaped(s, start, end, true)) {
            return -1;
          }
          score = VERB_SCORE;
        } else {
          if (!isPasswordShaped(s, start, end, false)) {
            return -1;
          }
          score = BARE_SCORE;
        }
      }
    }
    out.add(new Finding(PiiType.SECRET, start, end, score, "secret.labelled"));
    return end;
  }

  /**
   * What joins a label ending at {@code from} to its value: the mode ({@link #COLON} for ':' or
   * '=', {@link #VERB} for "is", "est", "c'est", "lautet"...) in the high bits and where the value
   * starts in the low ones; -1 when neither follows.
   */
  private static long connector(String s, int from, boolean verbsAllowed) {
    int n = s.length();
    int i = skipSpaces(s, from);
    if (i < n && (s.charAt(i) == ':' || s.charAt(i) == '=' || s.charAt(i) == '\uff1a')) {
      i++;
      if (i < n && (s.charAt(i) == '=' || s.charAt(i) == '>')) {
        i++;
      }
      return (long) COLON << 32 | skipSpaces(s, i);
    }
    if (!verbsAllowed || i == from) {
      return -1;
    }
    boolean verb = false;
    // Up to two verbs: "password is now X", "mot de passe est désormais X".
    for (int words = 0; words < 2; words++) {
      int wordEnd = wordEnd(s, i);
      if (wordEnd == i + 1
          && (s.charAt(i) | 0x20) == 'c'
          && (s.startsWith("'est", wordEnd) || s.startsWith("\u2019est", wordEnd))) {
        wordEnd += 4;
      } else if (wordEnd == i
          || !VERBS.contains(s.substring(i, wordEnd).toLowerCase(Locale.ROOT))) {
        break;
      }
      if (!isSpaceOrColon(charAt(s, wordEnd))) {
        break;
      }
      verb = true;
      i = skipSpaces(s, wordEnd);
      if (i < n && s.charAt(i) == ':') {
        i = skipSpaces(s, i + 1);
      }
    }
    return verb ? (long) VERB << 32 | i : -1;
  }

  /**
   * Whether a lower-case word value is followed on its line by another lower-case word: prose
   * ("password: it's insecure"), not a password typed after a label.
   */
  private static boolean continuesAsProse(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (!Character.isLowerCase(c) && c != '\'' && c != '\u2019' && c != '-') {
        return false;
      }
    }
    int next = skipSpaces(s, end);
    return next > end && next < s.length() && Character.isLowerCase(s.charAt(next));
  }

  /** End of a short parenthesis opened at {@code start} ("(temporary)"), or -1. */
  private static int parenthesisEnd(String s, int start) {
    int limit = Math.min(s.length(), start + 24);
    for (int i = start + 1; i < limit; i++) {
      char c = s.charAt(i);
      if (c == ')') {
        return i + 1;
      }
      if (c == '\n' || c == '(') {
        return -1;
      }
    }
    return -1;
  }

  private static char charAt(String s, int index) {
    return index < s.length() ? s.charAt(index) : '\0';
  }

  /** What kind of label {@code token} is, or null. */
  private static Label label(ScanText text, int token) {
    if (isAny(text, token, PASSWORD_LABELS)) {
      return Label.PASSWORD;
    }
    if (isAny(text, token, WEAK_PASSWORD_LABELS)) {
      return Label.WEAK_PASSWORD;
    }
    if (isAny(text, token, KEY_LABELS)) {
      return Label.KEY;
    }
    if (token >= 2) {
      // "mot de passe", "code d'accès".
      if (text.tokenIs(token, "passe")
          && text.tokenIs(token - 1, "de")
          && text.tokenIs(token - 2, "mot")) {
        return Label.PASSWORD;
      }
      if ((text.tokenIs(token, "accès") || text.tokenIs(token, "acces"))
          && text.tokenIs(token - 1, "d")
          && text.tokenIs(token - 2, "code")) {
        return Label.PASSWORD;
      }
    }
    // "api key", "access_key", "secret-key".
    if (text.tokenIs(token, "key")
        && token >= 1
        && text.end(token - 1) + 1 == text.start(token)
        && isAny(text, token - 1, KEY_QUALIFIERS)) {
      return Label.KEY;
    }
    return null;
  }

  /** Whether the token is one of {@code words}, without allocating: this runs on many tokens. */
  private static boolean isAny(ScanText text, int token, List<String> words) {
    char first = Character.toLowerCase(text.charAt(text.start(token)));
    int length = text.tokenLength(token);
    for (String word : words) {
      if (word.charAt(0) == first && word.length() == length && text.tokenIs(token, word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The value starting at {@code i}: start in the high 32 bits, end in the low ones, or -1. A
   * quoted value is what is inside the quotes; otherwise the run up to the next space, without the
   * sentence's trailing punctuation.
   */
  private static long value(String s, int i) {
    int n = s.length();
    if (i >= n) {
      return -1;
    }
    char first = s.charAt(i);
    char closer = closingQuote(first);
    if (closer != 0) {
      int limit = Math.min(n, i + 1 + MAX_VALUE);
      for (int j = i + 1; j < limit; j++) {
        char c = s.charAt(j);
        if (c == '\n' || c == '\r') {
          return -1;
        }
        if (c == closer) {
          int start = skipSpaces(s, i + 1);
          int end = j;
          while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
          }
          return end > start ? (long) start << 32 | end : -1;
        }
      }
      return -1;
    }
    if (first == '(' || first == '[' || first == '<' || first == '{' || isBreak(first)) {
      // "(hidden)", "<redacted>", "{password}": a placeholder, not a value.
      return -1;
    }
    int end = i;
    while (end < n && !isBreak(s.charAt(end))) {
      end++;
      if (end - i > MAX_VALUE) {
        return -1;
      }
    }
    while (end > i) {
      char last = s.charAt(end - 1);
      boolean trailing =
          last == '.'
              || last == ','
              || last == ';'
              || last == ':'
              || last == '"'
              || last == '»'
              || last == '\u201d';
      if (last == ')') {
        trailing = s.substring(i, end - 1).indexOf('(') < 0;
      }
      if (!trailing) {
        break;
      }
      end--;
    }
    return end > i ? (long) i << 32 | end : -1;
  }

  /** "Summer2019!", "6bKVCvW2LQ9hXz", "B@seb@ll83!", and with {@code digitsAllowed} "123456". */
  private static boolean isPasswordShaped(String s, int start, int end, boolean digitsAllowed) {
    int length = end - start;
    if (length < MIN_BARE_PASSWORD || length > MAX_BARE_PASSWORD) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    boolean symbol = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        letter = true;
      } else if (Character.isDigit(c)) {
        digit = true;
      } else if (c != '-' && c != '\'' && c != '\u2019') {
        // Hyphens and apostrophes join words ("e-mail", "today's"); other symbols do not.
        symbol = true;
      }
    }
    if (!letter) {
      return digitsAllowed && digit && !symbol;
    }
    return digit || symbol || isRandomCase(s, start, end);
  }

  /**
   * Letters whose case follows no word's pattern, like a generated string's ("IYtPxIeMRcaL",
   * "PTUFIqwEHh"). Words are lower case, upper case, capitalised, or camel case where every capital
   * after the first starts a lower-case run ("OneDrive", "iPhone", "McDonald").
   */
  private static boolean isRandomCase(String s, int start, int end) {
    if (end - start < 8) {
      return false;
    }
    boolean lower = false;
    boolean camel = true;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      lower |= Character.isLowerCase(c);
      if (i > start && Character.isUpperCase(c)) {
        camel &= i + 1 < end && Character.isLowerCase(s.charAt(i + 1));
      }
    }
    boolean allUpper = !lower;
    return !allUpper && !camel;
  }

  private static boolean isPin(String s, int start, int end) {
    if (end - start < 4 || end - start > 8) {
      return false;
    }
    for (int i = start; i < end; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A value that looks generated: at least {@value #MIN_KEY} token characters with letters and
   * digits, and not a UUID (request ids are not secrets).
   */
  private static boolean isRandomKey(String s, int start, int end) {
    if (end - start < MIN_KEY) {
      return false;
    }
    boolean letter = false;
    boolean digit = false;
    int dashes = 0;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (SecretDetector.isAsciiAlnum(c)) {
        letter |= Character.isLetter(c);
        digit |= Character.isDigit(c);
      } else if (c == '-') {
        dashes++;
      } else if (c != '_' && c != '.' && c != '+' && c != '/' && c != '=' && c != '~') {
        return false;
      }
    }
    boolean uuid = end - start == 36 && dashes == 4 && s.charAt(start + 8) == '-';
    return letter && digit && !uuid;
  }

  private static boolean isProse(String s, int start, int end) {
    int wordEnd = end;
    while (wordEnd > start && (s.charAt(wordEnd - 1) == '!' || s.charAt(wordEnd - 1) == '?')) {
      wordEnd--;
    }
    return wordEnd - start <= 16
        && PROSE_VALUES.contains(s.substring(start, wordEnd).toLowerCase(Locale.ROOT));
  }

  /** A value already hidden: "********", "•••••", "xxxx". */
  private static boolean isMasked(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c != '*' && c != '•' && c != 'x' && c != 'X' && c != '.' && c != '#') {
        return false;
      }
    }
    return true;
  }

  private static char closingQuote(char c) {
    return switch (c) {
      case '"' -> '"';
      case '\'' -> '\'';
      case '`' -> '`';
      case '«' -> '»';
      case '\u201c' -> '\u201d';
      case '\u2018' -> '\u2019';
      default -> 0;
    };
  }

  private static boolean isBreak(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c < ' ';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u00a0' || c == '\u202f' || c == '\u2009';
  }

  private static boolean isSpaceOrColon(char c) {
    return isSpace(c) || c == ':';
  }

  private static int skipSpaces(String s, int i) {
    int j = i;
    while (j < s.length() && j - i < 3 && isSpace(s.charAt(j))) {
      j++;
    }
    return j;
  }

  private static int wordEnd(String s, int start) {
    int end = start;
    while (end < s.length() && end - start < 12 && Character.isLetter(s.charAt(end))) {
      end++;
    }
    return end;
  }
}
