package dev.casevault.core;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * Writes a {@link CaseQuery} as canonical query text: explicit {@code AND}, {@code OR} and {@code
 * NOT}, parentheses only where precedence needs them, field names in full ({@code tags}, never
 * {@code tag}), dates as ranges. The audit log records queries in this form, so two spellings of
 * one query read the same.
 *
 * <p>For every tree that {@link QueryParser#parse} returns, {@code parse(print(q)).equals(q)}.
 * Trees built in code can fall outside the language (a prefix shorter than two characters, an empty
 * date range, a date outside the years 0000 to 9999, an {@code And} or {@code Or} with a single
 * clause or nested in its own kind, more than the parser's limits); they still print, as the
 * nearest text, but that text does not parse back to the same tree.
 */
public final class QueryPrinter {
  private static final List<String> OPERATORS = List.of("AND", "OR", "NOT");

  private QueryPrinter() {}

  public static String print(CaseQuery query) {
    Objects.requireNonNull(query, "query");
    StringBuilder out = new StringBuilder();
    write(query, out);
    return out.toString();
  }

  private static void write(CaseQuery query, StringBuilder out) {
    switch (query) {
      case CaseQuery.MatchAll matchAll -> out.append('*');
      case CaseQuery.Term term -> writeTerm(term, out);
      case CaseQuery.Phrase phrase -> {
        writeField(phrase.field(), out);
        writeQuoted(phrase.text(), out);
      }
      case CaseQuery.Prefix prefix -> {
        writeField(prefix.field(), out);
        out.append(escape(prefix.prefix(), prefix.field() != CaseField.TEXT)).append('*');
      }
      case CaseQuery.DateRange range -> writeRange(range, out);
      case CaseQuery.And and -> {
        String separator = "";
        for (CaseQuery clause : and.clauses()) {
          out.append(separator);
          // AND binds tighter than OR, so only an OR inside an AND needs parentheses.
          writeOperand(clause, clause instanceof CaseQuery.Or, out);
          separator = " AND ";
        }
      }
      case CaseQuery.Or or -> {
        String separator = "";
        for (CaseQuery clause : or.clauses()) {
          out.append(separator);
          write(clause, out);
          separator = " OR ";
        }
      }
      case CaseQuery.Not not -> {
        out.append("NOT ");
        CaseQuery clause = not.clause();
        writeOperand(
            clause, clause instanceof CaseQuery.And || clause instanceof CaseQuery.Or, out);
      }
    }
  }

  private static void writeOperand(CaseQuery clause, boolean parenthesize, StringBuilder out) {
    if (parenthesize) {
      out.append('(');
      write(clause, out);
      out.append(')');
    } else {
      write(clause, out);
    }
  }

  private static void writeTerm(CaseQuery.Term term, StringBuilder out) {
    writeField(term.field(), out);
    boolean afterField = term.field() != CaseField.TEXT;
    String escaped = escape(term.value(), afterField);
    // On a keyword field a quoted value is still an exact term, and reads better than escapes;
    // on a text field quotes would make it a phrase.
    if (term.field().kind() != CaseField.Kind.TEXT && !escaped.equals(term.value())) {
      writeQuoted(term.value(), out);
    } else {
      out.append(escaped);
    }
  }

  private static void writeRange(CaseQuery.DateRange range, StringBuilder out) {
    writeField(range.field(), out);
    out.append('[');
    Instant from = range.from();
    if (from == null) {
      out.append('*');
    } else if (isMidnight(from)) {
      out.append(from.atOffset(ZoneOffset.UTC).toLocalDate());
    } else {
      out.append(from);
    }
    out.append(" TO ");
    // The tree's upper bound is exclusive and the text's inclusive: a day ends the day before
    // it, an instant one millisecond before it.
    Instant to = range.to();
    if (to == null) {
      out.append('*');
    } else if (isMidnight(to)) {
      out.append(to.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1));
    } else {
      out.append(to.minusMillis(1));
    }
    out.append(']');
  }

  private static boolean isMidnight(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalTime().equals(LocalTime.MIDNIGHT);
  }

  private static void writeField(CaseField field, StringBuilder out) {
    if (field != CaseField.TEXT) {
      out.append(field.queryName()).append(':');
    }
  }

  private static void writeQuoted(String value, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    out.append('"');
  }

  /**
   * Backslash-escapes what the parser would otherwise read as syntax. A bare word also has to
   * escape colons (a field name would end there), a leading {@code -} (negation) and a whole-word
   * operator; after {@code field:} only a leading {@code [} (a range) is special besides those
   * escaped everywhere.
   */
  private static String escape(String value, boolean afterField) {
    StringBuilder out = new StringBuilder();
    if (!afterField && OPERATORS.contains(value)) {
      out.append('\\');
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean special =
          c == '\\'
              || c == '('
              || c == ')'
              || c == '"'
              || c == '*'
              || Character.isWhitespace(c)
              || (!afterField && c == ':')
              || (i == 0 && c == (afterField ? '[' : '-'));
      if (special) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
