package dev.casevault.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryParserTest {
  private static final String KNOWN =
      "known fields: id, status, product, channel, language, region, team, tags, customer.id,"
          + " agent.id, created, updated, subject, description, messages, internal_notes, confidential_notes, customer.name,"
          + " customer.email, customer.phone, customer.ip, agent.name, agent.email, text, notes";

  /** Query text and the tree it must parse to; QueryPrinterTest round-trips the same table. */
  static Stream<Arguments> validQueries() {
    return Stream.of(
        // every case
        arguments("", new MatchAll()),
        arguments(" \t\n ", new MatchAll()),
        arguments("*", new MatchAll()),
        arguments("  *  ", new MatchAll()),
        arguments("printer AND *", and(word("printer"), new MatchAll())),
        // words and implicit AND
        arguments("printer", word("printer")),
        arguments("printer offline", and(word("printer"), word("offline"))),
        arguments("  printer\t\noffline  ", and(word("printer"), word("offline"))),
        arguments("printer AND offline", and(word("printer"), word("offline"))),
        arguments("tier1-emea e-mail", and(word("tier1-emea"), word("e-mail"))),
        arguments("naïve 中文 😀", and(word("naïve"), word("中文"), word("😀"))),
        arguments("[x] {y} a]b", and(word("[x]"), word("{y}"), word("a]b"))),
        arguments("and or not", and(word("and"), word("or"), word("not"))),
        arguments("ANDROID ORACLE NOTE", and(word("ANDROID"), word("ORACLE"), word("NOTE"))),
        // escapes in words
        arguments("http\\://x", word("http://x")),
        arguments("\\AND \\-5", and(word("AND"), word("-5"))),
        arguments("ab\\* a\\ b a\\(b\\)", and(word("ab*"), word("a b"), word("a(b)"))),
        arguments("\\\\server", word("\\server")),
        // phrases
        arguments("\"paper jam\"", phrase("paper jam")),
        arguments("\"single\"", phrase("single")),
        arguments("\"say \\\"hi\\\" \\\\o/\"", phrase("say \"hi\" \\o/")),
        arguments("\"C:\\temp\\new\"", phrase("C:\\temp\\new")),
        arguments("\"http://x (AND) *\"", phrase("http://x (AND) *")),
        arguments("\" padded \"", phrase(" padded ")),
        arguments("a\"b c\"d", and(word("a"), phrase("b c"), word("d"))),
        // fields
        arguments("text:jam", new Term(CaseField.TEXT, "jam")),
        arguments("subject:jam", new Term(CaseField.SUBJECT, "jam")),
        arguments("description:jam", new Term(CaseField.DESCRIPTION, "jam")),
        arguments("messages:jam", new Term(CaseField.MESSAGES, "jam")),
        arguments("notes:jam", new Term(CaseField.NOTES, "jam")),
        arguments("internal_notes:jam", new Term(CaseField.INTERNAL_NOTES, "jam")),
        arguments("confidential_notes:jam", new Term(CaseField.CONFIDENTIAL_NOTES, "jam")),
        arguments("id:CASE-2019-0001234", new Term(CaseField.ID, "CASE-2019-0001234")),
        arguments("status:open", new Term(CaseField.STATUS, "open")),
        arguments("product:Surface", new Term(CaseField.PRODUCT, "Surface")),
        arguments("channel:email", new Term(CaseField.CHANNEL, "email")),
        arguments("language:fr", new Term(CaseField.LANGUAGE, "fr")),
        arguments("region:EMEA", new Term(CaseField.REGION, "EMEA")),
        arguments("team:tier1-emea", new Term(CaseField.TEAM, "tier1-emea")),
        arguments("tags:billing", new Term(CaseField.TAGS, "billing")),
        arguments("tag:billing", new Term(CaseField.TAGS, "billing")),
        arguments("status:Open", new Term(CaseField.STATUS, "Open")),
        arguments("subject:\"paper jam\"", new Phrase(CaseField.SUBJECT, "paper jam")),
        arguments("product:\"Surface Pro\"", new Term(CaseField.PRODUCT, "Surface Pro")),
        arguments("product:\"Surf*\"", new Term(CaseField.PRODUCT, "Surf*")),
        arguments("text:http://x", new Term(CaseField.TEXT, "http://x")),
        arguments("tag:a:b", new Term(CaseField.TAGS, "a:b")),
        arguments("status:-x", new Term(CaseField.STATUS, "-x")),
        arguments("subject:AND", new Term(CaseField.SUBJECT, "AND")),
        arguments("tag:\\[x", new Term(CaseField.TAGS, "[x")),
        arguments("status:open(x)", and(new Term(CaseField.STATUS, "open"), word("x"))),
        // prefixes
        arguments("print*", new Prefix(CaseField.TEXT, "print")),
        arguments("pr*", new Prefix(CaseField.TEXT, "pr")),
        arguments("é中*", new Prefix(CaseField.TEXT, "é中")),
        arguments("😀😀*", new Prefix(CaseField.TEXT, "😀😀")),
        arguments("ab\\**", new Prefix(CaseField.TEXT, "ab*")),
        arguments("team:tier1*", new Prefix(CaseField.TEAM, "tier1")),
        arguments("subject:jam*", new Prefix(CaseField.SUBJECT, "jam")),
        // NOT, -, precedence and grouping
        arguments("NOT closed", not(word("closed"))),
        arguments("NOT(closed)", not(word("closed"))),
        arguments("-status:closed", not(new Term(CaseField.STATUS, "closed"))),
        arguments("-\"paper jam\"", not(phrase("paper jam"))),
        arguments("--a", not(not(word("a")))),
        arguments("NOT NOT a", not(not(word("a")))),
        arguments("-NOT a", not(not(word("a")))),
        arguments("-(a b)", not(and(word("a"), word("b")))),
        arguments("a -b", and(word("a"), not(word("b")))),
        arguments("a OR b", or(word("a"), word("b"))),
        arguments("a OR b c", or(word("a"), and(word("b"), word("c")))),
        arguments("a b OR c", or(and(word("a"), word("b")), word("c"))),
        arguments("a AND b OR c AND d", or(and(word("a"), word("b")), and(word("c"), word("d")))),
        arguments("NOT a b", and(not(word("a")), word("b"))),
        arguments("NOT a OR b", or(not(word("a")), word("b"))),
        arguments("NOT (a OR b)", not(or(word("a"), word("b")))),
        arguments("(a OR b) c", and(or(word("a"), word("b")), word("c"))),
        arguments("a (b OR c)", and(word("a"), or(word("b"), word("c")))),
        arguments("a(b)", and(word("a"), word("b"))),
        arguments("((a))", word("a")),
        arguments("( a )", word("a")),
        arguments("a AND (b AND c)", and(word("a"), word("b"), word("c"))),
        arguments("(a b) (c d)", and(word("a"), word("b"), word("c"), word("d"))),
        arguments("a OR (b OR c) OR d", or(word("a"), word("b"), word("c"), word("d"))),
        arguments("(a OR b) AND (c OR d)", and(or(word("a"), word("b")), or(word("c"), word("d")))),
        // dates
        arguments(
            "created:[2019-01-01 TO 2019-12-31]",
            range(CaseField.CREATED, "2019-01-01T00:00:00Z", "2020-01-01T00:00:00Z")),
        arguments(
            "created:[* TO 2019-06-30]", range(CaseField.CREATED, null, "2019-07-01T00:00:00Z")),
        arguments(
            "updated:[2019-06-30 TO *]", range(CaseField.UPDATED, "2019-06-30T00:00:00Z", null)),
        arguments("created:[* TO *]", range(CaseField.CREATED, null, null)),
        arguments(
            "created:[  2019-05-01   TO\t2019-05-01 ]",
            range(CaseField.CREATED, "2019-05-01T00:00:00Z", "2019-05-02T00:00:00Z")),
        arguments(
            "created:[2019 TO 2020-06]",
            range(CaseField.CREATED, "2019-01-01T00:00:00Z", "2020-07-01T00:00:00Z")),
        arguments(
            "created:[2019-05-01T10:00:00Z TO 2019-05-01T11:00:00Z]",
            range(CaseField.CREATED, "2019-05-01T10:00:00Z", "2019-05-01T11:00:00.001Z")),
        arguments(
            "created:[2019-05-01T10:00:00Z TO 2019-05-01T10:00:00Z]",
            range(CaseField.CREATED, "2019-05-01T10:00:00Z", "2019-05-01T10:00:00.001Z")),
        arguments(
            "created:[2019-05-01T10:00:00.123456789Z TO *]",
            range(CaseField.CREATED, "2019-05-01T10:00:00.123456789Z", null)),
        arguments(
            "created:[2019-05-01 TO 2019-05-01T00:00:00Z]",
            range(CaseField.CREATED, "2019-05-01T00:00:00Z", "2019-05-01T00:00:00.001Z")),
        arguments(
            "created:2019-05-01",
            range(CaseField.CREATED, "2019-05-01T00:00:00Z", "2019-05-02T00:00:00Z")),
        arguments(
            "created:2019-05",
            range(CaseField.CREATED, "2019-05-01T00:00:00Z", "2019-06-01T00:00:00Z")),
        arguments(
            "updated:2020-02",
            range(CaseField.UPDATED, "2020-02-01T00:00:00Z", "2020-03-01T00:00:00Z")),
        arguments(
            "created:2019",
            range(CaseField.CREATED, "2019-01-01T00:00:00Z", "2020-01-01T00:00:00Z")),
        arguments(
            "created:2020-02-29",
            range(CaseField.CREATED, "2020-02-29T00:00:00Z", "2020-03-01T00:00:00Z")),
        arguments(
            "created:2019-05-01T10:00:00Z",
            range(CaseField.CREATED, "2019-05-01T10:00:00Z", "2019-05-01T10:00:00.001Z")),
        arguments(
            "created:[2019 TO 2019](status:open)",
            and(
                range(CaseField.CREATED, "2019-01-01T00:00:00Z", "2020-01-01T00:00:00Z"),
                new Term(CaseField.STATUS, "open"))),
        arguments(
            "printer -status:closed created:2019 OR tag:urgent",
            or(
                and(
                    word("printer"),
                    not(new Term(CaseField.STATUS, "closed")),
                    range(CaseField.CREATED, "2019-01-01T00:00:00Z", "2020-01-01T00:00:00Z")),
                new Term(CaseField.TAGS, "urgent"))));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("validQueries")
  void parsesValidQuery(String text, CaseQuery expected) {
    assertThat(QueryParser.parse(text)).isEqualTo(expected);
  }

  /** Query text and the exact error message, position included. */
  static Stream<Arguments> invalidQueries() {
    String wordExpected = "expected a word, phrase or \"(\" but found ";
    String dateExpected =
        "expected a date like 2019-12-31 or a range like [2019-01-01 TO 2019-12-31] but found ";
    String boundExpected = "expected a date like 2019-12-31 or * but found ";
    return Stream.of(
        // parentheses
        arguments("(a", "at 2: expected \")\" but found end of query"),
        arguments("(status:open OR b", "at 17: expected \")\" but found end of query"),
        arguments("((a)", "at 4: expected \")\" but found end of query"),
        arguments("a)", "at 1: expected end of query but found \")\" with no matching \"(\""),
        arguments("(a))", "at 3: expected end of query but found \")\" with no matching \"(\""),
        arguments(")", "at 0: " + wordExpected + "\")\""),
        arguments("()", "at 1: " + wordExpected + "\")\""),
        // dangling operators
        arguments("a AND", "at 5: " + wordExpected + "end of query"),
        arguments("a OR", "at 4: " + wordExpected + "end of query"),
        arguments("NOT", "at 3: " + wordExpected + "end of query"),
        arguments("a NOT ", "at 6: " + wordExpected + "end of query"),
        arguments("AND a", "at 0: " + wordExpected + "\"AND\""),
        arguments("OR a", "at 0: " + wordExpected + "\"OR\""),
        arguments("a OR OR b", "at 5: " + wordExpected + "\"OR\""),
        arguments("a AND OR b", "at 6: " + wordExpected + "\"OR\""),
        arguments("a OR AND b", "at 5: " + wordExpected + "\"AND\""),
        arguments("(a OR)", "at 5: " + wordExpected + "\")\""),
        arguments("NOT )", "at 4: " + wordExpected + "\")\""),
        arguments("-AND", "at 1: " + wordExpected + "\"AND\""),
        arguments(
            "a -",
            "at 3: expected a word, phrase or \"(\" right after \"-\" but found end of query"),
        arguments(
            "a - b",
            "at 3: expected a word, phrase or \"(\" right after \"-\" but found whitespace"),
        // quotes
        arguments("\"paper jam", "at 0: expected a closing quote (\") but found end of query"),
        arguments("a \"b\\\"", "at 2: expected a closing quote (\") but found end of query"),
        arguments("a \"b\" \"c", "at 6: expected a closing quote (\") but found end of query"),
        arguments("\"\"", "at 0: expected words between the quotes but found none"),
        arguments("x \" \t\"", "at 2: expected words between the quotes but found none"),
        arguments("subject:\"\"", "at 8: expected words between the quotes but found none"),
        // fields
        arguments("foo:bar", "at 0: unknown field \"foo\"; " + KNOWN),
        arguments("http://x", "at 0: unknown field \"http\"; " + KNOWN),
        arguments("a Status:open", "at 2: unknown field \"Status\"; " + KNOWN),
        arguments(
            "x:y".repeat(20), "at 0: unknown field \"x\"; " + KNOWN), // only the name is echoed
        arguments(":x", "at 0: expected a field name before \":\""),
        arguments("status:", "at 7: expected a value after \"status:\" but found end of query"),
        arguments("status: open", "at 7: expected a value after \"status:\" but found whitespace"),
        arguments("(tag:)", "at 5: expected a value after \"tag:\" but found \")\""),
        arguments("tags:(a b)", "at 5: expected a value after \"tags:\" but found \"(\""),
        arguments("created:", "at 8: expected a value after \"created:\" but found end of query"),
        // escapes
        arguments("foo\\", "at 4: expected a character after \"\\\" but found end of query"),
        arguments("\\ ", "at 0: expected a word but found only escaped whitespace"),
        // prefixes and stars
        arguments("a*", "at 0: a prefix needs at least 2 characters before * but found \"a*\""),
        arguments("é*", "at 0: a prefix needs at least 2 characters before * but found \"é*\""),
        arguments(
            "status:*", "at 7: a prefix needs at least 2 characters before * but found \"*\""),
        arguments("(*x)", "at 1: expected \"*\" only at the end of a word but found \"*x\""),
        arguments(
            "pr*nter", "at 2: expected \"*\" only at the end of a word but found \"pr*nter\""),
        arguments("ab**", "at 2: expected \"*\" only at the end of a word but found \"ab**\""),
        arguments(
            "status:op*en", "at 9: expected \"*\" only at the end of a word but found \"op*en\""),
        arguments("ab*:x", "at 2: expected \"*\" only at the end of a word but found \"ab*:x\""),
        // dates
        arguments("created:2019-13-45", "at 8: " + dateExpected + "\"2019-13-45\""),
        arguments("created:2019-02-29", "at 8: " + dateExpected + "\"2019-02-29\""),
        arguments("created:2019-13", "at 8: " + dateExpected + "\"2019-13\""),
        arguments("created:19-05-01", "at 8: " + dateExpected + "\"19-05-01\""),
        arguments("created:yesterday", "at 8: " + dateExpected + "\"yesterday\""),
        arguments(
            "created:2019-05-01T10:00:00+02:00",
            "at 8: " + dateExpected + "\"2019-05-01T10:00:00+02:00\""),
        arguments(
            "created:2019-05-01T25:00:00Z", "at 8: " + dateExpected + "\"2019-05-01T25:00:00Z\""),
        arguments("updated:2019*", "at 8: " + dateExpected + "\"2019*\""),
        arguments("created:\"2019\"", "at 8: " + dateExpected + "a phrase"),
        arguments("created:[2019-13-45 TO *]", "at 9: " + boundExpected + "\"2019-13-45\""),
        arguments("created:[", "at 9: " + boundExpected + "end of query"),
        arguments("created:[]", "at 9: " + boundExpected + "\"]\""),
        arguments("created:[2019 TO ]", "at 17: " + boundExpected + "\"]\""),
        arguments("created:[2019 TO 2019-00]", "at 17: " + boundExpected + "\"2019-00\""),
        arguments("created:[2019 2020]", "at 14: expected \"TO\" but found \"2020\""),
        arguments("created:[2019 to 2020]", "at 14: expected \"TO\" but found \"to\""),
        arguments("created:[2019]", "at 13: expected \"TO\" but found \"]\""),
        arguments("created:[2019", "at 13: expected \"TO\" but found end of query"),
        arguments("created:[2019 TO 2020", "at 21: expected \"]\" but found end of query"),
        arguments("created:[2019 TO 2020 x]", "at 22: expected \"]\" but found \"x\""),
        arguments(
            "created:[2019-12-31 TO 2019-01-01]",
            "at 23: expected an end on or after the start of the range but found \"2019-01-01\""),
        arguments(
            "created:[2019-05-01T10:00:00Z TO 2019-05-01T09:59:59.999Z]",
            "at 33: expected an end on or after the start of the range but found"
                + " \"2019-05-01T09:59:59.999Z\""),
        arguments(
            "status:[a TO b]",
            "at 7: expected a value for status but found a range; only created and updated take"
                + " ranges"),
        arguments(
            "tag:[2019 TO 2020]",
            "at 4: expected a value for tags but found a range; only created and updated take"
                + " ranges"),
        // limits
        arguments("a".repeat(4097), "at 4096: expected at most 4096 characters but found 4097"),
        arguments(
            "a ".repeat(2100) + ")", "at 512: expected at most 256 search terms but found 257"),
        arguments(
            "(".repeat(33) + "a" + ")".repeat(33),
            "at 32: expected at most 32 levels of parentheses and NOT but found 33"),
        arguments(
            "NOT ".repeat(33) + "a",
            "at 128: expected at most 32 levels of parentheses and NOT but found 33"),
        arguments(
            "-".repeat(20) + "(".repeat(20) + "a",
            "at 32: expected at most 32 levels of parentheses and NOT but found 33"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("invalidQueries")
  void rejectsInvalidQuery(String text, String message) {
    assertThatThrownBy(() -> QueryParser.parse(text))
        .isInstanceOf(QuerySyntaxException.class)
        .hasMessage(message)
        .satisfies(
            e ->
                assertThat(message)
                    .startsWith("at " + ((QuerySyntaxException) e).position() + ": "));
  }

  @Test
  void acceptsQueriesAtEachLimit() {
    assertThat(QueryParser.parse("(".repeat(32) + "a" + ")".repeat(32))).isEqualTo(word("a"));
    assertThat(QueryParser.parse("NOT ".repeat(16) + "(".repeat(16) + "a" + ")".repeat(16)))
        .isNotNull();
    assertThat(QueryParser.parse("a ".repeat(256))).isInstanceOf(And.class);
    assertThat(((And) QueryParser.parse("a ".repeat(256))).clauses()).hasSize(256);
    assertThat(QueryParser.parse("a".repeat(4096))).isEqualTo(word("a".repeat(4096)));
    assertThat(QueryParser.parse(" ".repeat(4095) + "a")).isEqualTo(word("a"));
  }

  @Test
  void reportsEarlierErrorsBeforeTheLengthLimit() {
    // The parser reads left to right and stops at the first problem, long text or not.
    assertThatThrownBy(() -> QueryParser.parse("foo:x " + "a ".repeat(5000)))
        .hasMessageStartingWith("at 0: unknown field \"foo\"");
    // Looking ahead for an operator counts as reading: "OR" is followed by the 4097th character.
    assertThatThrownBy(() -> QueryParser.parse(" ".repeat(4092) + "a OR b"))
        .hasMessage("at 4096: expected at most 4096 characters but found 4098");
  }

  @Test
  void rejectsNullAsAProgrammingError() {
    assertThatThrownBy(() -> QueryParser.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void echoesAtMostOneTruncatedToken() {
    String longWord = "jane.doe.customer.with.a.very.long.address@example.com";
    assertThatThrownBy(() -> QueryParser.parse("x " + longWord + "*y"))
        .hasMessage(
            "at 56: expected \"*\" only at the end of a word but found"
                + " \"jane.doe.customer.with.a.very.lo…\"");
    assertThatThrownBy(() -> QueryParser.parse("jane@example.com +33612345678 ("))
        .hasMessage("at 31: " + "expected a word, phrase or \"(\" but found end of query");
    assertThatThrownBy(() -> QueryParser.parse("customer:jane@example.com"))
        .hasMessage("at 0: unknown field \"customer\"; " + KNOWN);
  }

  @Test
  void echoesUnprintableCharactersEscaped() {
    assertThatThrownBy(() -> QueryParser.parse("a\u0007\u202e*b"))
        .hasMessage(
            "at 3: expected \"*\" only at the end of a word but found \"a\\u0007\\u202E*b\"");
    // A truncated echo never splits a surrogate pair.
    String emoji = "😀".repeat(20);
    assertThatThrownBy(() -> QueryParser.parse(emoji + "*x"))
        .hasMessage(
            "at 40: expected \"*\" only at the end of a word but found \""
                + "😀".repeat(16)
                + "…\"");
  }

  @Test
  void identityFieldsTakeExactValuesOnly() {
    assertThat(QueryParser.parse("customer.email:jane@example.com"))
        .isEqualTo(new CaseQuery.Term(CaseField.CUSTOMER_EMAIL, "jane@example.com"));
    assertThat(QueryParser.parse("agent.name:\"Jane Doe\""))
        .isEqualTo(new CaseQuery.Term(CaseField.AGENT_NAME, "Jane Doe"));
    assertThatThrownBy(() -> QueryParser.parse("customer.phone:+3361*"))
        .hasMessage(
            "at 15: customer.phone is stored as a token, so it matches exact values only, not a"
                + " prefix");
  }

  @Test
  void listsEveryFieldInTheUnknownFieldMessage() {
    String names =
        Arrays.stream(CaseField.values())
            .map(CaseField::queryName)
            .collect(Collectors.joining(", "));
    assertThat(KNOWN).isEqualTo("known fields: " + names);
  }

  static CaseQuery word(String value) {
    return new Term(CaseField.TEXT, value);
  }

  static CaseQuery phrase(String text) {
    return new Phrase(CaseField.TEXT, text);
  }

  static CaseQuery and(CaseQuery... clauses) {
    return new And(List.of(clauses));
  }

  static CaseQuery or(CaseQuery... clauses) {
    return new Or(List.of(clauses));
  }

  static CaseQuery not(CaseQuery clause) {
    return new Not(clause);
  }

  static CaseQuery range(CaseField field, String from, String to) {
    return new DateRange(
        field, from == null ? null : Instant.parse(from), to == null ? null : Instant.parse(to));
  }
}
