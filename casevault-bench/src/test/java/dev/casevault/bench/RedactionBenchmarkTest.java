package dev.casevault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.casevault.core.Language;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedactionBenchmarkTest {
  @Test
  void textsReachTheirSizeInBothLanguagesAndAreTheSameForTheSameSeed() {
    Map<Language, List<String>> texts = RedactionBenchmark.texts(3, 20_000);
    for (Language language : Language.values()) {
      assertThat(
              String.join("", texts.get(language))
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .hasSizeGreaterThanOrEqualTo(20_000);
    }
    assertThat(RedactionBenchmark.texts(3, 20_000)).isEqualTo(texts);
  }

  @Test
  void aSmokeRunWritesValidJsonWithEveryContender(@TempDir Path folder) throws Exception {
    Path out = folder.resolve("results/redaction.json");
    RedactionBenchmark.run(5_000, 1, 1, out);

    List<String> fields = new ArrayList<>();
    try (JsonParser json = new JsonFactory().createParser(out.toFile())) {
      for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
        if (token == JsonToken.FIELD_NAME) {
          fields.add(json.currentName());
        }
      }
    }
    assertThat(fields)
        .contains("commit", "machine", "cores", "en", "fr", "medianMegabytesPerSecond")
        .contains("medianMegabytesPerCpuSecond")
        .contains("scan", "patterns", "standard", "regexPatterns", "regexWhole")
        .contains("findingsPerMegabyte");
    assertThat(Files.readString(out)).contains("\"benchmark\" : \"redaction\"");
  }
}
