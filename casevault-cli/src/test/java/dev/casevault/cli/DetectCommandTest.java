package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.casevault.redaction.Detector;
import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DetectCommandTest {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  @TempDir Path folder;

  private Path write(String content) throws IOException {
    Path file = folder.resolve("texts.jsonl");
    Files.writeString(file, content);
    return file;
  }

  /** Runs {@code detect} with a fake detector that reports every '@' and the word after it. */
  private static CommandLineTest.Result runWithFakeDetector(String... args) {
    Detector atSigns =
        (text, out) -> {
          for (int i = 0; i < text.atSignCount(); i++) {
            int at = text.atSign(i);
            int end = at + 1;
            while (end < text.length() && Character.isLetter(text.charAt(end))) {
              end++;
            }
            out.add(new Finding(PiiType.EMAIL, at, end, 0.5, "fake.at"));
          }
        };
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code =
          new CommandLine(
                  new DetectCommand(() -> new PiiDetector(List.of(atSigns), 10_000_000_000L, 0)))
              .execute(args);
      return new CommandLineTest.Result(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void writesTheSpansOfEachLineInItsOwnLine() throws IOException {
    Path file = write("{\"id\": 7, \"text\": \"to @ann or \\u00e9@bob\"}\n{\"text\": \"none\"}\n");
    CommandLineTest.Result result = runWithFakeDetector(file.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "{\"spans\":[{\"type\":\"EMAIL\",\"start\":3,\"end\":7,\"score\":0.5,\"rule\":\"fake.at\"},"
                + "{\"type\":\"EMAIL\",\"start\":12,\"end\":16,\"score\":0.5,\"rule\":\"fake.at\"}]}\n"
                + "{\"spans\":[]}\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void badLinesGiveAnErrorLineAndAReasonThatNeverQuotesTheInput() throws IOException {
    Path file =
        write(
            String.join(
                "\n",
                "{\"text\": \"fine\"}",
                "secret-value not json",
                "{\"text\": 42}",
                "{\"note\": \"secret-value\"}",
                "{\"text\": \"a\", \"text\": \"secret-value\"}",
                "",
                "{\"text\": \"a\"} {\"text\": \"secret-value\"}",
                "[\"secret-value\"]",
                "{\"text\": \"secret-value",
                "{\"text\": \"last line without a line end\"}"));
    CommandLineTest.Result result = CommandLineTest.run("detect", file.toString());
    assertThat(result.exitCode()).isEqualTo(DetectCommand.SOME_REJECTED);
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(10);
    assertThat(lines.get(0)).startsWith("{\"spans\":[");
    assertThat(lines.subList(1, 9))
        .containsExactly(
            "{\"error\":\"invalid JSON or UTF-8\"}",
            "{\"error\":\"\\\"text\\\" is not a string\"}",
            "{\"error\":\"no \\\"text\\\" field\"}",
            "{\"error\":\"\\\"text\\\" appears twice\"}",
            "{\"error\":\"empty line\"}",
            "{\"error\":\"more than one JSON value on the line\"}",
            "{\"error\":\"expected a JSON object\"}",
            "{\"error\":\"invalid JSON or UTF-8\"}");
    assertThat(lines.get(9)).startsWith("{\"spans\":[");
    assertThat(result.err())
        .contains(file + ":2: invalid JSON or UTF-8")
        .contains(file + ":9: invalid JSON or UTF-8")
        .contains("detect: 8 of 10 lines rejected")
        .doesNotContain("secret-value")
        .doesNotContain("Exception");
    assertThat(result.out()).doesNotContain("secret-value");
  }

  @Test
  void readsStdinWhenNoFileIsGivenAndAcceptsWindowsLineEnds() {
    InputStream oldIn = System.in;
    try {
      System.setIn(
          new ByteArrayInputStream(
              "{\"text\": \"one\"}\r\n{\"text\": \"two\"}\r\n".getBytes(StandardCharsets.UTF_8)));
      CommandLineTest.Result result = CommandLineTest.run("detect");
      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.out().lines()).hasSize(2).allMatch(l -> l.startsWith("{\"spans\":["));
    } finally {
      System.setIn(oldIn);
    }
  }

  @Test
  void aLineOverTheLimitIsRejectedAndTheNextOneIsRead() throws IOException {
    String atLimit = "{\"text\": \"" + "a".repeat(88) + "\"}"; // 100 bytes
    String overLimit = "{\"text\": \"" + "b".repeat(5000) + "\"}";
    Path file = write(atLimit + "\r\n" + overLimit + "\n" + atLimit + "\n");
    CommandLineTest.Result result =
        CommandLineTest.run("detect", "--max-line-bytes", "100", file.toString());
    assertThat(result.exitCode()).isEqualTo(DetectCommand.SOME_REJECTED);
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("{\"spans\":[");
    assertThat(lines.get(1)).isEqualTo("{\"error\":\"line longer than 100 bytes\"}");
    assertThat(lines.get(2)).startsWith("{\"spans\":[");
    assertThat(result.err()).contains(file + ":2: line longer than 100 bytes");

    assertThat(CommandLineTest.run("detect", "--max-line-bytes", "0", file.toString()).exitCode())
        .isEqualTo(1);
  }

  @Test
  void aMissingFileIsAOneLineError() {
    CommandLineTest.Result result =
        CommandLineTest.run("detect", folder.resolve("absent.jsonl").toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err().strip()).startsWith("casevault: no such file:").doesNotContain("\n");
  }

  private static final String[] VALID_LINES = {
    "{\"text\": \"Mail jane.doe@example.com or call +1 415 555 0100.\"}",
    "{\"id\": 12, \"text\": \"IBAN FR76 3000 6000 0112 3456 7890 189, SSN 123-45-6789\","
        + " \"meta\": [1, {\"a\": null, \"b\": [true, false]}, \"x\"]}",
    "{\"text\": \"caf\\u00e9 \\ud83d\\ude00 at at at @@@ ://\\n\\t 4111 1111 1111 1111\"}",
    "{\"text\": \"\"}",
  };

  /** Random edits of valid lines: byte deletions, insertions, duplications and truncations. */
  private static byte[] mutate(byte[] line, Random random) {
    byte[] pool = "{}[]\":,\\ \r\n\tu0123abcdef@.".getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = line.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      switch (random.nextInt(4)) {
        case 0 -> bytes = splice(bytes, at, Math.min(bytes.length, at + 1), new byte[0]);
        case 1 -> {
          byte inserted =
              random.nextBoolean() ? pool[random.nextInt(pool.length)] : (byte) random.nextInt(256);
          bytes = splice(bytes, at, at, new byte[] {inserted});
        }
        case 2 -> {
          int end = Math.min(bytes.length, at + random.nextInt(8));
          bytes = splice(bytes, at, at, java.util.Arrays.copyOfRange(bytes, at, end));
        }
        default -> bytes = java.util.Arrays.copyOf(bytes, at);
      }
    }
    return bytes;
  }

  private static byte[] splice(byte[] bytes, int from, int to, byte[] insert) {
    byte[] out = new byte[bytes.length - (to - from) + insert.length];
    System.arraycopy(bytes, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(bytes, to, out, from + insert.length, bytes.length - to);
    return out;
  }

  @Test
  void theParserNeverThrowsOnMutatedLines() {
    Random random = new Random(42);
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] line =
          mutate(VALID_LINES[i % VALID_LINES.length].getBytes(StandardCharsets.UTF_8), random);
      DetectCommand.Parsed result = DetectCommand.parse(line, line.length);
      assertThat(result.text() == null).isNotEqualTo(result.error() == null);
      parsed += result.text() != null ? 1 : 0;
    }
    // Some mutations leave valid JSON (an inserted space, a changed digit): both paths are used.
    assertThat(parsed).isBetween(100, 19_900);
  }

  @Test
  void mutatedInputAlwaysGivesOneOutputLinePerInputLine() throws IOException {
    Random random = new Random(7);
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    for (int i = 0; i < 2_000; i++) {
      input.writeBytes(
          mutate(VALID_LINES[i % VALID_LINES.length].getBytes(StandardCharsets.UTF_8), random));
      input.write('\n');
    }
    byte[] bytes = input.toByteArray();
    long inputLines = 0;
    for (byte b : bytes) {
      inputLines += b == '\n' ? 1 : 0;
    }
    Path file = folder.resolve("mutated.jsonl");
    Files.write(file, bytes);
    CommandLineTest.Result result = CommandLineTest.run("detect", file.toString());
    assertThat(result.exitCode()).isIn(0, DetectCommand.SOME_REJECTED);
    assertThat(result.err()).doesNotContain("Exception").doesNotContain("casevault:");
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize((int) inputLines);
    for (String line : lines) {
      try (JsonParser parser = JSON.createParser(line)) {
        assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        assertThat(parser.nextFieldName()).isIn("spans", "error");
      }
    }
  }
}
