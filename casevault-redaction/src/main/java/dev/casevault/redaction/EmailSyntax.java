package dev.casevault.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Character classes, top-level domains and word lists that the e-mail detector relies on. */
final class EmailSyntax {
  /** Longest local part RFC 5321 allows; also bounds the backward scan. */
  static final int MAX_LOCAL = 64;

  /** Longest domain RFC 1035 allows; also bounds the forward scan. */
  static final int MAX_DOMAIN = 253;

  static final int MAX_LABEL = 63;

  /** Generic top-level domains common enough to see in support mail. */
  private static final Set<String> GENERIC_TLDS =
      Set.of(
          "com",
          "net",
          "org",
          "edu",
          "gov",
          "mil",
          "int",
          "info",
          "biz",
          "name",
          "pro",
          "mobi",
          "aero",
          "coop",
          "museum",
          "app",
          "dev",
          "tech",
          "online",
          "site",
          "store",
          "shop",
          "blog",
          "cloud",
          "live",
          "xyz",
          "top",
          "club",
          "asia",
          "travel",
          "jobs",
          "news",
          "media",
          "agency",
          "digital",
          "solutions",
          "services",
          "group",
          "company",
          "global",
          "world",
          "today",
          "network",
          "systems",
          "center",
          "zone",
          "space",
          "website",
          "studio",
          "design",
          "consulting",
          "family",
          "life",
          "work",
          "law",
          "legal",
          "health",
          "care",
          "clinic",
          "dental",
          "immo",
          "bzh",
          "paris",
          "alsace",
          "corsica",
          "quebec",
          "swiss",
          "berlin",
          "london",
          "nyc",
          "eus",
          "cat",
          "icu",
          "link",
          "page",
          "mail");

  /** Every top-level domain an obfuscated address may end with: the list above and ccTLDs. */
  static final Set<String> KNOWN_TLDS =
      Stream.concat(
              Stream.concat(
                  GENERIC_TLDS.stream(),
                  Stream.of(Locale.getISOCountries()).map(c -> c.toLowerCase(Locale.ROOT))),
              // ccTLDs that differ from the ISO 3166 codes.
              Stream.of("uk", "eu", "ac", "su"))
          .collect(Collectors.toUnmodifiableSet());

  /**
   * Country codes that are also everyday English or French words. When spaces stand in for the dots
   * ("jane @contoso com") nothing but the last word says the text is an address, so these do not
   * count as a top-level domain there ("merci @jean on se voit").
   */
  static final Set<String> WORDLIKE_TLDS =
      Set.copyOf(
          List.of(
              "al", "am", "an", "as", "at", "by", "ce", "do", "en", "es", "et", "go", "il", "in",
              "is", "it", "je", "la", "le", "ma", "me", "my", "ne", "no", "on", "ou", "re", "sa",
              "se", "si", "so", "ta", "to", "tu", "un", "us", "va"));

