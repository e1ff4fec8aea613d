package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEvents;
import dev.casevault.audit.AuditTrail;
import dev.casevault.corpus.CorpusGenerator;
import dev.casevault.json.CaseJsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command that prints case data records the read in the data directory's audit log before it
 * prints: the commands are enumerated from the command line itself, so a new reading command
 * without a check here fails this test.
 */
class AuditedCommandsTest {
  @TempDir Path folder;
  Path data;
  String firstId;

  /** Commands that print no case data (they may ingest, serve, or read the audit log). */
  static final Set<String> NO_CASE_DATA =
      Set.of(
          "audit", // reads the audit log, recording that it does (AuditCommandTest)
          "audit-config", // reads configuration files and settings, never cases
          "demo", // runs search and show themselves, then serve
          "detect",
          "doctor",
          "eval-redaction",
          "generate",
          "help",
          "incident", // reads the audit log, recording that it does (AuditCommandTest)
          "ingest",
          "migrate", // prints ids only; each page it copies is recorded (MigrateCommandTest)
          "policy",
          "scan", // probes other hosts' stores; never opens the data directory
          "serve",
          "stats");

  static final Map<String, AuditAction> READING_COMMANDS =
      Map.of("search", AuditAction.SEARCH, "show", AuditAction.READ, "export", AuditAction.EXPORT);

  @BeforeEach
  void ingest() throws IOException {
    Path corpus = folder.resolve("cases.jsonl");
    CorpusGenerator generator = new CorpusGenerator(11);
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 30; i++) {
      lines.append(CaseJsonWriter.toJson(generator.generate(i).supportCase())).append('\n');
    }
    Files.writeString(corpus, lines);
    firstId = generator.generate(0).supportCase().id().value();
    data = folder.resolve("data");
    CommandLineTest.Result ingest =
        CommandLineTest.run("ingest", corpus.toString(), "--data", data.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
  }

  @Test
  void everyCommandThatPrintsCaseDataRecordsTheReadFirst() throws IOException {
    Set<String> commands = new TreeSet<>(new CommandLine(new Main()).getSubcommands().keySet());
    Set<String> expected = new TreeSet<>(NO_CASE_DATA);
    expected.addAll(READING_COMMANDS.keySet());
    assertThat(commands).as("commands").isEqualTo(expected);

    List<AuditEvent> before = events(data);
    assertThat(before).extracting(AuditEvent::action).containsExactly(AuditAction.INGEST);
    Path exported = folder.resolve("out.jsonl");
    Map<String, String[]> runs =
        Map.of(
            "search", new String[] {"search", "", "--size", "5", "--data", data.toString()},
            "show", new String[] {"show", firstId, "--data", data.toString()},
            "export",
                new String[] {"export", "--out", exported.toString(), "--data", data.toString()});
    String user = System.getProperty("user.name");
    for (Map.Entry<String, AuditAction> command : READING_COMMANDS.entrySet()) {
      int seen = events(data).size();
      CommandLineTest.Result result = CommandLineTest.run(runs.get(command.getKey()));
      assertThat(result.exitCode()).as(command.getKey() + ": " + result.err()).isZero();
      List<AuditEvent> recorded = events(data).subList(seen, events(data).size());
      assertThat(recorded).as(command.getKey()).hasSize(1);
      AuditEvent event = recorded.getFirst();
      assertThat(event.action()).isEqualTo(command.getValue());
      assertThat(event.actor().id()).isEqualTo("local:" + user);
      assertThat(event.actor().method()).isEqualTo("os");
      switch (command.getKey()) {
        case "search" -> assertThat(event.target().cases()).hasSize(5);
        case "show" -> assertThat(event.target().cases()).containsExactly(firstId);
        case "export" -> {
          assertThat(event.target().cases()).hasSize(30);
          assertThat(Files.readAllLines(exported)).hasSize(30);
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(exported)))
              .isEqualTo("rw-------");
          assertThat(result.err()).contains("exported 30 cases").contains("audit receipt index=");
        }
        default -> throw new AssertionError(command.getKey());
      }
    }
    CommandLineTest.Result again =
        CommandLineTest.run("export", "--out", exported.toString(), "--data", data.toString());
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.err()).contains("export never overwrites a file");
  }

  @Test
  void whileAnotherProcessHoldsTheLogNothingIsRead() throws IOException {
    try (AuditTrail held = AuditTrail.open(data.resolve("audit"), Clock.systemUTC())) {
      long size = held.log().size();
      CommandLineTest.Result search =
          CommandLineTest.run("search", "", "--data", data.toString(), "--json");
      assertThat(search.exitCode()).isNotZero();
      assertThat(search.out()).isEmpty();
      assertThat(search.err()).contains("in use by another casevault process");
      assertThat(search.err()).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(held.log().size()).isEqualTo(size);
    }
  }

  static List<AuditEvent> events(Path dataDir) throws IOException {
    return AuditEvents.readAll(dataDir.resolve("audit"));
  }
}
