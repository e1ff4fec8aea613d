package dev.casevault.audit;

import static dev.casevault.audit.AuditLogTest.ORIGIN;
import static dev.casevault.audit.AuditLogTest.SIGNER;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of tampering with a log folder, each detected with a message that says what. */
class AuditVerifierTest {
  private static final int ENTRIES = 8;
  private static final AuditVerifier VERIFIER = new AuditVerifier(SIGNER.verifier(), ORIGIN);

  @TempDir static Path template;
  private static String trusted;

  @TempDir Path dir;

  /** Entries of different lengths, so that a shifted record cannot pass for another. */
  static byte[] entry(int i) {
    return ("event-" + i + "-" + "x".repeat(i)).getBytes(StandardCharsets.UTF_8);
  }

  @BeforeAll
  static void writeLog() throws IOException {
    try (AuditLog log = new AuditLog(template, ORIGIN, SIGNER)) {
      for (int i = 0; i < ENTRIES; i++) {
        log.append(entry(i));
        if (i == 3) {
          // Saved by an outsider, as an auditor or a witness would.
          trusted = log.checkpoint();
        }
      }
      log.checkpoint();
    }
  }

  private void copyTemplate() throws IOException {
    for (String file : List.of(AuditLog.ENTRIES, AuditLog.LEAF_HASHES, AuditLog.CHECKPOINTS)) {
      Files.copy(template.resolve(file), dir.resolve(file));
    }
  }

  private AuditVerifier.Report verify() throws IOException {
    return VERIFIER.verify(dir, trusted);
  }

  private static void assertFirstBad(AuditVerifier.Report report, long index) {
    assertThat(report.ok()).as("%s", report).isFalse();
    assertThat(report.firstBadEntry()).as("%s", report).hasValue(index);
    assertThat(report.errors())
        .as("%s", report)
        .contains(
            "the first bad entry is index "
                + index
                + " (it differs from what was signed, or is missing)");
  }

  private static long recordStart(int index) {
    long offset = 0;
    for (int i = 0; i < index; i++) {
      offset += Integer.BYTES + entry(i).length;
    }
    return offset;
  }

  static LongStream entryFileBytes() {
    return LongStream.range(0, recordStart(ENTRIES));
  }

  @Test
  void anUntouchedLogVerifies() throws IOException {
    copyTemplate();
    AuditVerifier.Report report = verify();
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).isEmpty();
    assertThat(report.entries()).isEqualTo(ENTRIES);
    assertThat(report.checkpointedSize()).isEqualTo(ENTRIES);
    assertThat(report.firstBadEntry()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("entryFileBytes")
  void flippingAnyByteOfTheEntriesIsDetectedAtItsEntry(long position) throws IOException {
    copyTemplate();
    Path file = dir.resolve(AuditLog.ENTRIES);
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) position] ^= 0x01;
    Files.write(file, bytes);

