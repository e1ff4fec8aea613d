package dev.casevault.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.access.AccessScope;
import dev.casevault.core.Author;
import dev.casevault.core.CaseId;
import dev.casevault.core.Channel;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Status;
import dev.casevault.core.SupportCase;
import dev.casevault.json.CaseJsonWriter;
import dev.casevault.json.CaseLimits;
import dev.casevault.redaction.Detector;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.Vault;
import dev.casevault.store.lucene.LuceneCaseStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest end to end on the real Lucene store: what is accepted, rejected, reported and kept. */
class IngestTest {
  private static final AccessScope ALL = AccessScope.dataDirectoryOwner();

  @TempDir Path folder;

  static SupportCase supportCase(String id, String subject) {
    Instant created = Instant.parse("2019-12-05T10:15:00Z");
    return new SupportCase(
        new CaseId(id),
        created,
        created.plusSeconds(3600),
        Status.OPEN,
        "office-365",
        Channel.CHAT,
        Language.EN,
        "EMEA",
        "tier1-emea",
        List.of("vip"),
        null,
        null,
        subject,
        "Outlook cannot sync since the update.",
        List.of(new Message(created.plusSeconds(60), Author.CUSTOMER, "Hello, still broken.")),
        List.of());
  }

  static String line(String id, String subject) {
    return CaseJsonWriter.toJson(supportCase(id, subject));
  }

  private final List<String> reported = new ArrayList<>();

  private IngestReport ingest(CaseLimits limits, Path... files) throws IOException {
    try (CaseVault vault =
        CaseVault.open(LuceneCaseStore.open(folder.resolve("index")), folder, true)) {
      return vault.ingest(
          List.of(files),
          new IngestOptions(limits, folder.resolve("rejects.jsonl"), Duration.ofSeconds(5), 2),
          new IngestListener() {
            @Override
            public void rejected(String file, long line, String reason) {
              reported.add(Path.of(file).getFileName() + ":" + line + ": " + reason);
            }

            @Override
            public void committed(long accepted, long rejected, long bytes, double seconds) {}
          },
          Requester.localOwner());
    }
  }

  private long count() throws IOException {
    try (LuceneCaseStore store = LuceneCaseStore.openReadOnly(folder.resolve("index"))) {
      return store.count(ALL);
    }
  }

