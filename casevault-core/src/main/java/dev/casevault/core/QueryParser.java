package dev.casevault.core;

import static java.util.stream.Collectors.joining;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Parses the query language that users type into a {@link CaseQuery}. The syntax is documented in
 * {@code docs/query-language.md}; in short:
 *
 * <pre>
 * query   = [ or ]                                  blank text: every case
 * or      = and { "OR" and }
 * and     = unary { [ "AND" ] unary }               juxtaposition is AND
 * unary   = ( "NOT" | "-" ) unary | primary
 * primary = "(" or ")" | phrase | "*" | word | word"*" | field ":" value
 * value   = phrase | word | word"*" | range          range and dates on created/updated only
 * range   = "[" bound "TO" bound "]"                 bound = "*" | date, both inclusive
 * date    = yyyy | yyyy-MM | yyyy-MM-dd | yyyy-MM-ddTHH:mm:ss[.fraction]Z    (UTC)
 * </pre>
 *
 * <p>Operators are upper case only, so lower-case {@code and}, {@code or}, {@code not} are words.
 * In a word, a backslash makes the next character literal ({@code http\://x}, {@code \-5}, {@code
 * \AND}); in a phrase only {@code \"} and {@code \\} are escapes.
 *
 * <p>Errors are {@link QuerySyntaxException}s reporting the first problem found reading left to
 * right, with its 0-based position. Query text may hold personal data, so a message repeats at most
 * the one offending token, cut to {@value #MAX_ECHO} characters. Parsing is bounded: the parser
 * never reads past {@value #MAX_LENGTH} characters nor nests deeper than {@value #MAX_DEPTH}
 * levels, so no input can exhaust the stack.
 */
public final class QueryParser {
  /** The longest query text accepted, in UTF-16 characters. */
  public static final int MAX_LENGTH = 4096;

  /** The deepest nesting of parentheses and negations accepted. */
  public static final int MAX_DEPTH = 32;

  /** The most terms, phrases, prefixes, ranges and {@code *} one query may hold. */
  public static final int MAX_TERMS = 256;

  private static final int MAX_ECHO = 32;
  private static final int END = -1;
  private static final String KNOWN_FIELDS =
      Arrays.stream(CaseField.values()).map(CaseField::queryName).collect(joining(", "));
  private static final String DATE_EXPECTED =
      "expected a date like 2019-12-31 or a range like [2019-01-01 TO 2019-12-31]";
  private static final String BOUND_EXPECTED = "expected a date like 2019-12-31 or *";
  private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
  private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");
  private static final Pattern DAY = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
  private static final Pattern INSTANT =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");

  private final String text;
  private int pos;
  private int terms;

  private QueryParser(String text) {
    this.text = text;
  }

  /**
   * Parses {@code text}; blank text, and {@code *} alone, match every case.
   *
   * @throws QuerySyntaxException for any text that is not a valid query, and for nothing else
   * @throws IllegalArgumentException if {@code text} is null, which is a programming error rather
   *     than something a user typed
   */
  public static CaseQuery parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("query text must not be null");
    }
    return new QueryParser(text).parseQuery();
  }

  private CaseQuery parseQuery() {
    skipWhitespace();
    if (peek() == END) {
      return new CaseQuery.MatchAll();
    }
    CaseQuery query = parseOr(0);
    // parseOr stops only at the end or at a ")" that no "(" opened.
    if (peek() != END) {
      throw error(pos, "expected end of query but found \")\" with no matching \"(\"");
    }
    return query;
  }

  private CaseQuery parseOr(int depth) {
    List<CaseQuery> clauses = new ArrayList<>();
    do {
      CaseQuery clause = parseAnd(depth);
      if (clause instanceof CaseQuery.Or or) {
        clauses.addAll(or.clauses());
      } else {
        clauses.add(clause);
      }
    } while (acceptOperator("OR"));
    return clauses.size() == 1 ? clauses.getFirst() : new CaseQuery.Or(clauses);
  }

  private CaseQuery parseAnd(int depth) {
    List<CaseQuery> clauses = new ArrayList<>();
    while (true) {
      CaseQuery clause = parseUnary(depth);
      if (clause instanceof CaseQuery.And and) {
        clauses.addAll(and.clauses());
      } else {
        clauses.add(clause);
      }
      skipWhitespace();
      int c = peek();
      if (c == END || c == ')' || atOperator("OR")) {
        return clauses.size() == 1 ? clauses.getFirst() : new CaseQuery.And(clauses);
      }
      acceptOperator("AND");
    }
  }

  private CaseQuery parseUnary(int depth) {
    skipWhitespace();
    int start = pos;
    if (atOperator("NOT")) {
      pos += "NOT".length();
      return new CaseQuery.Not(parseUnary(deeper(depth, start)));
    }
    if (peek() == '-') {
      pos++;
      int c = peek();
      // "a - b" is more likely punctuation than a negation; refuse rather than guess.
      if (c == END || Character.isWhitespace(c)) {
        throw error(
            pos, "expected a word, phrase or \"(\" right after \"-\" but found " + describe(pos));
      }
      return new CaseQuery.Not(parseUnary(deeper(depth, start)));
    }
    return parsePrimary(depth);
  }

  private CaseQuery parsePrimary(int depth) {
    int start = pos;
    int c = peek();
    if (c == '(') {
      int inner = deeper(depth, start);
      pos++;
      CaseQuery group = parseOr(inner);
      if (peek() != ')') {
        throw error(pos, "expected \")\" but found " + describe(pos));
      }
      pos++;
      return group;
    }
    if (c == '"') {
      String phrase = readQuoted();
      countTerm(start);
      return new CaseQuery.Phrase(CaseField.TEXT, phrase);
    }
    if (c == END || c == ')' || atOperator("AND") || atOperator("OR")) {
      throw error(start, "expected a word, phrase or \"(\" but found " + describe(start));
    }
    return parseWord(start);
  }

  private CaseQuery parseWord(int start) {
    Bare word = readBare(start, true);
    if (!word.beforeColon()) {
      if (word.prefix() && word.value().isEmpty()) {
        countTerm(start);
        return new CaseQuery.MatchAll();
      }
      return bareClause(CaseField.TEXT, word, start);
    }
    if (word.value().isEmpty()) {
      throw error(start, "expected a field name before \":\"");
    }
    String name = text.substring(start, pos);
    CaseField field =
        CaseField.byQueryName(word.value())
            .orElseThrow(
                () ->
                    error(
                        start, "unknown field " + echo(name) + "; known fields: " + KNOWN_FIELDS));
    pos++;
    return parseFieldValue(field, name);
  }

  private CaseQuery parseFieldValue(CaseField field, String name) {
    int start = pos;
    int c = peek();
    if (c == END || Character.isWhitespace(c) || c == '(' || c == ')') {
      throw error(
          start, "expected a value after " + echo(name + ":") + " but found " + describe(start));
    }
    if (field.kind() == CaseField.Kind.DATE) {
      return parseDateValue(field, start);
    }
    if (c == '"') {
      String value = readQuoted();
      countTerm(start);
      // A keyword is matched exactly, so quotes only protect spaces and syntax characters.
      return field.kind() == CaseField.Kind.TEXT
          ? new CaseQuery.Phrase(field, value)
          : new CaseQuery.Term(field, value);
    }
    if (c == '[') {
      throw error(
          start,
          "expected a value for "
              + field.queryName()
              + " but found a range; only created and updated take ranges");
    }
    return bareClause(field, readBare(start, false), start);
  }

  private CaseQuery bareClause(CaseField field, Bare bare, int start) {
    String value = bare.value();
    if (bare.prefix() && value.codePointCount(0, value.length()) < 2) {
      throw error(
          start, "a prefix needs at least 2 characters before * but found " + echoToken(start));
    }
    if (value.isBlank()) {
      throw error(start, "expected a word but found only escaped whitespace");
    }
    if (bare.prefix() && field.kind() == CaseField.Kind.IDENTITY) {
      throw error(
          start,
          field.queryName()
              + " is stored as a token, so it matches exact values only, not a prefix");
    }
    countTerm(start);
    return bare.prefix() ? new CaseQuery.Prefix(field, value) : new CaseQuery.Term(field, value);
  }

  private CaseQuery parseDateValue(CaseField field, int start) {
    int c = peek();
    if (c == '[') {
      return parseRange(field, start);
    }
    if (c == '"') {
      throw error(start, DATE_EXPECTED + " but found a phrase");
    }
    Bare bare = readBare(start, false);
    Span span = bare.prefix() ? null : span(bare.value());
    if (span == null) {
      throw error(start, DATE_EXPECTED + " but found " + echoToken(start));
    }
    countTerm(start);
    return new CaseQuery.DateRange(field, span.start(), span.end());
  }

  private CaseQuery parseRange(CaseField field, int start) {
    pos++;
    skipWhitespace();
    int lowerAt = pos;
    Instant from = bound(lowerAt, true);
    skipWhitespace();
    int toAt = pos;
    if (!readBoundToken().equals("TO")) {
      throw error(toAt, "expected \"TO\" but found " + describeInRange(toAt));
    }
    skipWhitespace();
    int upperAt = pos;
    Instant until = bound(upperAt, false);
    if (from != null && until != null && !until.isAfter(from)) {
      throw error(
          upperAt,
          "expected an end on or after the start of the range but found "
              + describeInRange(upperAt));
    }
    skipWhitespace();
    if (peek() != ']') {
      throw error(pos, "expected \"]\" but found " + describeInRange(pos));
    }
    pos++;
    countTerm(start);
    return new CaseQuery.DateRange(field, from, until);
  }

  /** One bound of a range: null when open, else where it starts or (exclusively) ends. */
  private Instant bound(int at, boolean lower) {
    String token = readBoundToken();
    if (token.equals("*")) {
      return null;
    }
    Span span = span(token);
    if (span == null) {
      throw error(at, BOUND_EXPECTED + " but found " + describeInRange(at));
    }
    return lower ? span.start() : span.end();
  }

  /** Reads up to whitespace or "]": a bound or the "TO" between bounds. */
  private String readBoundToken() {
    int start = pos;
    for (int c = peek(); c != END && c != ']' && !Character.isWhitespace(c); c = peek()) {
      pos++;
    }
    return text.substring(start, pos);
  }

  /** The instants a date covers: a year, a month, a day, or the millisecond of an instant. */
  private static Span span(String date) {
    try {
      if (DAY.matcher(date).matches()) {
        LocalDate day = LocalDate.parse(date);
        return Span.of(day, day.plusDays(1));
      }
      if (MONTH.matcher(date).matches()) {
        YearMonth month = YearMonth.parse(date);
        return Span.of(month.atDay(1), month.plusMonths(1).atDay(1));
      }
      if (YEAR.matcher(date).matches()) {
        int year = Integer.parseInt(date);
        return Span.of(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
      }
      if (INSTANT.matcher(date).matches()) {
        Instant instant = Instant.parse(date);
        return new Span(instant, instant.plusMillis(1));
      }
    } catch (DateTimeException e) {
      // Well-formed but impossible, like 2019-02-30: reported by the caller like any bad date.
    }
    return null;
  }

  /**
   * Reads a word up to whitespace, a parenthesis or a quote, resolving backslash escapes. With
   * {@code stopAtColon}, an unescaped colon ends it too, as the end of a field name.
   */
  private Bare readBare(int start, boolean stopAtColon) {
    StringBuilder value = new StringBuilder();
    while (true) {
      int c = peek();
      if (c == END || isTerminator(c)) {
        return new Bare(value.toString(), false, false);
      }
      if (c == ':' && stopAtColon) {
        return new Bare(value.toString(), false, true);
      }
      pos++;
      if (c == '\\') {
        int escaped = peek();
        if (escaped == END) {
          throw error(pos, "expected a character after \"\\\" but found end of query");
        }
        value.append((char) escaped);
        pos++;
      } else if (c == '*') {
        int next = peek();
        if (next != END && !isTerminator(next)) {
          throw error(
              pos - 1, "expected \"*\" only at the end of a word but found " + echoToken(start));
        }
        return new Bare(value.toString(), true, false);
      } else {
        value.append((char) c);
      }
    }
  }

  /** Reads a quoted string starting at the opening quote; blank content is an error. */
  private String readQuoted() {
    int open = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      int c = peek();
      if (c == END) {
        throw error(open, "expected a closing quote (\") but found end of query");
      }
      pos++;
      if (c == '"') {
        break;
      }
      if (c == '\\' && (peek() == '"' || peek() == '\\')) {
        value.append((char) peek());
        pos++;
      } else {
        // Any other backslash is literal, so that pasted paths like "C:\temp" need no escaping.
        value.append((char) c);
      }
    }
    if (value.toString().isBlank()) {
      throw error(open, "expected words between the quotes but found none");
    }
    return value.toString();
  }

  private boolean acceptOperator(String operator) {
    skipWhitespace();
    if (atOperator(operator)) {
      pos += operator.length();
      return true;
    }
    return false;
  }

  /** Whether an operator stands at the cursor as a whole token (so {@code ANDROID} is a word). */
  private boolean atOperator(String operator) {
    for (int i = 0; i < operator.length(); i++) {
      if (charAt(pos + i) != operator.charAt(i)) {
        return false;
      }
    }
    int next = charAt(pos + operator.length());
    return next == END || isTerminator(next);
  }

  private void skipWhitespace() {
    while (peek() != END && Character.isWhitespace(peek())) {
      pos++;
    }
  }

  private int peek() {
    return charAt(pos);
  }

  /**
   * The character at {@code index}, or {@link #END}. Reading past {@link #MAX_LENGTH} in a longer
   * text is the length error, so the limit bounds the work and earlier errors are still reported
   * first.
   */
  private int charAt(int index) {
    if (index >= text.length()) {
      return END;
    }
    if (index >= MAX_LENGTH) {
      throw error(
          MAX_LENGTH, "expected at most " + MAX_LENGTH + " characters but found " + text.length());
    }
    return text.charAt(index);
  }

  private int deeper(int depth, int at) {
    if (depth == MAX_DEPTH) {
      throw error(
          at,
          "expected at most "
              + MAX_DEPTH
              + " levels of parentheses and NOT but found "
              + (MAX_DEPTH + 1));
    }
    return depth + 1;
  }

  private void countTerm(int at) {
    terms++;
    if (terms > MAX_TERMS) {
      throw error(at, "expected at most " + MAX_TERMS + " search terms but found " + terms);
    }
  }

  private static boolean isTerminator(int c) {
    return Character.isWhitespace(c) || c == '(' || c == ')' || c == '"';
  }

  /** What stands at {@code index}, for "but found ...". */
  private String describe(int index) {
    if (index >= text.length()) {
      return "end of query";
    }
    char c = text.charAt(index);
    if (Character.isWhitespace(c)) {
      return "whitespace";
    }
    if (c == '(' || c == ')' || c == '"') {
      return echo(String.valueOf(c));
    }
    return echoToken(index);
  }

  /** Like {@link #describe}, where a range's bounds end at whitespace or "]". */
  private String describeInRange(int index) {
    if (index >= text.length()) {
      return "end of query";
    }
    if (text.charAt(index) == ']') {
      return echo("]");
    }
    return echoUntil(index, c -> c == ']' || Character.isWhitespace(c));
  }

  private String echoToken(int index) {
    return echoUntil(index, QueryParser::isTerminator);
  }

  /** Echoes the text from {@code index} to the first {@code end} char, scanning no further. */
  private String echoUntil(int index, IntPredicate end) {
    int stop = index;
    while (stop < text.length() && stop - index <= MAX_ECHO && !end.test(text.charAt(stop))) {
      stop++;
    }
    return echo(text.substring(index, stop));
  }

  /**
   * Quotes a token for an error message: its first {@value #MAX_ECHO} characters, with control,
   * format and unassigned characters written as {@code \}{@code uXXXX}, so that a message can
   * neither carry much of a query nor forge log lines.
   */
  private static String echo(String token) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < token.length(); i += Character.charCount(token.codePointAt(i))) {
      int cp = token.codePointAt(i);
      if (i + Character.charCount(cp) > MAX_ECHO) {
        out.append('…');
        break;
      }
      if (cp == '"' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (isPrintable(cp)) {
        out.appendCodePoint(cp);
      } else {
        for (char unit : Character.toChars(cp)) {
          out.append(String.format("\\u%04X", (int) unit));
        }
      }
    }
    return out.append('"').toString();
  }

  private static boolean isPrintable(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.UNASSIGNED,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }

  private static QuerySyntaxException error(int at, String problem) {
    return new QuerySyntaxException(at, problem);
  }

  /** A word as read: its unescaped value, whether it ended in {@code *}, or in a field's colon. */
  private record Bare(String value, boolean prefix, boolean beforeColon) {}

  /** The half-open interval of instants a date stands for. */
  private record Span(Instant start, Instant end) {
    static Span of(LocalDate first, LocalDate next) {
      return new Span(
          first.atStartOfDay(ZoneOffset.UTC).toInstant(),
          next.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
  }
}
