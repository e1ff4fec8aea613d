package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.audit.Actor;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEvents;
import dev.casevault.audit.AuditTarget;
import dev.casevault.audit.AuditTrail;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit and incident commands as a user runs them: exit codes, stdout, stderr. */
class AuditCommandTest {
  static final Instant T0 = Instant.parse("2026-01-10T09:00:00Z");

  @TempDir Path folder;
  Path data;
  Path audit;

  /** The commands under a root like Main's, with Main's handling of errors. */
  static CommandLineTest.Result run(String... args) {
    return CommandLineTest.run(args);
  }

  /** A clock at a fixed instant, so events land where the test wants them. */
  static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  static Actor user(String name) {
    return new Actor("user:" + name, "session", List.of("agent"), "192.0.2.7", "Mozilla/5.0");
  }

  static AuditEvent read(Actor actor, AuditAction action, String caseId, String customer) {
    return AuditEvent.of(action, AuditEvent.Outcome.SUCCESS, actor, "3")
        .withTarget(AuditTarget.NONE.withCases(List.of(caseId), List.of(customer)));
  }

  /** Records each event at T0 + its position in minutes. */
  void record(AuditEvent... events) throws IOException {
    for (int i = 0; i < events.length; i++) {
      try (AuditTrail trail = AuditTrail.open(audit, at(T0.plusSeconds(60L * i)))) {
        trail.record(events[i]);
      }
    }
  }