  @Test
  void malformedLinesAreReportedExactlyAndNothingAcceptedIsLost() throws IOException {
    String good1 = line("CASE-1", "first");
    String good2 = line("CASE-2", "second");
    String good3 = line("CASE-3", "third");
    String good4 = line("CASE-4", "fourth");
    String wrongType =
        good1.replace("\"CASE-1\"", "\"CASE-5\"").replace("\"tags\":[\"vip\"]", "\"tags\":[7]");
    String missing = good1.replace("\"CASE-1\"", "\"CASE-6\"").replace("\"status\":\"open\",", "");
    String badEnum =
        good1
            .replace("\"CASE-1\"", "\"CASE-7\"")
            .replace("\"status\":\"open\"", "\"status\":\"reopened\"");
    String badTime =
        good1
            .replace("\"CASE-1\"", "\"CASE-8\"")
            .replace("\"created\":\"2019-12-05T10:15:00Z\"", "\"created\":\"05/12/2019\"");
    String unknown =
        good1
            .replace("\"CASE-1\"", "\"CASE-9\"")
            .replace("\"product\":", "\"nickname\":\"x\",\"product\":");
    String oversizedSubject = line("CASE-10", "x".repeat(1001));
    String duplicate = line("CASE-2", "second again");
    String truncated = good4.substring(0, good4.length() / 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (String text :
        List.of(
            good1,
            "{\"id\": ",
            wrongType,
            missing,
            good2,
            badEnum,
            badTime,
            unknown,
            oversizedSubject,
            duplicate)) {
      bytes.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
    byte[] invalidUtf8 = line("CASE-11", "caf\u00e9").getBytes(StandardCharsets.UTF_8);
    int accent = indexOf(invalidUtf8, (byte) 0xC3);
    invalidUtf8[accent + 1] = (byte) 0x28; // a lead byte followed by a non-continuation byte
    bytes.writeBytes(invalidUtf8);
    bytes.write('\n');
    bytes.writeBytes((good3 + "\n").getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(truncated.getBytes(StandardCharsets.UTF_8)); // last line, no newline
    Path file = folder.resolve("mixed.jsonl");
    Files.write(file, bytes.toByteArray());

    IngestReport report = ingest(CaseLimits.defaults(), file);

    assertThat(report.accepted()).isEqualTo(3);
    assertThat(report.rejected()).isEqualTo(10);
    assertThat(reported)
        .containsExactly(
            "mixed.jsonl:2: invalid JSON at column 8: unexpected end of line (truncated?)",
            "mixed.jsonl:3: field \"tags[0]\": expected a string",
            "mixed.jsonl:4: missing required field \"status\"",
            "mixed.jsonl:6: field \"status\": expected one of open|pending|solved|closed",
            "mixed.jsonl:7: field \"created\": expected an ISO-8601 time such as 2019-12-05T10:15:00Z",
            "mixed.jsonl:8: unknown field (name not shown)",
            "mixed.jsonl:9: field \"subject\": 1001 characters, more than the limit of 1000",
            "mixed.jsonl:10: duplicate case id in this run, first seen at " + file + ":5",
            "mixed.jsonl:11: invalid UTF-8 at byte " + (accent + 1),
            "mixed.jsonl:13: invalid JSON at column "
                + (truncated.length() + 1)
                + ": unexpected end of line (truncated?)");
    assertThat(count()).isEqualTo(3);
    // Raw bytes, invalid UTF-8 included: count the line ends.
    byte[] rejected = Files.readAllBytes(report.rejectFile());
    assertThat(new String(rejected, StandardCharsets.ISO_8859_1).split("\n")).hasSize(10);
    assertThat(Files.readAllLines(folder.resolve("rejects.jsonl.errors")))
        .hasSize(10)
        .allSatisfy(l -> assertThat(l).startsWith(file + ":"));
  }

  @Test
  void aCaseThatCannotBeRedactedIsQuarantinedNotStored() throws IOException {
    Detector fragile =
        (text, out) -> {
          if (text.text().contains("explode")) {
            throw new IllegalStateException("detector bug");
          }
        };
    RedactionKeys keys = RedactionKeys.ephemeral();
    Vault vault = Vault.inMemory(keys);
    Redactor redactor =
        new Redactor(
            new PiiDetector(List.of(fragile), 1_000_000_000L, 0),
            RedactionPolicy.defaults(),
            keys,
            vault);
    Path file = folder.resolve("cases.jsonl");
    Files.writeString(
        file,
        line("CASE-1", "fine")
            + "\n"
            + line("CASE-2", "this will explode")
            + "\n"
            + line("CASE-3", "fine too")
            + "\n");
    IngestReport report;
    try (CaseVault service =
        new CaseVault(
            LuceneCaseStore.open(folder.resolve("index")),
            redactor,
            vault,
            dev.casevault.audit.AuditTrail.open(
                folder.resolve("audit"), java.time.Clock.systemUTC()))) {
      report =
          service.ingest(
              List.of(file),
              new IngestOptions(
                  CaseLimits.defaults(), folder.resolve("rejects.jsonl"), Duration.ofSeconds(5), 2),
              IngestListener.SILENT,
              Requester.localOwner());
    }
    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(report.quarantined()).isEqualTo(1);
    assertThat(count()).isEqualTo(2);
    assertThat(Files.readAllLines(folder.resolve("rejects.jsonl.errors")))
        .containsExactly(
            file
                + ":2: quarantined: personal-data detector "
                + fragile.getClass().getSimpleName()
                + " failed: IllegalStateException (field subject)");
    assertThat(Files.exists(folder.resolve("rejects.jsonl")))
        .as("a quarantined case's line is not copied anywhere")
        .isFalse();
  }

  @Test
  void reingestingAnIdReplacesTheCase() throws IOException {
    Path first = folder.resolve("first.jsonl");
    Files.writeString(first, line("CASE-1", "old subject") + "\n" + line("CASE-2", "other") + "\n");
    ingest(CaseLimits.defaults(), first);
    Path second = folder.resolve("second.jsonl");
    Files.writeString(second, line("CASE-1", "new subject") + "\n");
    IngestReport report = ingest(CaseLimits.defaults(), second);
    assertThat(report.accepted()).isEqualTo(1);
    assertThat(report.rejectFile()).isNull();
    try (LuceneCaseStore store = LuceneCaseStore.openReadOnly(folder.resolve("index"))) {
      assertThat(store.count(ALL)).isEqualTo(2);
      assertThat(store.get(new CaseId("CASE-1"), ALL).orElseThrow().subject())
          .isEqualTo("new subject");
    }
  }

  @Test
  void anOversizedLineIsRejectedWithoutStoppingTheRun() throws IOException {
    Path file = folder.resolve("big.jsonl");
    Files.writeString(
        file,
        line("CASE-1", "a")
            + "\n"
            + line("CASE-2", "b".repeat(900))
            + "\n"
            + line("CASE-3", "c")
            + "\n");
    IngestReport report = ingest(CaseLimits.defaults().withMaxCaseBytes(800), file);
    assertThat(report.accepted()).isEqualTo(2);
    assertThat(reported)
        .singleElement()
        .asString()
        .startsWith("big.jsonl:2: line is ")
        .endsWith("more than the limit of 800");
  }

  @Test
  void aRejectReasonNeverQuotesTheInput() throws IOException {
    String secret = "jane.doe.secret@example.com";
    Path file = folder.resolve("pii.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "{\"id\":\"" + secret + "\"}",
            "{\"" + secret + "\":1}",
            "{\"id\":\"CASE-1\",\"status\":\"" + secret + "\"}",
            secret,
            "[\"" + secret + "\"]"));
    IngestReport report = ingest(CaseLimits.defaults(), file);
    assertThat(report.rejected()).isEqualTo(5);
    assertThat(reported)
        .hasSize(5)
        .allSatisfy(r -> assertThat(r).doesNotContain("jane").doesNotContain("example"));
    assertThat(Files.readString(folder.resolve("rejects.jsonl.errors"))).doesNotContain("jane");
  }

  @Test
  void manyFilesAndManyCasesAreAllCounted() throws IOException {
    List<Path> files = new ArrayList<>();
    int id = 0;
    for (int f = 0; f < 3; f++) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 1500; i++) {
        text.append(line("CASE-" + id++, "subject " + i)).append('\n');
      }
      Path file = folder.resolve("part" + f + ".jsonl");
      Files.writeString(file, text);
      files.add(file);
    }
    IngestReport report = ingest(CaseLimits.defaults(), files.toArray(Path[]::new));
    assertThat(report.accepted()).isEqualTo(4500);
    assertThat(report.rejected()).isZero();
    assertThat(report.bytesRead())
        .isEqualTo(files.stream().mapToLong(p -> p.toFile().length()).sum());
    assertThat(count()).isEqualTo(4500);
  }

  private static int indexOf(byte[] bytes, byte value) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    throw new AssertionError("byte not found");
  }
}
