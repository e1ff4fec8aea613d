package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.casevault.corpus.CorpusWriter;
import dev.casevault.redaction.Detector;
import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import dev.casevault.redaction.ScanText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvalRedactionCommandTest {
  @TempDir Path folder;

  private static final String TINY_PRESIDIO =
      """
      [{"full_text": "Write to ann.lee@example.org or visit 12 Elm Road, apt 4\\nSpringfield\\n 90210. Acme Corp, Paris.",
        "spans": [
          {"entity_type": "EMAIL_ADDRESS", "start_position": 9, "end_position": 28},
          {"entity_type": "ADDRESS", "start_position": 38, "end_position": 49},
          {"entity_type": "ADDRESS", "start_position": 51, "end_position": 56},
          {"entity_type": "LOCATION", "start_position": 57, "end_position": 68},
          {"entity_type": "ADDRESS", "start_position": 70, "end_position": 75},
          {"entity_type": "ORGANIZATION", "start_position": 77, "end_position": 86},
          {"entity_type": "LOCATION", "start_position": 88, "end_position": 93}]}]
      """;

  private static final String TINY_CASES =
      """
      {"id":"CASE-2020-0000001","customer":{"id":"C-1","name":"Ann Lee","email":"ann.lee@example.org"},"subject":"Printer jams","description":"Please reply to ann.lee@example.org, thanks.","messages":[{"at":"2020-01-01T10:00:00Z","from":"customer","text":"Call me on +1 415 555 0100 today."},{"at":"2020-01-01T11:00:00Z","from":"agent","text":"Will do."}],"notes":[{"author":"Bob Stone","text":"Customer is Ann Lee."}]}
      {"id":"CASE-2020-0000002","subject":"Order 123-4567 late","description":"Nothing personal.","messages":[],"notes":[]}
      """;

  private static final String TINY_TRUTH =
      """
      {"case":"CASE-2020-0000001","field":"customer.name","type":"PERSON","start":0,"end":7,"value":"Ann Lee"}
      {"case":"CASE-2020-0000001","field":"customer.email","type":"EMAIL","start":0,"end":19,"value":"ann.lee@example.org"}
      {"case":"CASE-2020-0000001","field":"description","type":"EMAIL","start":16,"end":35,"value":"ann.lee@example.org"}
      {"case":"CASE-2020-0000001","field":"messages[0].text","type":"PHONE","start":11,"end":26,"value":"+1 415 555 0100"}
      {"case":"CASE-2020-0000001","field":"notes[0].author","type":"PERSON","start":0,"end":9,"value":"Bob Stone"}
      {"case":"CASE-2020-0000001","field":"notes[0].text","type":"PERSON","start":12,"end":19,"value":"Ann Lee"}
      """;

  /**
   * A fake detector with known output: an EMAIL around every '@', a US_SSN on every digit run of 4
   * or 5 digits, a PERSON on the word "Acme".
   */
  private static PiiDetector fake() {
    Detector detector =
        (ScanText text, List<Finding> out) -> {
          for (int i = 0; i < text.atSignCount(); i++) {
            int start = text.atSign(i);
            int end = text.atSign(i) + 1;
            while (start > 0 && isEmailChar(text.charAt(start - 1))) {
              start--;
            }
            while (end < text.length() && isEmailChar(text.charAt(end))) {
              end++;
            }
            while (text.charAt(end - 1) == '.') {
              end--;
            }
            out.add(new Finding(PiiType.EMAIL, start, end, 0.9, "fake.email"));
          }
          for (int t = 0; t < text.tokenCount(); t++) {
            if (text.isDigits(t) && (text.tokenLength(t) == 4 || text.tokenLength(t) == 5)) {
              out.add(new Finding(PiiType.US_SSN, text.start(t), text.end(t), 0.5, "fake.ssn"));
            } else if (text.tokenIs(t, "acme")) {
              out.add(new Finding(PiiType.PERSON, text.start(t), text.end(t), 0.5, "fake.person"));
            }
          }
        };
    return new PiiDetector(List.of(detector), 10_000_000_000L, 0);
  }

  private static boolean isEmailChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.';
  }

  private static CommandLineTest.Result runWithFake(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code =
          new CommandLine(new EvalRedactionCommand(EvalRedactionCommandTest::fake)).execute(args);
      return new CommandLineTest.Result(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void scoresAPresidioFileWithKnownNumbers() throws IOException {
    Path file = folder.resolve("set.json");
    Files.writeString(file, TINY_PRESIDIO);
    CommandLineTest.Result result = runWithFake(file.toString(), "--errors", "5");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("1 samples; 3 ADDRESS fragments merged into 1 addresses")
        .contains("labels not scored: LOCATION 1, ORGANIZATION 1")
        // The email is found; "90210" as an SSN is wrong and the address is missed;
        // "Acme" as a person lies over an organisation, which is not scored.
        .containsPattern("EMAIL +1 +1 +1 +0 +0 +1\\.000 +1\\.000 +1\\.000")
        .containsPattern("US_SSN +0 +1 +0 +1 +0 +0\\.000 +- +-")
        .containsPattern("STREET_ADDRESS +1 +0 +0 +0 +1 +- +0\\.000 +-")
        .containsPattern("any type +2 +2 +1 +1 +1 +0\\.500 +0\\.500 +0\\.500")
        .contains("predictions over labels not scored: 1")
        .contains("Errors (quoting the evaluation data's text")
        .contains(
            "miss           STREET_ADDRESS  sample 0 full_text [38, 75); nearest US_SSN [70, 75)")
        .contains("false positive US_SSN          sample 0 full_text [70, 75) rule fake.ssn");
  }

  @Test
  void scoresAGeneratedCorpusFreeTextOnlyWithKnownNumbers() throws IOException {
    Path cases = folder.resolve("cases.jsonl");
    Files.writeString(cases, TINY_CASES);
    Files.writeString(folder.resolve("cases.jsonl.truth.jsonl"), TINY_TRUTH);
    CommandLineTest.Result result = runWithFake(cases.toString(), "--json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    Map<String, Object> report = json(result.out());
    assertThat(report).containsEntry("format", "truth");
    assertThat(report.get("dataset"))
        .isEqualTo(
            Map.of("cases", 2L, "texts", 7L, "scoredTruthRows", 3L, "identityTruthRows", 3L));
    Map<?, ?> types = (Map<?, ?>) report.get("types");
    assertThat(List.copyOf(types.keySet()))
        .isEqualTo(List.of("PERSON", "EMAIL", "PHONE", "US_SSN"));
    assertThat(types.get("EMAIL")).isEqualTo(score(1, 1, 1, 0, 0, 1.0, 1.0, 1.0));
    // "0100" inside the phone number and "4567" in the order number.
    assertThat(types.get("US_SSN")).isEqualTo(score(0, 2, 0, 2, 0, 0.0, null, null));
    assertThat(types.get("PHONE")).isEqualTo(score(1, 0, 0, 0, 1, null, 0.0, null));
    double p = 1.0 / 3;
    double r = 1.0 / 3;
    assertThat(report.get("anyType"))
        .isEqualTo(score(3, 3, 1, 2, 2, p, r, 5 * p * r / (4 * p + r)));
    assertThat(report).containsEntry("texts", 7L).containsEntry("errors", List.of());
  }

  private static Map<String, Object> score(
      long gold, long predicted, long tp, long fp, long fn, Double p, Double r, Double f2) {
    Map<String, Object> score = new LinkedHashMap<>();
    score.put("gold", gold);
    score.put("predicted", predicted);
    score.put("tp", tp);
    score.put("fp", fp);
    score.put("fn", fn);
    score.put("precision", p);
    score.put("recall", r);
    score.put("f2", f2);
    return score;
  }

  @Test
  void scoresAFreshGeneratedCorpusWithTheRealDetector() throws IOException {
    Path cases = folder.resolve("corpus.jsonl");
    Path truth = folder.resolve("corpus.jsonl.truth.jsonl");
    CorpusWriter.write(3, 60, cases, truth, done -> {});
    long freeTextRows = 0;
    long identityRows = 0;
    for (String line : Files.readAllLines(truth)) {
      Map<String, Object> row = json(line);
      String field = (String) row.get("field");
      if (field.equals("subject")
          || field.equals("description")
          || field.matches("(messages|notes)\\[\\d+]\\.text")) {
        freeTextRows++;
      } else {
        identityRows++;
      }
    }
    CommandLineTest.Result result =
        CommandLineTest.run("eval-redaction", cases.toString(), "--json");
    assertThat(result.exitCode()).as(result.err()).isZero();
    Map<String, Object> report = json(result.out());
    Map<?, ?> dataset = (Map<?, ?>) report.get("dataset");
    assertThat(dataset.get("cases")).isEqualTo(60L);
    assertThat(dataset.get("scoredTruthRows")).isEqualTo(freeTextRows);
    assertThat(dataset.get("identityTruthRows")).isEqualTo(identityRows);
    long gold = 0;
    for (Object value : ((Map<?, ?>) report.get("types")).values()) {
      Map<?, ?> score = (Map<?, ?>) value;
      gold += (Long) score.get("gold");
      assertThat((Long) score.get("tp") + (Long) score.get("fn")).isEqualTo(score.get("gold"));
      assertThat((Long) score.get("tp") + (Long) score.get("fp")).isEqualTo(score.get("predicted"));
    }
    assertThat(gold).isEqualTo(freeTextRows);
    assertThat(((Map<?, ?>) report.get("anyType")).get("gold")).isEqualTo(freeTextRows);
    assertThat(report.get("failedTexts")).isEqualTo(0L);

    CommandLineTest.Result text = CommandLineTest.run("eval-redaction", cases.toString());
    assertThat(text.out())
        .contains("Generated corpus")
        .contains("any type")
        .contains("characters/s");
  }

  @Test
  void explainsWhatIsWrongInOneLine() throws IOException {
    Path cases = folder.resolve("cases.jsonl");
    Files.writeString(cases, TINY_CASES);
    CommandLineTest.Result noTruth = CommandLineTest.run("eval-redaction", cases.toString());
    assertThat(noTruth.exitCode()).isEqualTo(1);
    assertThat(noTruth.err().strip())
        .startsWith("casevault: no ground truth " + cases + ".truth.jsonl")
        .doesNotContain("\n");

    Path truth = folder.resolve("other-truth.jsonl");
    Files.writeString(
        truth, TINY_TRUTH.replace("\"start\":16,\"end\":35", "\"start\":15,\"end\":34"));
    CommandLineTest.Result mismatch =
        CommandLineTest.run("eval-redaction", cases.toString(), "--truth", truth.toString());
    assertThat(mismatch.exitCode()).isEqualTo(1);
    assertThat(mismatch.err())
        .contains("truth line 3: the value does not match description of case CASE-2020-0000001")
        .doesNotContain("ann.lee");

    CommandLineTest.Result badFormat =
        CommandLineTest.run("eval-redaction", cases.toString(), "--format", "csv");
    assertThat(badFormat.err().strip())
        .isEqualTo("casevault: --format: expected presidio or truth");
  }

  /** A JSON value as maps, lists, strings, longs, doubles, booleans and nulls. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) throws IOException {
    try (JsonParser parser = new JsonFactory().createParser(text)) {
      parser.nextToken();
      return (Map<String, Object>) value(parser);
    }
  }

  private static Object value(JsonParser parser) throws IOException {
    return switch (parser.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.put(name, value(parser));
        }
        yield object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser));
        }
        yield array;
      }
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_STRING -> parser.getText();
      case VALUE_TRUE, VALUE_FALSE -> parser.getBooleanValue();
      default -> null;
    };
  }
}