  @BeforeEach
  void writeLog() throws IOException {
    data = folder.resolve("data");
    Files.createDirectories(
        data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    audit = data.resolve("audit");
    record(
        read(user("alice"), AuditAction.READ, "CASE-1", "tok-a"),
        read(user("alice"), AuditAction.SEARCH, "CASE-2", "tok-b"),
        read(user("bob"), AuditAction.REVEAL, "CASE-2", "tok-b"),
        AuditEvent.of(AuditAction.ACCESS_DENIED, AuditEvent.Outcome.DENIED, user("bob"), "3")
            .withTarget(AuditTarget.NONE.withCases(List.of("CASE-9"), List.of()))
            .withReason("outside the scope"));
  }

  static List<JsonNode> jsonLines(String text) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        lines.add(mapper.readTree(line));
      }
    }
    return lines;
  }

  /** The events of the log, read directly. */
  List<AuditEvent> events() throws IOException {
    List<AuditEvent> events = new ArrayList<>();
    try (AuditEvents reader = AuditEvents.open(audit)) {
      for (AuditEvents.Entry e = reader.next(); e != null; e = reader.next()) {
        events.add(e.event());
      }
    }
    return events;
  }

  @Test
  void verifyReportsAnIntactLogAndRecordsNothing() throws IOException {
    CommandLineTest.Result result = run("audit", "verify", "--data", data.toString());
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("entries            4\n")
        .contains("checkpointed size  4\n")
        .contains("verifier key       casevault/")
        .containsPattern("\nOK: 4 entries in ");
    assertThat(result.out()).doesNotContain("warning").doesNotContain("error");
    assertThat(events()).hasSize(4);
  }

  @Test
  void verifyNamesTheFirstBadEntryAndExitsOne() throws IOException {
    Path entries = audit.resolve("entries");
    byte[] bytes = Files.readAllBytes(entries);
    int second = 4 + ByteBuffer.wrap(bytes).getInt(0);
    bytes[second + 4 + 20] ^= 1;
    Files.write(entries, bytes);
    CommandLineTest.Result result = run("audit", "verify", "--data", data.toString());
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out())
        .contains("error: ")
        .contains("first bad entry    1\n")
        .containsPattern("\nNOT OK, \\d+ error\\(s\\): 4 entries");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void aSavedCheckpointIsTrustedLaterAndRecordsNothing() throws IOException {
    CommandLineTest.Result checkpoint = run("audit", "checkpoint", "--data", data.toString());
    assertThat(checkpoint.exitCode()).as(checkpoint.err()).isZero();
    String origin = Files.readString(audit.resolve("origin")).strip();
    assertThat(checkpoint.out())
        .startsWith(origin + "\n4\n")
        .contains("\n\n\u2014 " + origin + " ");
    assertThat(checkpoint.err())
        .contains("covering 4 entries")
        .contains("verifier key: " + Files.readString(audit.resolve("keys/verifier-key")).strip());
    Path saved = folder.resolve("checkpoint.txt");
    Files.writeString(saved, checkpoint.out());
    assertThat(events()).hasSize(4);

    try (AuditTrail trail = AuditTrail.open(audit, at(T0.plusSeconds(3600)))) {
      trail.record(read(user("carol"), AuditAction.READ, "CASE-5", "tok-e"));
    }
    CommandLineTest.Result verify =
        run("audit", "verify", "--data", data.toString(), "--trusted-checkpoint", saved.toString());
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out()).contains("entries            5\n").contains("trusted checkpoint");

    Files.writeString(saved, checkpoint.out().replace("\n4\n", "\n3\n"));
    CommandLineTest.Result forged =
        run("audit", "verify", "--data", data.toString(), "--trusted-checkpoint", saved.toString());
    assertThat(forged.exitCode()).isEqualTo(1);
    assertThat(forged.out()).contains("error: the trusted checkpoint is not valid");
  }

  @Test
  void searchFiltersRecordsTheReadAndPrintsEachFormat() throws IOException {
    CommandLineTest.Result text =
        run(
            "audit",
            "search",
            "--data",
            data.toString(),
            "--principal",
            "user:alice",
            "--since",
            "2026-01-10",
            "--until",
            "2026-01-11");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .startsWith(
            "#0  2026-01-10T09:00:00Z  case.read success  user:alice (session, 192.0.2.7)  cases"
                + " CASE-1  customers tok-a\n"
                + "#1  2026-01-10T09:01:00Z  case.search success  user:alice")
        .endsWith("2 of 2 matching events (5 entries read)\n");

    // The search itself was recorded first, by the data directory's owner, with its filters.
    AuditEvent recorded = events().get(4);
    assertThat(recorded.action()).isEqualTo(AuditAction.AUDIT_READ);
    assertThat(recorded.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
    assertThat(recorded.actor()).isEqualTo(Actor.localOwner());
    assertThat(recorded.target().details())
        .containsEntry("command", "audit search")
        .containsEntry("principal", "user:alice")
        .containsEntry("since", "2026-01-10T00:00:00Z")
        .containsEntry("until", "2026-01-11T00:00:00Z")
        .containsEntry("format", "text");

    CommandLineTest.Result json =
        run(
            "audit",
            "search",
            "--data",
            data.toString(),
            "--action",
            "case.reveal,ACCESS_DENIED",
            "--format",
            "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    List<JsonNode> lines = jsonLines(json.out());
    assertThat(lines).extracting(l -> l.path("index").asLong()).containsExactly(2L, 3L);
    assertThat(lines.get(1).path("event").path("reason").asText()).isEqualTo("outside the scope");
    assertThat(lines.get(1).path("event").path("v").asInt()).isEqualTo(1);

    CommandLineTest.Result ocsf =
        run("audit", "search", "--data", data.toString(), "--case", "CASE-2", "--format", "ocsf");
    assertThat(ocsf.exitCode()).as(ocsf.err()).isZero();
    assertThat(jsonLines(ocsf.out()))
        .extracting(l -> l.path("type_uid").asLong())
        .containsExactly(600504L, 600510L);

    CommandLineTest.Result limited =
        run("audit", "search", "--data", data.toString(), "--limit", "1");
    assertThat(limited.out()).startsWith("#0 ").contains("1 of 8 matching events");
    assertThat(limited.err()).isEqualTo("7 more matching events not shown (--limit 1)\n");
  }

  @Test
  void exportWritesOcsfToANewOwnerOnlyFile() throws IOException {
    Path out = folder.resolve("export.jsonl");
    CommandLineTest.Result export =
        run(
            "audit",
            "export",
            "--data",
            data.toString(),
            "--since",
            "2026-01-10T09:01:00Z",
            "--until",
            "2026-01-10T09:03:00Z",
            "--format",
            "ocsf",
            "--out",
            out.toString());
    assertThat(export.exitCode()).as(export.err()).isZero();
    assertThat(export.out()).isEmpty();
    assertThat(export.err()).contains("exported 2 events of 5 entries to " + out);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");
    List<JsonNode> lines = jsonLines(Files.readString(out));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).path("class_uid").asInt()).isEqualTo(6005);
    assertThat(lines.get(0).path("metadata").path("sequence").asLong()).isEqualTo(1);
    assertThat(lines.get(1).path("actor").path("user").path("uid").asText()).isEqualTo("user:bob");

    CommandLineTest.Result again =
        run(
            "audit",
            "export",
            "--data",
            data.toString(),
            "--format",
            "json",
            "--out",
            out.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already exists");

    CommandLineTest.Result json =
        run("audit", "export", "--data", data.toString(), "--format", "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    // Everything, including the reads of the two exports.
    assertThat(jsonLines(json.out()))
        .extracting(l -> l.path("event").path("action").asText())
        .containsExactly(
            "case.read", "case.search", "case.reveal", "access.denied", "audit.read", "audit.read");
  }

  @Test
  void incidentReportCountsWhatWasReadInTheWindow() throws IOException {
    CommandLineTest.Result text =
        run(
            "incident",
            "report",
            "--data",
            data.toString(),
            "--since",
            "2026-01-10",
            "--until",
            "2026-01-11");
    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out())
        .startsWith("Incident report: 2026-01-10T00:00:00Z to 2026-01-11T00:00:00Z")
        .contains(
            "Case data returned: 2 distinct cases of 2 distinct customers, in 3 events by 2"
                + " principals; 1 reveals, 0 exports; 0 alerts, 1 denials.");

    CommandLineTest.Result json =
        run(
            "incident",
            "report",
            "--data",
            data.toString(),
            "--since",
            "2026-01-10T00:00:00Z",
            "--until",
            "2026-01-11T00:00:00Z",
            "--principal",
            "user:bob",
            "--format",
            "json");
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.out());
    assertThat(report.path("principal").asText()).isEqualTo("user:bob");
    assertThat(report.path("summary").path("distinct_cases").asInt()).isEqualTo(1);
    assertThat(report.path("summary").path("reveals").asInt()).isEqualTo(1);
    assertThat(report.path("customers").toString()).isEqualTo("[\"tok-b\"]");
    assertThat(report.path("denials").get(0).path("reason").asText())
        .isEqualTo("outside the scope");
    assertThat(events().getLast().target().details())
        .containsEntry("command", "incident report")
        .containsEntry("principal", "user:bob")
        .containsEntry("format", "json");
  }

  @Test
  void badOptionsAreNamedWithoutAStackTrace() {
    CommandLineTest.Result badTime =
        run(
            "incident",
            "report",
            "--data",
            data.toString(),
            "--since",
            "yesterday",
            "--until",
            "2026-01-11");
    assertThat(badTime.exitCode()).isEqualTo(2);
    assertThat(badTime.err())
        .contains("--since")
        .contains("expected an instant such as 2026-11-29T10:00:00Z or a date such as 2026-11-29")
        .doesNotContain("\tat ");

    CommandLineTest.Result empty =
        run(
            "incident",
            "report",
            "--data",
            data.toString(),
            "--since",
            "2026-01-11",
            "--until",
            "2026-01-10");
    assertThat(empty.exitCode()).isEqualTo(2);
    assertThat(empty.err())
        .contains("--since (2026-01-11T00:00:00Z) must be before --until (2026-01-10T00:00:00Z)");

    CommandLineTest.Result action =
        run("audit", "search", "--data", data.toString(), "--action", "case.steal");
    assertThat(action.exitCode()).isEqualTo(2);
    assertThat(action.err())
        .contains("--action")
        .contains("unknown action 'case.steal'; the actions are auth.login,");

    CommandLineTest.Result missing =
        run("audit", "search", "--data", folder.resolve("absent").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err().strip())
        .isEqualTo("casevault: no data directory " + folder.resolve("absent"));

    CommandLineTest.Result noLog = run("audit", "verify", "--data", folder.toString());
    assertThat(noLog.exitCode()).isEqualTo(1);
    assertThat(noLog.err()).startsWith("casevault: no audit log in " + folder.resolve("audit"));
    assertThat(folder.resolve("audit")).doesNotExist();
  }

  @Test
  void readingTheLogFailsWhileAServerHoldsIt() throws IOException {
    try (AuditTrail server = AuditTrail.open(audit, Clock.systemUTC())) {
      for (String[] args :
          List.of(
              new String[] {"audit", "search"},
              new String[] {"audit", "export", "--format", "ocsf"},
              new String[] {"audit", "prove", "0"},
              new String[] {
                "incident", "report", "--since", "2026-01-10", "--until", "2026-01-11"
              })) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString()));
        CommandLineTest.Result result = run(all.toArray(String[]::new));
        assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(1);
        assertThat(result.out()).as(String.join(" ", args)).isEmpty();
        assertThat(result.err())
            .as(String.join(" ", args))
            .startsWith("casevault: the audit log ")
            .contains("is in use by another casevault process");
      }
      // verify and checkpoint show no event content: they run beside the server.
      assertThat(run("audit", "verify", "--data", data.toString()).exitCode()).isZero();
      assertThat(run("audit", "checkpoint", "--data", data.toString()).exitCode()).isZero();
      assertThat(server.log().size()).isEqualTo(4);
    }
  }

  @Test
  void entriesThatAreNotEventsAreNamedAndTheExitStatusSaysSo() throws IOException {
    try (AuditTrail trail = AuditTrail.open(audit, at(T0.plusSeconds(600)))) {
      trail.log().append("not json".getBytes(StandardCharsets.UTF_8));
    }
    CommandLineTest.Result search = run("audit", "search", "--data", data.toString());
    assertThat(search.exitCode()).isEqualTo(AuditAccess.SOME_UNREADABLE);
    assertThat(search.err())
        .contains("casevault: audit log entry 4: not an audit event: not JSON\n")
        .contains("casevault: 1 audit log entry is not an event and was left out")
        .doesNotContain("\tat ");
    assertThat(search.out()).contains("5 of 5 matching events (6 entries read)");

    CommandLineTest.Result report =
        run(
            "incident",
            "report",
            "--data",
            data.toString(),
            "--since",
            "2026-01-01",
            "--until",
            "2026-02-01");
    assertThat(report.exitCode()).isEqualTo(AuditAccess.SOME_UNREADABLE);
    assertThat(report.out()).contains("entry 4: not an audit event: not JSON");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] command :
        List.of(
            new String[] {"audit"},
            new String[] {"audit", "verify"},
            new String[] {"audit", "checkpoint"},
            new String[] {"audit", "prove"},
            new String[] {"audit", "search"},
            new String[] {"audit", "export"},
            new String[] {"incident"},
            new String[] {"incident", "report"})) {
      List<String> args = new ArrayList<>(List.of(command));
      args.add("--help");
      CommandLineTest.Result help = run(args.toArray(String[]::new));
      assertThat(help.exitCode()).isZero();
      assertThat(help.out()).contains("Usage: casevault " + String.join(" ", command));
    }
    assertThat(run("audit").out()).contains("verify").contains("prove").contains("export");
  }
}