  /**
   * Words that often stand before a plain "at" in prose ("look at google.com", "I work at
   * contoso.com"): a lone such word is not the local part of a spelled-out address.
   */
  static final Set<String> PROSE_BEFORE_AT =
      Set.copyOf(
          List.of(
              "look",
              "looks",
              "looked",
              "looking",
              "work",
              "works",
              "worked",
              "working",
              "me",
              "us",
              "him",
              "her",
              "them",
              "it",
              "is",
              "are",
              "was",
              "were",
              "be",
              "been",
              "am",
              "available",
              "site",
              "hosted",
              "host",
              "live",
              "lives",
              "lived",
              "located",
              "stay",
              "staying",
              "stayed",
              "arrive",
              "arrived",
              "online",
              "up",
              "down",
              "out",
              "in",
              "only",
              "even",
              "just",
              "still",
              "once",
              "home",
              "email",
              "address",
              "reach",
              "reachable",
              "write",
              "wrote",
              "or",
              "and",
              "not",
              "also",
              "directly",
              "there",
              "here",
              "page",
              "find",
              "found",
              "visit",
              "visited",
              "check",
              "checked",
              "sign",
              "signed",
              "log",
              "logged",
              "registered",
              "account",
              "job",
              "team",
              "you",
              "we",
              "they",
              "i",
              "she",
              "he",
              "one",
              "both",
              "all",
              "now",
              "then",
              "time",
              "today",
              "yesterday",
              "morning",
              "night",
              "afternoon",
              "evening",
              "portal",
              "login",
              "sent",
              "send",
              "received",
              "got",
              "went",
              "go",
              "get",
              "currently",
              "employed",
              "hired",
              "meet",
              "meeting",
              "open",
              "opened",
              "click",
              "clicked",
              "link",
              "website",
              "web",
              "that",
              "this",
              "what",
              "where",
              "anyone",
              "someone",
              "nobody",
              "everyone",
              "people",
              "colleague",
              "colleagues",
              "friend",
              "registered",
              "listed",
              "published",
              "available",
              "started",
              "starting",
              "begins",
              "began",
              "ends",
              "ended",
              "aimed",
              "directed",
              "pointed",
              "pointing",
              "point",
              "stuck",
              "fail",
              "fails",
              "failed",
              "failing",
              "error",
              "errors",
              "crash",
              "crashes",
              "lost",
              "good",
              "bad",
              "better",
              "best",
              "worse",
              "great",
              "expert",
              "experts",
              "download",
              "downloads",
              "downloaded",
              "buy",
              "bought",
              "order",
              "ordered",
              "tickets",
              "read",
              "see",
              "posted",
              "apply",
              "register",
              "subscribe",
              "signup",
              "shop",
              "sold",
              "purchase",
              "purchased",
              "book",
              "booked",
              "more",
              "info",
              "details",
              "information",
              "docs",
              "documentation",
              "guide",
              "installed",
              "hosted",
              "showing",
              "shown",
              "displayed",
              "running",
              "deployed"));

  private EmailSyntax() {}

  /** Letters and digits, surrogates excluded (a lone surrogate is never part of an address). */
  static boolean isAlnum(char c) {
    return c < 128
        ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        : !Character.isSurrogate(c) && Character.isLetterOrDigit(c);
  }

  static boolean isLocalChar(char c) {
    return isAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
  }

  static boolean isLabelChar(char c) {
    return isAlnum(c) || c == '-';
  }

  /** A space a person types between words, the no-break ones French typography uses included. */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\u00a0' || c == '\u202f' || c == '\u2009';
  }

  static char closerOf(char opener) {
    return switch (opener) {
      case '[' -> ']';
      case '(' -> ')';
      case '{' -> '}';
      case '<' -> '>';
      default -> '\0';
    };
  }

  static boolean isOpener(char c) {
    return c == '[' || c == '(' || c == '{' || c == '<';
  }

  static boolean isCloser(char c) {
    return c == ']' || c == ')' || c == '}' || c == '>';
  }

  static char openerOf(char closer) {
    return switch (closer) {
      case ']' -> '[';
      case ')' -> '(';
      case '}' -> '{';
      case '>' -> '<';
      default -> '\0';
    };
  }

  /** Whether {@code s[start, end)} equals the lower-case ASCII {@code word}, ignoring case. */
  static boolean regionIs(String s, int start, int end, String word) {
    return end - start == word.length() && s.regionMatches(true, start, word, 0, word.length());
  }

  /** Whether {@code s[start, end)} is a top-level domain of the known list. */
  static boolean isKnownTld(String s, int start, int end) {
    if (end - start < 2 || end - start > 24) {
      return false;
    }
    return KNOWN_TLDS.contains(s.substring(start, end).toLowerCase(Locale.ROOT));
  }

  /** A top-level domain of a plain address: 2 to 24 ASCII letters, or an IDN "xn--" label. */
  static boolean isPlausibleTld(String s, int start, int end) {
    int length = end - start;
    if (length < 2 || length > 24) {
      return false;
    }
    if (s.regionMatches(true, start, "xn--", 0, 4)) {
      return length > 4;
    }
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }
}
