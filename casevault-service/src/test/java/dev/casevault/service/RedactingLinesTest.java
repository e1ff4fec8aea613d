package dev.casevault.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.redaction.Detector;
import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.Vault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactingLinesTest {
  /** Finds capitalised "Jane" only where it stands as a word of its own. */
  private static final Detector JANE =
      (text, out) -> {
        for (int t = 0; t < text.tokenCount(); t++) {
          if (text.token(t).equals("Jane")) {
            out.add(new Finding(PiiType.PERSON, text.start(t), text.end(t), 0.9, "test.jane"));
          }
        }
      };

  private static String through(Detector detector, int maxLineBytes, String... writes)
      throws IOException {
    RedactionKeys keys = RedactionKeys.ephemeral();
    Redactor redactor =
        new Redactor(
            new PiiDetector(List.of(detector), 50_000_000L, 0),
            RedactionPolicy.defaults(),
            keys,
            Vault.inMemory(keys));
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    RedactingLines lines = new RedactingLines(target, redactor, maxLineBytes);
    for (String write : writes) {
      lines.write(write.getBytes(StandardCharsets.UTF_8));
    }
    return target.toString(StandardCharsets.UTF_8);
  }

  @Test
  void redactsEachLineEvenAcrossWritesAndAfterJsonEscapes() throws IOException {
    String out = through(JANE, 1000, "{\"text\":\"Hi\\nJa", "ne, bye\"}\n{\"x\":\"Jane\"}\n");
    assertThat(out).doesNotContain("Jane").contains("\\n[PERSON#").hasLineCount(2);
  }

  @Test
  void identityValuesAreReplacedWholeEvenInACutLine() throws IOException {
    Detector none = (text, out) -> {};
    String line =
        "{\"agent\": {\"id\":\"A-1\", \"name\" : \"Kwame \\\"K\\\" King\", \"email\":\"k@x.io\"},"
            + " \"text\":\"name\", \"notes\":[{\"author\":\"Kim Lo\"}], \"ip\":\"10.0.0.1";
    String out = through(none, 1000, line + "\n");
    assertThat(out)
        .doesNotContain("Kwame", "King", "k@x.io", "Kim Lo", "10.0.0.1")
        .contains("\"id\":\"A-1\"", "\"name\" : \"[PERSON#", "\"email\":\"[EMAIL#")
        .contains("\"text\":\"name\"", "\"author\":\"[PERSON#", "\"ip\":\"[IP_ADDRESS#")
        .hasLineCount(1);
  }

  @Test
  void aKeyWithoutAStringValueIsLeftAlone() throws IOException {
    Detector none = (text, out) -> {};
    String line = "{\"name\": 12, \"email\"}, \"phone\":";
    assertThat(through(none, 1000, line + "\n")).isEqualTo(line + "\n");
  }

  @Test
  void anOverlongLineIsNotKept() throws IOException {
    String out = through(JANE, 10, "Jane ".repeat(10) + "\nok\n");
    assertThat(out).isEqualTo(RedactingLines.TOO_LONG_MARKER + "\nok\n");
  }

  @Test
  void aLineDetectionCannotFinishIsNotKept() throws IOException {
    Detector stuck =
        (text, out) -> {
          while (true) {
            text.checkDeadline();
          }
        };
    assertThat(through(stuck, 1000, "Jane\n")).isEqualTo(RedactingLines.UNREDACTABLE_MARKER + "\n");
  }

  @Test
  void blankingKeepsLengthsSoOffsetsStillFit() {
    String raw = "a\\nb\\\"c\\u00e9";
    assertThat(RedactingLines.blankJsonEscapes(raw))
        .hasSize(raw.length())
        .isEqualTo("a  b  c\\u00e9");
  }
}
