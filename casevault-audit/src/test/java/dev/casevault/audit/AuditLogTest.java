package dev.casevault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  static final String ORIGIN = "casevault.example/audit";
  static final NoteSigner SIGNER = NoteSigner.generate(ORIGIN);

  @TempDir Path temp;

  static byte[] entry(int i) {
    return ("{\"event\":" + i + "}").getBytes(StandardCharsets.UTF_8);
  }

  static List<byte[]> readEntries(Path dir) throws IOException {
    List<byte[]> entries = new ArrayList<>();
    try (RecordReader reader = new RecordReader(dir.resolve(AuditLog.ENTRIES))) {
      for (byte[] entry = reader.next(); entry != null; entry = reader.next()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  @Test
  void appendsAreNumberedAndSurviveAReopen() throws IOException {
    Path dir = temp.resolve("audit");
    try (AuditLog log = new AuditLog(dir, ORIGIN, SIGNER)) {
      for (int i = 0; i < 10; i++) {
        assertThat(log.append(entry(i))).isEqualTo(i);
      }
    }
    try (AuditLog log = new AuditLog(dir, ORIGIN, SIGNER)) {
      assertThat(log.size()).isEqualTo(10);
      assertThat(log.append(entry(10))).isEqualTo(10);
      Checkpoint checkpoint =
          Checkpoint.open(SignedNote.parse(log.checkpoint()), SIGNER.verifier());
      assertThat(checkpoint.size()).isEqualTo(11);
      assertThat(checkpoint.rootHash()).isEqualTo(MerkleTreeTest.definitionRoot(readEntries(dir)));
    }
    assertThat(readEntries(dir)).hasSize(11);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    for (String file : List.of(AuditLog.ENTRIES, AuditLog.LEAF_HASHES, AuditLog.CHECKPOINTS)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void anOutsiderChecksInclusionAndConsistencyWithOnlyThePublicKey() throws IOException {
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      for (int i = 0; i < 13; i++) {
        log.append(entry(i));
      }
      String early = log.checkpoint();
      for (int i = 13; i < 37; i++) {
        log.append(entry(i));
      }
      String late = log.checkpoint();

      NoteVerifier key = NoteVerifier.parse(SIGNER.verifier().encode());
      Checkpoint first = Checkpoint.open(SignedNote.parse(early), key);
      Checkpoint second = Checkpoint.open(SignedNote.parse(late), key);
      for (int index = 0; index < 37; index++) {
        MerkleProofs.verifyInclusion(
            index,
            second.size(),
            Rfc6962.leafHash(entry(index)),
            log.inclusionProof(index, second.size()),
            second.rootHash());
      }
      MerkleProofs.verifyConsistency(
          first.size(),
          second.size(),
          log.consistencyProof(first.size(), second.size()),
          first.rootHash(),
          second.rootHash());
      assertThatThrownBy(
              () ->
                  MerkleProofs.verifyInclusion(
                      5,
                      second.size(),
                      Rfc6962.leafHash(entry(6)),
                      log.inclusionProof(5, second.size()),
                      second.rootHash()))
          .isInstanceOf(InvalidProofException.class);
      assertThatThrownBy(() -> log.inclusionProof(0, 38))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aFailedFsyncFailsTheAppendAndEveryLaterOneUntilReopened() throws IOException {
    FailingChannel.Switches switches = new FailingChannel.Switches();
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER, switches)) {
      log.append(entry(0));
      log.append(entry(1));
      switches.failForces.set(true);

      assertThatThrownBy(() -> log.append(entry(2)))
          .isInstanceOf(AuditLogException.class)
          .hasMessageContaining("could not be written")
          .hasMessageContaining("Input/output error")
          .hasMessageContaining("refuses appends until it is reopened");
      switches.failForces.set(false);
      // The disk recovered, but the log does not pretend nothing happened.
      assertThatThrownBy(() -> log.append(entry(3)))
          .isInstanceOf(AuditLogException.class)
          .hasMessageContaining("refuses appends");
      assertThatThrownBy(log::checkpoint).isInstanceOf(AuditLogException.class);
      assertThat(log.size()).isEqualTo(2);
    }
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      // Entry 2 reached the file before its fsync failed: after a reopen it is there.
      assertThat(log.size()).isEqualTo(3);
      assertThat(log.append(entry(3))).isEqualTo(3);
    }
    assertThat(readEntries(temp))
        .extracting(String::new)
        .containsExactly("{\"event\":0}", "{\"event\":1}", "{\"event\":2}", "{\"event\":3}");
  }

  @Test
  void aFailedWriteFailsTheAppend() throws IOException {
    FailingChannel.Switches switches = new FailingChannel.Switches();
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER, switches)) {
      log.append(entry(0));
      switches.failWrites.set(true);

      assertThatThrownBy(() -> log.append(entry(1)))
          .isInstanceOf(AuditLogException.class)
          .hasMessageContaining("No space left on device");
      switches.failWrites.set(false);
      assertThatThrownBy(() -> log.append(entry(2))).isInstanceOf(AuditLogException.class);
    }
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      assertThat(log.size()).isEqualTo(1);
    }
  }

  @Test
  void appendsAfterCloseThrow() throws IOException {
    AuditLog log = new AuditLog(temp, ORIGIN, SIGNER);
    log.append(entry(0));
    log.close();
    assertThatThrownBy(() -> log.append(entry(1)))
        .isInstanceOf(AuditLogException.class)
        .hasMessageEndingWith("is closed");
  }

  @Test
  void entriesMustBeNonEmptyAndBounded() throws IOException {
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      assertThatThrownBy(() -> log.append(new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> log.append(new byte[AuditLog.MAX_ENTRY_BYTES + 1]))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(log.append(new byte[AuditLog.MAX_ENTRY_BYTES])).isZero();
    }
  }

  @Test
  void aTornLastRecordIsTruncatedOnOpen() throws IOException {
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      for (int i = 0; i < 5; i++) {
        log.append(entry(i));
      }
      log.checkpoint();
    }
    long goodSize = Files.size(temp.resolve(AuditLog.ENTRIES));
    // A crash in the middle of a write: the length of a 100-byte record, then only 10 bytes of it.
    appendBytes(temp.resolve(AuditLog.ENTRIES), ByteBuffer.allocate(14).putInt(100).array());

    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      assertThat(log.size()).isEqualTo(5);
      assertThat(Files.size(temp.resolve(AuditLog.ENTRIES))).isEqualTo(goodSize);
      assertThat(log.append(entry(5))).isEqualTo(5);
      log.checkpoint();
    }
    assertThat(new AuditVerifier(SIGNER.verifier(), ORIGIN).verify(temp).errors()).isEmpty();
  }

  @Test
  void aCutLengthPrefixAndAZeroFilledTailAreTornToo() throws IOException {
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      log.append(entry(0));
    }
    appendBytes(temp.resolve(AuditLog.ENTRIES), new byte[] {0, 0});
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      assertThat(log.size()).isEqualTo(1);
    }
    appendBytes(temp.resolve(AuditLog.ENTRIES), new byte[4096]);
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      assertThat(log.size()).isEqualTo(1);
      assertThat(log.append(entry(1))).isEqualTo(1);
    }
  }

  @Test
  void aRecordCutBelowTheLastCheckpointIsNotTruncatedButRefused() throws IOException {
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      for (int i = 0; i < 5; i++) {
        log.append(entry(i));
      }
      log.checkpoint();
    }
    Path entries = temp.resolve(AuditLog.ENTRIES);
    try (var channel = java.nio.channels.FileChannel.open(entries, StandardOpenOption.WRITE)) {
      channel.truncate(Files.size(entries) - 3);
    }
    assertThatThrownBy(() -> new AuditLog(temp, ORIGIN, SIGNER))
        .isInstanceOf(AuditLogException.class)
        .hasMessageContaining("record 4 at byte")
        .hasMessageContaining("below the last checkpoint (5 entries)");
  }

  @Test
  void aLostLeafHashFileIsRebuiltFromTheEntries() throws IOException {
    byte[] root;
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      for (int i = 0; i < 20; i++) {
        log.append(entry(i));
      }
      root = Checkpoint.parse(SignedNote.parse(log.checkpoint()).text()).rootHash();
    }
    Path hashes = temp.resolve(AuditLog.LEAF_HASHES);
    try (var channel = java.nio.channels.FileChannel.open(hashes, StandardOpenOption.WRITE)) {
      channel.truncate(7 * Rfc6962.HASH_BYTES + 5);
    }
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER)) {
      assertThat(log.size()).isEqualTo(20);
      assertThat(Files.size(hashes)).isEqualTo(20L * Rfc6962.HASH_BYTES);
      assertThat(Checkpoint.parse(SignedNote.parse(log.checkpoint()).text()).rootHash())
          .isEqualTo(root);
    }
  }

  @Test
  void sixtyFourConcurrentAppendersShareFsyncsAndEveryEntryVerifies() throws Exception {
    int threads = 64;
    int perThread = 200;
    FailingChannel.Switches counting = new FailingChannel.Switches();
    Set<Long> indices = ConcurrentHashMap.newKeySet();
    try (AuditLog log = new AuditLog(temp, ORIGIN, SIGNER, counting);
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      int forcesAtStart = counting.forces.get();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    indices.add(log.append(entry(thread * perThread + i)));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
      int forces = counting.forces.get() - forcesAtStart;
      // Two files, so two fsyncs per batch: one batch per entry would be 2 × 12,800.
      assertThat(forces).isLessThan(threads * perThread / 4);
      assertThat(log.size()).isEqualTo(threads * perThread);
      log.checkpoint();
    }
    assertThat(indices).hasSize(threads * perThread);
    assertThat(indices).allMatch(index -> index >= 0 && index < threads * perThread);
    AuditVerifier.Report report = new AuditVerifier(SIGNER.verifier(), ORIGIN).verify(temp);
    assertThat(report.errors()).isEmpty();
    assertThat(report.warnings()).isEmpty();
    assertThat(report.entries()).isEqualTo(threads * perThread);
    Set<String> written = new HashSet<>();
    readEntries(temp).forEach(entry -> written.add(new String(entry, StandardCharsets.UTF_8)));
    assertThat(written).hasSize(threads * perThread);
  }

  static void appendBytes(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes, StandardOpenOption.APPEND);
  }
}
