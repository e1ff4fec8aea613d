package dev.casevault.core;

import static dev.casevault.core.QueryParserTest.and;
import static dev.casevault.core.QueryParserTest.not;
import static dev.casevault.core.QueryParserTest.or;
import static dev.casevault.core.QueryParserTest.phrase;
import static dev.casevault.core.QueryParserTest.range;
import static dev.casevault.core.QueryParserTest.word;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.casevault.core.CaseQuery.And;
import dev.casevault.core.CaseQuery.DateRange;
import dev.casevault.core.CaseQuery.MatchAll;
import dev.casevault.core.CaseQuery.Not;
import dev.casevault.core.CaseQuery.Or;
import dev.casevault.core.CaseQuery.Phrase;
import dev.casevault.core.CaseQuery.Prefix;
import dev.casevault.core.CaseQuery.Term;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryPrinterTest {

  static Stream<Arguments> canonicalTexts() {
    return Stream.of(
        arguments(new MatchAll(), "*"),
        arguments(word("printer"), "printer"),
        arguments(and(word("a"), new MatchAll()), "a AND *"),
        arguments(and(word("a"), word("b"), word("c")), "a AND b AND c"),
        arguments(or(word("a"), and(word("b"), word("c"))), "a OR b AND c"),
        arguments(and(word("a"), or(word("b"), word("c"))), "a AND (b OR c)"),
        arguments(not(or(word("a"), word("b"))), "NOT (a OR b)"),
        arguments(not(and(word("a"), word("b"))), "NOT (a AND b)"),
        arguments(and(not(word("a")), word("b")), "NOT a AND b"),
        arguments(not(not(word("a"))), "NOT NOT a"),
        arguments(phrase("paper jam"), "\"paper jam\""),
        arguments(phrase("say \"hi\" C:\\temp"), "\"say \\\"hi\\\" C:\\\\temp\""),
        arguments(new Phrase(CaseField.SUBJECT, "paper jam"), "subject:\"paper jam\""),
        arguments(new Term(CaseField.STATUS, "open"), "status:open"),
        arguments(new Term(CaseField.TAGS, "urgent"), "tags:urgent"),
        arguments(new Term(CaseField.PRODUCT, "Surface Pro"), "product:\"Surface Pro\""),
        arguments(new Term(CaseField.PRODUCT, "Surf*"), "product:\"Surf*\""),
        arguments(new Term(CaseField.STATUS, "-x"), "status:-x"),
        arguments(new Term(CaseField.STATUS, "AND"), "status:AND"),
        arguments(new Term(CaseField.TAGS, "[x"), "tags:\"[x\""),
        arguments(new Term(CaseField.SUBJECT, "http://x"), "subject:http://x"),
        arguments(new Term(CaseField.SUBJECT, "a b"), "subject:a\\ b"),
        arguments(word("http://x"), "http\\://x"),
        arguments(word("AND"), "\\AND"),
        arguments(word("-5"), "\\-5"),
        arguments(word("a (b) \"c\" *"), "a\\ \\(b\\)\\ \\\"c\\\"\\ \\*"),
        arguments(word("\\"), "\\\\"),
        arguments(new Prefix(CaseField.TEXT, "print"), "print*"),
        arguments(new Prefix(CaseField.TEXT, "ab*"), "ab\\**"),
        arguments(new Prefix(CaseField.TEAM, "tier 1"), "team:tier\\ 1*"),
        arguments(
            range(CaseField.CREATED, "2019-01-01T00:00:00Z", "2020-01-01T00:00:00Z"),
            "created:[2019-01-01 TO 2019-12-31]"),
        arguments(
            range(CaseField.CREATED, null, "2019-07-01T00:00:00Z"), "created:[* TO 2019-06-30]"),
        arguments(range(CaseField.UPDATED, null, null), "updated:[* TO *]"),
        arguments(
            range(CaseField.UPDATED, "2019-05-01T10:00:00Z", "2019-05-01T11:00:00.001Z"),
            "updated:[2019-05-01T10:00:00Z TO 2019-05-01T11:00:00Z]"),
        arguments(
            range(CaseField.CREATED, "2019-05-01T10:00:00.5Z", "2019-05-02T00:00:00.000000001Z"),
            "created:[2019-05-01T10:00:00.500Z TO 2019-05-01T23:59:59.999000001Z]"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("canonicalTexts")
  void printsCanonicalTextThatParsesBack(CaseQuery query, String text) {
    assertThat(QueryPrinter.print(query)).isEqualTo(text);
    assertThat(QueryParser.parse(text)).isEqualTo(query);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("dev.casevault.core.QueryParserTest#validQueries")
  void roundTripsEveryParsedQuery(String text, CaseQuery parsed) {
    String canonical = QueryPrinter.print(parsed);
    assertThat(QueryParser.parse(canonical)).isEqualTo(parsed);
    assertThat(QueryPrinter.print(QueryParser.parse(canonical))).isEqualTo(canonical);
  }

  @Test
  void normalisesSpellingsOfOneQuery() {
    assertThat(QueryPrinter.print(QueryParser.parse("a OR b c"))).isEqualTo("a OR b AND c");
    assertThat(QueryPrinter.print(QueryParser.parse("tag:x  -status:closed")))
        .isEqualTo("tags:x AND NOT status:closed");
    assertThat(QueryPrinter.print(QueryParser.parse("created:2019")))
        .isEqualTo("created:[2019-01-01 TO 2019-12-31]")
        .isEqualTo(QueryPrinter.print(QueryParser.parse("created:[2019-01 TO 2019-12]")));
  }

  @Test
  void roundTripsRandomTrees() {
    TestSeed.run(
        random -> {
          for (int i = 0; i < 5_000; i++) {
            CaseQuery query = new TreeGenerator(random).tree(4, -1);
            String text = QueryPrinter.print(query);
            assertThat(QueryParser.parse(text))
                .as("tree %d printed as %s", i, text)
                .isEqualTo(query);
          }
        });
  }

  /**
   * Random trees in the parser's canonical shape: no And directly in an And (nor Or in Or), two or
   * more clauses each, prefixes of two or more characters, non-empty ranges in years 1970-2100.
   */
  private static final class TreeGenerator {
    private static final int AND = 0;
    private static final int OR = 1;
    private static final int NOT = 2;
    private static final int MAX_LEAVES = 30;
    private static final List<String> PIECES =
        List.of(
            "a", "b", "z", "Q", "0", "7", "é", "ß", "中", "😀", "\u0301", "\u00A0", " ", "\t", "\n",
            "\u2003", "\\", "\"", "(", ")", ":", "*", "[", "]", "{", "}", "-", "'", ".", "AND",
            "OR", "NOT", "TO", "http://", "@");
    private static final List<String> WHOLE_VALUES =
        List.of("AND", "OR", "NOT", "-", "*", "**", "[x", "-x", "a:b", "\\", "\"", "2019");
    private static final List<CaseField> WORD_FIELDS =
        Arrays.stream(CaseField.values()).filter(f -> f.kind() != CaseField.Kind.DATE).toList();
    private static final List<CaseField> PREFIX_FIELDS =
        WORD_FIELDS.stream().filter(f -> f.kind() != CaseField.Kind.IDENTITY).toList();
    private static final List<CaseField> TEXT_FIELDS =
        Arrays.stream(CaseField.values()).filter(f -> f.kind() == CaseField.Kind.TEXT).toList();
    private static final long YEAR_2100 = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    private final Random random;
    private int leaves;

    TreeGenerator(Random random) {
      this.random = random;
    }

    /** A tree whose root is not of kind {@code excluded} (AND, OR, or -1 for none). */
    CaseQuery tree(int depth, int excluded) {
      if (depth == 0 || leaves >= MAX_LEAVES || random.nextInt(3) == 0) {
        return leaf();
      }
      int kind = random.nextInt(3);
      if (kind == NOT || kind == excluded) {
        return new Not(tree(depth - 1, -1));
      }
      List<CaseQuery> clauses = new ArrayList<>();
      for (int n = 2 + random.nextInt(3); n > 0; n--) {
        clauses.add(tree(depth - 1, kind));
      }
      return kind == AND ? new And(clauses) : new Or(clauses);
    }

    private CaseQuery leaf() {
      leaves++;
      return switch (random.nextInt(5)) {
        case 0 -> new MatchAll();
        case 1 -> new Term(pick(WORD_FIELDS), value(1));
        case 2 -> new Phrase(pick(TEXT_FIELDS), value(1));
        case 3 -> new Prefix(pick(PREFIX_FIELDS), value(2));
        default -> dateRange();
      };
    }

    private String value(int minCodePoints) {
      while (true) {
        String value;
        if (random.nextInt(8) == 0) {
          value = pick(WHOLE_VALUES);
        } else {
          StringBuilder out = new StringBuilder();
          for (int n = 1 + random.nextInt(8); n > 0; n--) {
            out.append(pick(PIECES));
          }
          value = out.toString();
        }
        if (!value.isBlank() && value.codePointCount(0, value.length()) >= minCodePoints) {
          return value;
        }
      }
    }

    private CaseQuery dateRange() {
      Instant from = random.nextInt(4) == 0 ? null : instant();
      Instant to = random.nextInt(4) == 0 ? null : instant();
      if (from != null && to != null && !to.isAfter(from)) {
        Instant earlier = to;
        to = from.plusNanos(1 + random.nextInt(2_000_000));
        from = earlier;
      }
      return new DateRange(random.nextBoolean() ? CaseField.CREATED : CaseField.UPDATED, from, to);
    }

    private Instant instant() {
      Instant instant = Instant.ofEpochMilli((long) (random.nextDouble() * YEAR_2100));
      return switch (random.nextInt(4)) {
        case 0 -> instant.truncatedTo(ChronoUnit.DAYS);
        case 1 -> instant.plusNanos(random.nextInt(1_000_000));
        default -> instant;
      };
    }

    private <T> T pick(List<T> choices) {
      return choices.get(random.nextInt(choices.size()));
    }
  }
}
