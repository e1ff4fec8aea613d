package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.casevault.corpus.CorpusGenerator;
import dev.casevault.corpus.GeneratedCase;
import dev.casevault.corpus.PlantedValue;
import dev.casevault.json.CaseJsonWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: exit codes, stdout, stderr. */
class CommandLineTest {
  @TempDir Path folder;

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Result(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private Path corpus(int cases) throws IOException {
    Path file = folder.resolve("cases.jsonl");
    CorpusGenerator generator = new CorpusGenerator(5);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < cases; i++) {
      lines.append(CaseJsonWriter.toJson(generator.generate(i).supportCase())).append('\n');
    }
    Files.writeString(file, lines);
    return file;
  }

  @Test
  void ingestSearchShowAndStatsWorkTogether() throws IOException {
    Path data = folder.resolve("data");
    Result ingest = run("ingest", corpus(300).toString(), "--data", data.toString(), "--json");
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    Map<String, Object> summary = jsonObject(ingest.out());
    assertThat(summary).containsEntry("accepted", 300L).containsEntry("rejected", 0L);
    assertThat(summary.get("seconds")).isInstanceOf(Double.class);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .isEqualTo("rwx------");

    Result search =
        run(
            "search",
            "",
            "--data",
            data.toString(),
            "--facets",
            "status,language",
            "--size",
            "5",
            "--json");
    assertThat(search.exitCode()).as(search.err()).isZero();
    Map<String, Object> result = jsonObject(search.out());
    assertThat(result).containsEntry("total", 300L).containsKeys("hits", "facets", "next");
    assertThat(result.get("next")).isNotNull();

    String id = new CorpusGenerator(5).generate(0).supportCase().id().value();
    Result show = run("show", id, "--data", data.toString(), "--json");
    assertThat(show.exitCode()).isZero();
    GeneratedCase generated = new CorpusGenerator(5).generate(0);
    assertThat(show.out()).contains("\"id\":\"" + id + "\"").contains("\"name\":\"PERSON#");
    for (PlantedValue planted : generated.planted()) {
      assertThat(show.out()).as(planted.type()).doesNotContain(planted.value());
    }

    Result missing = run("show", "CASE-0000-missing", "--data", data.toString());
    assertThat(missing.exitCode()).isEqualTo(ShowCommand.NOT_FOUND);

    Result stats = run("stats", "--data", data.toString());
    assertThat(stats.exitCode()).isZero();
    assertThat(stats.out()).contains("cases           300");
  }

  @Test
  void ingestReportsBadLinesAndExitsNonZeroButKeepsTheGoodOnes() throws IOException {
    Path data = folder.resolve("data");
    Path file = corpus(3);
    Files.writeString(file, "{not json\n", java.nio.file.StandardOpenOption.APPEND);
    Result ingest = run("ingest", file.toString(), "--data", data.toString());
    assertThat(ingest.exitCode()).isEqualTo(IngestCommand.SOME_REJECTED);
    assertThat(ingest.err()).contains(file + ":4: invalid JSON");
    assertThat(ingest.out()).contains("accepted 3 cases, rejected 1 lines");
    Path rejects;
    try (var files = Files.list(data.resolve("rejects"))) {
      rejects = files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
    assertThat(Files.readString(rejects)).isEqualTo("{not json\n");
    assertThat(Files.readString(rejects.resolveSibling(rejects.getFileName() + ".errors")))
        .startsWith(file + ":4: invalid JSON");
  }

  @Test
  void anExistingRejectFileIsNeverReused() throws IOException {
    Path existing = folder.resolve("old-rejects.jsonl");
    Files.writeString(existing, "someone else's data\n");
    Result ingest =
        run(
            "ingest",
            corpus(2).toString(),
            "--data",
            folder.resolve("d").toString(),
            "--rejects",
            existing.toString());
    assertThat(ingest.exitCode()).isEqualTo(1);
    assertThat(ingest.err()).contains("already exists");
    assertThat(Files.readString(existing)).isEqualTo("someone else's data\n");
  }

  @Test
  void errorsAreOneLineWithoutAStackTrace() {
    Result noIndex = run("search", "printer", "--data", folder.resolve("nothing").toString());
    assertThat(noIndex.exitCode()).isEqualTo(1);
    assertThat(noIndex.err().strip())
        .startsWith("casevault: no data directory")
        .doesNotContain("\n");

    Result badQuery = run("search", "(printer", "--data", folder.toString());
    assertThat(badQuery.err()).doesNotContain("Exception").doesNotContain("\tat ");

    Result missingFile =
        run(
            "ingest",
            folder.resolve("absent.jsonl").toString(),
            "--data",
            folder.resolve("d").toString());
    assertThat(missingFile.exitCode()).isEqualTo(1);
    assertThat(missingFile.err()).contains("absent.jsonl").doesNotContain("\tat ");
  }

  @Test
  void queryErrorsNameThePosition() throws IOException {
    Path data = folder.resolve("data");
    run("ingest", corpus(5).toString(), "--data", data.toString());
    Result bad = run("search", "status:open AND (printer", "--data", data.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).startsWith("casevault: at ");
  }

  @Test
  void everyCommandHasHelp() {
    Result top = run("--help");
    assertThat(top.exitCode()).isZero();
    for (String command :
        List.of(
            "audit",
            "demo",
            "export",
            "generate",
            "incident",
            "ingest",
            "migrate",
            "search",
            "show",
            "stats")) {
      assertThat(top.out()).contains(command);
      Result help = run(command, "--help");
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains("Usage: casevault " + command);
    }
  }

  static Map<String, Object> jsonObject(String text) throws IOException {
    Map<String, Object> values = new HashMap<>();
    try (JsonParser json = new JsonFactory().createParser(text)) {
      assertThat(json.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken token = json.nextToken();
        values.put(
            name,
            switch (token) {
              case VALUE_NUMBER_INT -> json.getLongValue();
              case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
              case VALUE_STRING -> json.getText();
              case VALUE_NULL -> null;
              default -> {
                json.skipChildren();
                yield token.name();
              }
            });
      }
      assertThat(json.nextToken()).as("one object only").isNull();
    }
    return values;
  }
}
