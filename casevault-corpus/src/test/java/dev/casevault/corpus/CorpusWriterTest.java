package dev.casevault.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.json.CaseJsonWriter;
import dev.casevault.json.CaseLimits;
import dev.casevault.json.CaseLineReader;
import dev.casevault.json.ParsedLine;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusWriterTest {
  private static final long SEED = 7_531_246L;

  @TempDir Path folder;

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws IOException {
    Path[] first = write(SEED, 2000, "first");
    Path[] again = write(SEED, 2000, "again");
    Path[] other = write(SEED + 1, 2000, "other");

    assertThat(Files.mismatch(first[0], again[0])).as("cases, seed %d", SEED).isEqualTo(-1L);
    assertThat(Files.mismatch(first[1], again[1])).as("truth, seed %d", SEED).isEqualTo(-1L);
    assertThat(Files.mismatch(first[0], other[0])).isNotEqualTo(-1L);
    assertThat(Files.mismatch(first[1], other[1])).isNotEqualTo(-1L);
  }

  @Test
  void aChunkedParallelWriteEqualsSequentialGeneration() throws IOException {
    long cases = 2L * CorpusWriter.CHUNK + 357;
    Path out = folder.resolve("cases.jsonl");
    Path truth = folder.resolve("cases.jsonl.truth.jsonl");
    List<Long> progress = new ArrayList<>();
    CorpusWriter.Summary summary = CorpusWriter.write(SEED, cases, out, truth, progress::add);

    Path expected = folder.resolve("sequential.jsonl");
    CorpusGenerator generator = new CorpusGenerator(SEED);
    List<PlantedValue> expectedTruth = new ArrayList<>();
    List<String> expectedCaseOfTruth = new ArrayList<>();
    try (OutputStream sequential = Files.newOutputStream(expected)) {
      for (long i = 0; i < cases; i++) {
        GeneratedCase generated = generator.generate(i);
        CaseJsonWriter.writeLine(generated.supportCase(), sequential);
        for (PlantedValue value : generated.planted()) {
          expectedTruth.add(value);
          expectedCaseOfTruth.add(generated.supportCase().id().value());
        }
      }
    }
    assertThat(Files.mismatch(out, expected)).as("seed %d", SEED).isEqualTo(-1L);

    List<String> truthLines = Files.readAllLines(truth, StandardCharsets.UTF_8);
    assertThat(truthLines).hasSize(expectedTruth.size());
    for (int i = 0; i < truthLines.size(); i++) {
      Map<String, Object> line = Json.object(truthLines.get(i));
      PlantedValue value = expectedTruth.get(i);
      assertThat(line)
          .as("truth line %d", i + 1)
          .containsExactlyEntriesOf(
              orderedMap(
                  "case", expectedCaseOfTruth.get(i),
                  "field", value.field(),
                  "type", value.type(),
                  "start", (long) value.start(),
                  "end", (long) value.end(),
                  "value", value.value()));
    }
    assertThat(summary.cases()).isEqualTo(cases);
    assertThat(summary.bytes()).isEqualTo(Files.size(out));
    assertThat(summary.plantedValues()).isEqualTo(expectedTruth.size());
    assertThat(summary.seconds()).isPositive();
    assertThat(progress).isSorted().endsWith(cases).hasSize(3);
  }

  @Test
  void everyTruthOffsetPointsAtItsValueInTheWrittenJson() throws IOException {
    int cases = 20_000;
    Path[] files = write(SEED, cases, "offsets");
    Set<String> ids = new HashSet<>();
    long checked = 0;
    try (BufferedReader caseLines = Files.newBufferedReader(files[0], StandardCharsets.UTF_8);
        BufferedReader truthLines = Files.newBufferedReader(files[1], StandardCharsets.UTF_8)) {
      // Both files are in case order, so they can be read side by side in constant memory.
      Map<String, Object> truth = next(truthLines);
      for (String line = caseLines.readLine(); line != null; line = caseLines.readLine()) {
        Map<String, Object> supportCase = Json.object(line);
        String id = (String) supportCase.get("id");
        assertThat(ids.add(id)).as("id %s is unique, seed %d", id, SEED).isTrue();
        while (truth != null && truth.get("case").equals(id)) {
          String field = (String) truth.get("field");
          Object text = Json.at(supportCase, field);
          assertThat(text).as("%s of %s", field, id).isInstanceOf(String.class);
          int start = ((Long) truth.get("start")).intValue();
          int end = ((Long) truth.get("end")).intValue();
          assertThat(start).isNotNegative().isLessThan(end);
          assertThat(end).isLessThanOrEqualTo(((String) text).length());
          assertThat(((String) text).substring(start, end))
              .as("%s of %s [%d, %d)", field, id, start, end)
              .isEqualTo(truth.get("value"));
          assertThat(PlantedValue.TYPES).contains((String) truth.get("type"));
          checked++;
          truth = next(truthLines);
        }
      }
      assertThat(truth).as("truth for a case that is not in the corpus").isNull();
    }
    assertThat(ids).hasSize(cases);
    assertThat(checked).isGreaterThan(cases * 5L);
  }

  @Test
  void everyLineIsOneCaseTheStrictReaderAccepts() throws IOException {
    Path[] files = write(SEED, 3000, "strict");
    byte[] bytes = Files.readAllBytes(files[0]);
    assertThat(bytes[bytes.length - 1]).isEqualTo((byte) '\n');
    int accepted = 0;
    try (CaseLineReader reader =
        new CaseLineReader(new ByteArrayInputStream(bytes), CaseLimits.defaults(), null)) {
      for (ParsedLine line = reader.next(); line != null; line = reader.next()) {
        assertThat(line).as("line %d", line.lineNumber()).isInstanceOf(ParsedLine.Accepted.class);
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(3000);
    for (String line : Files.readAllLines(files[0], StandardCharsets.UTF_8)) {
      assertThat(Json.parse(line)).isInstanceOf(Map.class);
    }
  }

  @Test
  void noCasesWritesEmptyFiles() throws IOException {
    Path[] files = write(SEED, 0, "empty");
    assertThat(files[0]).isEmptyFile();
    assertThat(files[1]).isEmptyFile();
  }

  @Test
  void aNegativeNumberOfCasesIsRefused() {
    assertThatThrownBy(
            () -> CorpusWriter.write(SEED, -1, folder.resolve("a"), folder.resolve("b"), n -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private Path[] write(long seed, long cases, String name) throws IOException {
    Path out = folder.resolve(name + ".jsonl");
    Path truth = folder.resolve(name + ".jsonl.truth.jsonl");
    CorpusWriter.write(seed, cases, out, truth, n -> {});
    return new Path[] {out, truth};
  }

  private static Map<String, Object> next(BufferedReader lines) throws IOException {
    String line = lines.readLine();
    return line == null ? null : Json.object(line);
  }

  private static Map<String, Object> orderedMap(Object... entries) {
    Map<String, Object> map = new java.util.LinkedHashMap<>();
    for (int i = 0; i < entries.length; i += 2) {
      map.put((String) entries[i], entries[i + 1]);
    }
    return map;
  }
}