    int index = 0;
    while (recordStart(index + 1) <= position) {
      index++;
    }
    assertFirstBad(verify(), index);
  }

  @ParameterizedTest
  @CsvSource({"0", "3", "5", "7"})
  void deletingAnEntryIsDetected(int deleted) throws IOException {
    copyTemplate();
    List<byte[]> entries = AuditLogTest.readEntries(dir);
    entries.remove(deleted);
    writeEntries(entries);

    AuditVerifier.Report report = verify();
    assertFirstBad(report, deleted);
    assertThat(report.errors())
        .anyMatch(e -> e.contains("covers more entries than the file holds (7)"));
  }

  @ParameterizedTest
  @CsvSource({"0,1", "2,6", "6,7"})
  void reorderingTwoEntriesIsDetected(int first, int second) throws IOException {
    copyTemplate();
    List<byte[]> entries = AuditLogTest.readEntries(dir);
    entries.set(first, entry(second));
    entries.set(second, entry(first));
    writeEntries(entries);

    AuditVerifier.Report report = verify();
    assertFirstBad(report, first);
    assertThat(report.errors())
        .anyMatch(e -> e.startsWith("checkpoint #1 (size 8) does not match the entries"));
  }

  @ParameterizedTest
  @CsvSource({"6, 0", "6, 5", "2, 0", "2, 3"})
  void truncatingTheEntriesIsDetected(int keptEntries, int extraBytes) throws IOException {
    copyTemplate();
    Path file = dir.resolve(AuditLog.ENTRIES);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, (int) recordStart(keptEntries) + extraBytes));

    AuditVerifier.Report report = verify();
    assertFirstBad(report, keptEntries);
    assertThat(report.errors())
        .anyMatch(
            e ->
                e.contains("covers more entries than the file holds (" + keptEntries + ")")
                    || e.contains(
                        "below a signed checkpoint: the file was cut or the record's length altered"));
  }

  @Test
  void aForgedEntryWithoutACheckpointIsAWarning() throws IOException {
    copyTemplate();
    byte[] forged = "event-forged".getBytes(StandardCharsets.UTF_8);
    AuditLogTest.appendBytes(dir.resolve(AuditLog.ENTRIES), AuditLog.record(forged));
    AuditLogTest.appendBytes(dir.resolve(AuditLog.LEAF_HASHES), Rfc6962.leafHash(forged));

    AuditVerifier.Report report = verify();
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings())
        .containsExactly(
            "entries 8 to 8 are beyond the last signed checkpoint (size 8): no signature covers"
                + " them yet");
  }

  @Test
  void aForgedEntryUnderACheckpointSignedByAnotherKeyIsRejected() throws IOException {
    copyTemplate();
    List<byte[]> entries = AuditLogTest.readEntries(dir);
    entries.add("event-forged".getBytes(StandardCharsets.UTF_8));
    writeEntries(entries);
    NoteSigner forger = NoteSigner.generate(ORIGIN);
    Checkpoint forgedCheckpoint =
        new Checkpoint(ORIGIN, entries.size(), MerkleTreeTest.definitionRoot(entries));
    AuditLogTest.appendBytes(
        dir.resolve(AuditLog.CHECKPOINTS),
        AuditLog.record(forger.sign(forgedCheckpoint.body()).getBytes(StandardCharsets.UTF_8)));

    AuditVerifier.Report report = verify();
    assertThat(report.ok()).isFalse();
    assertThat(report.errors())
        .containsExactly(
            "checkpoint #2 is rejected: the note is not signed by key "
                + ORIGIN
                + " (signed by: "
                + ORIGIN
                + ")");
    assertThat(report.warnings())
        .contains(
            "entries 8 to 8 are beyond the last signed checkpoint (size 8): no signature covers"
                + " them yet");
  }

  @Test
  void aForkedHistoryReSignedWithTheRealKeyIsCaughtByTheTrustedCheckpoint() throws IOException {
    // An insider with the signing key rewrites entry 2 and re-creates every file and checkpoint.
    try (AuditLog log = new AuditLog(dir, ORIGIN, SIGNER)) {
      for (int i = 0; i < ENTRIES; i++) {
        log.append(i == 2 ? "event-2-y!".getBytes(StandardCharsets.UTF_8) : entry(i));
        if (i == 3) {
          log.checkpoint();
        }
      }
      log.checkpoint();
    }
    // Alone, the forked folder is self-consistent: only an earlier checkpoint kept elsewhere shows
    // it.
    assertThat(VERIFIER.verify(dir).errors()).isEmpty();

    AuditVerifier.Report report = verify();
    assertThat(report.ok()).isFalse();
    assertThat(report.errors())
        .containsExactly(
            "the trusted checkpoint (size 4) does not match the log: its history was rewritten"
                + " after that checkpoint was saved (a fork): an entry below index 4 was changed,"
                + " removed, inserted or reordered");
  }

  @Test
  void aTrustedCheckpointBeyondTheLogMeansEntriesWereRemoved() throws IOException {
    try (AuditLog log = new AuditLog(dir, ORIGIN, SIGNER)) {
      for (int i = 0; i < 2; i++) {
        log.append(entry(i));
      }
      log.checkpoint();
    }
    AuditVerifier.Report report = verify();
    assertThat(report.errors())
        .contains(
            "the trusted checkpoint (size 4) covers more entries than the file holds (2): entries"
                + " were deleted or the file truncated");
    assertThat(report.firstBadEntry()).hasValue(2);
  }

  @Test
  void aTrustedCheckpointOfAnotherKeyOrLogIsRefused() throws IOException {
    copyTemplate();
    NoteSigner other = NoteSigner.generate("other.example/audit");
    String foreign =
        other.sign(new Checkpoint("other.example/audit", 1, Rfc6962.emptyRoot()).body());
    assertThat(VERIFIER.verify(dir, foreign).errors())
        .containsExactly(
            "the trusted checkpoint is not valid: the note is not signed by key "
                + ORIGIN
                + " (signed by: other.example/audit)");
    String otherOrigin =
        SIGNER.sign(new Checkpoint("other.example/audit", 1, Rfc6962.emptyRoot()).body());
    assertThat(VERIFIER.verify(dir, otherOrigin).errors())
        .containsExactly(
            "the trusted checkpoint is not valid: it is a checkpoint of other.example/audit, not of "
                + ORIGIN);
  }

  @Test
  void anAlteredLeafHashFileIsNamedAsSuchWhileTheEntriesStillVerify() throws IOException {
    copyTemplate();
    Path file = dir.resolve(AuditLog.LEAF_HASHES);
    byte[] bytes = Files.readAllBytes(file);
    bytes[5 * Rfc6962.HASH_BYTES + 7] ^= 0x40;
    Files.write(file, bytes);

    AuditVerifier.Report report = verify();
    assertThat(report.errors())
        .containsExactly(
            "the leaf-hash file was altered at index 5: the entries match every signed checkpoint");
    assertThat(report.firstBadEntry()).isEmpty();
  }

  @Test
  void aTornLastRecordBeyondTheCheckpointsIsOnlyAWarning() throws IOException {
    copyTemplate();
    AuditLogTest.appendBytes(
        dir.resolve(AuditLog.ENTRIES), ByteBuffer.allocate(9).putInt(20).array());

    AuditVerifier.Report report = verify();
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings())
        .anyMatch(w -> w.startsWith("entries: record 8 at byte ") && w.contains("a crash"));
  }

  private void writeEntries(List<byte[]> entries) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] entry : entries) {
      out.write(AuditLog.record(entry));
    }
    Files.write(dir.resolve(AuditLog.ENTRIES), out.toByteArray());
  }
}
