package dev.casevault.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random text heavy in syntax characters: the parser must return a tree or a {@link
 * QuerySyntaxException} with a position inside the text, and nothing else, ever.
 */
class QueryParserFuzzTest {
  private static final List<String> PIECES =
      List.of(
          "(",
          ")",
          "\"",
          ":",
          "*",
          "[",
          "]",
          "{",
          "}",
          "-",
          "\\",
          " ",
          "  ",
          "\t",
          "\n",
          "AND",
          "OR",
          "NOT",
          " AND ",
          " OR ",
          " NOT ",
          "TO",
          " TO ",
          "and",
          "status:",
          "created:",
          "updated:",
          "tag:",
          "text:",
          "subject:",
          "foo:",
          "id:",
          "2019",
          "2019-05",
          "2019-05-01",
          "2019-13-45",
          "2019-05-01T10:00:00Z",
          "a",
          "b",
          "xy",
          "é",
          "中",
          "😀",
          "\uD83D",
          "\uDE00",
          "\u0000",
          "\u202E",
          "\u00A0",
          "\u2003",
          "\\\"",
          "\\\\",
          "http://",
          "jane@example.com");

  @Test
  void parsesOrRejectsRandomText() {
    TestSeed.run(
        random -> {
          for (int i = 0; i < 20_000; i++) {
            check(randomText(random));
          }
        });
  }

  @Test
  void rejectsDeepNestingWithoutOverflowingTheStack() {
    String depthError = "expected at most 32 levels of parentheses and NOT but found 33";
    assertThatThrownBy(() -> QueryParser.parse("(".repeat(10_000)))
        .hasMessage("at 32: " + depthError);
    assertThatThrownBy(() -> QueryParser.parse("(".repeat(10_000) + "a" + ")".repeat(10_000)))
        .hasMessage("at 32: " + depthError);
    assertThatThrownBy(() -> QueryParser.parse("NOT ".repeat(10_000) + "a"))
        .hasMessage("at 128: " + depthError);
    assertThatThrownBy(() -> QueryParser.parse("-".repeat(10_000) + "a"))
        .hasMessage("at 32: " + depthError);
    assertThatThrownBy(() -> QueryParser.parse("(-".repeat(10_000)))
        .hasMessage("at 32: " + depthError);
    assertThatThrownBy(() -> QueryParser.parse("a AND ".repeat(10_000)))
        .hasMessage("at 1536: expected at most 256 search terms but found 257");
  }

  private static String randomText(Random random) {
    // One text in a hundred is long enough to reach the length limit.
    int pieces = random.nextInt(100) == 0 ? 1_000 + random.nextInt(500) : random.nextInt(40);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      if (random.nextInt(10) == 0) {
        text.append((char) random.nextInt(Character.MAX_VALUE + 1));
      } else {
        text.append(PIECES.get(random.nextInt(PIECES.size())));
      }
    }
    return text.toString();
  }

  private static void check(String text) {
    CaseQuery query;
    try {
      query = QueryParser.parse(text);
    } catch (QuerySyntaxException e) {
      assertThat(e.position()).as(() -> describe(text)).isBetween(0, text.length());
      assertThat(e.getMessage()).as(() -> describe(text)).startsWith("at " + e.position() + ": ");
      assertEchoesNoLongRun(text, e.getMessage());
      return;
    } catch (RuntimeException | StackOverflowError e) {
      throw new AssertionError("unexpected " + e + " for " + describe(text), e);
    }
    assertThat(query).as(() -> describe(text)).isNotNull();
    String canonical = QueryPrinter.print(query);
    // Canonical text spells out every AND, so it can outgrow the limit that its source met.
    if (canonical.length() <= QueryParser.MAX_LENGTH) {
      assertThat(QueryParser.parse(canonical)).as(() -> describe(text)).isEqualTo(query);
    }
  }

  /**
   * Personal data stays out of messages: no run of the query longer than one echoed token (32
   * characters, and the quote and space around it) appears in one.
   */
  private static void assertEchoesNoLongRun(String text, String message) {
    int longest = 32 + 3;
    for (int i = 0; i + longest <= text.length(); i++) {
      if (message.contains(text.substring(i, i + longest))) {
        fail("message %s repeats too much of %s", message, describe(text));
      }
    }
  }

  private static String describe(String text) {
    StringBuilder out = new StringBuilder("input \"");
    text.chars()
        .forEach(
            c -> {
              if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.append('"').toString();
  }
}
