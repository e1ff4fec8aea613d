package dev.casevault.audit;

import static dev.casevault.audit.AuditFixtures.T0;
import static dev.casevault.audit.AuditFixtures.event;
import static dev.casevault.audit.AuditFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditProofsTest {
  @TempDir Path temp;

  /** A log of {@code entries} events whose checkpoints cover 3 and then {@code signed} entries. */
  private Path log(int entries, int signed) throws IOException {
    Path dir = temp.resolve("audit");
    // The trail creates the origin and the keys; with nothing recorded it signs nothing.
    try (AuditTrail trail = AuditTrail.open(dir, new AuditFixtures.MutableClock(T0))) {
      assertThat(trail.log().size()).isZero();
    }
    String origin = AuditTrail.origin(dir);
    NoteSigner signer = AuditKeys.loadOrCreate(dir.resolve(AuditTrail.KEYS), origin);
    try (AuditLog log = new AuditLog(dir, origin, signer)) {
      for (int i = 0; i < entries; i++) {
        log.append(
            AuditEventJson.encode(
                event(AuditAction.READ, user("alice"), List.of("CASE-" + i), List.of())
                    .at(T0.plusSeconds(i))));
        if (log.size() == 3 || log.size() == signed) {
          log.checkpoint();
        }
      }
    }
    return dir;
  }

  @Test
  void everyCoveredEntryIsProvenUnderTheLatestSignedCheckpoint() throws IOException {
    Path dir = log(9, 9);
    NoteVerifier key = AuditTrail.verifier(dir);
    for (long i = 0; i < 9; i++) {
      AuditProofs.Inclusion inclusion = AuditProofs.inclusion(dir, i, OptionalLong.empty());
      assertThat(inclusion.index()).isEqualTo(i);
      assertThat(inclusion.origin()).isEqualTo(AuditTrail.origin(dir));
      assertThat(inclusion.key().encode()).isEqualTo(key.encode());
      assertThat(AuditEventJson.decode(inclusion.entry()).target().cases())
          .containsExactly("CASE-" + i);
      Checkpoint checkpoint = Checkpoint.open(SignedNote.parse(inclusion.checkpoint().note()), key);
      assertThat(checkpoint.size()).isEqualTo(9);
      MerkleProofs.verifyInclusion(
          i, 9, Rfc6962.leafHash(inclusion.entry()), inclusion.proof(), checkpoint.rootHash());
    }
    assertThat(AuditProofs.latestCheckpoint(dir))
        .hasValueSatisfying(c -> assertThat(c.checkpoint().size()).isEqualTo(9));
  }

  @Test
  void anEarlierCheckpointIsChosenBySize() throws IOException {
    Path dir = log(9, 9);
    AuditProofs.Inclusion inclusion = AuditProofs.inclusion(dir, 1, OptionalLong.of(3));
    assertThat(inclusion.checkpoint().checkpoint().size()).isEqualTo(3);
    MerkleProofs.verifyInclusion(
        1,
        3,
        Rfc6962.leafHash(inclusion.entry()),
        inclusion.proof(),
        inclusion.checkpoint().checkpoint().rootHash());
    assertThatThrownBy(() -> AuditProofs.inclusion(dir, 5, OptionalLong.of(3)))
        .hasMessage("entry 5 is not in the checkpoint of size 3");
    assertThatThrownBy(() -> AuditProofs.inclusion(dir, 1, OptionalLong.of(4)))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage(
            "there is no signed checkpoint of size 4 in the log (the latest covers 9 entries)");
  }

  @Test
  void anEntryNotYetCoveredOrAbsentIsNamed() throws IOException {
    Path dir = log(6, -1);
    assertThatThrownBy(() -> AuditProofs.inclusion(dir, 4, OptionalLong.empty()))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageStartingWith(
            "entry 4 is not covered by a signed checkpoint yet (the latest covers 3 entries)");
    assertThatThrownBy(() -> AuditProofs.inclusion(dir, 6, OptionalLong.empty()))
        .hasMessage("there is no entry 6: the log has 6 entries");
    assertThatThrownBy(() -> AuditProofs.inclusion(dir, -1, OptionalLong.empty()))
        .hasMessageContaining("0 or more");
    assertThat(AuditProofs.inclusion(dir, 2, OptionalLong.empty()).checkpoint().checkpoint().size())
        .isEqualTo(3);
  }

  @Test
  void aLogWithoutCheckpointsSaysSo() throws IOException {
    Path dir = log(2, -1);
    assertThat(AuditProofs.latestCheckpoint(dir)).isEmpty();
    assertThatThrownBy(() -> AuditProofs.inclusion(dir, 0, OptionalLong.empty()))
        .hasMessageContaining("(it has no signed checkpoint yet)");
  }

  @Test
  void storedHashesThatDisagreeWithTheSignedRootGiveNoProof() throws IOException {
    Path dir = log(8, 8);
    Path hashes = dir.resolve(AuditLog.LEAF_HASHES);
    byte[] bytes = Files.readAllBytes(hashes);
    bytes[5 * 32] ^= 1;
    Files.write(hashes, bytes);
    assertThatThrownBy(() -> AuditProofs.inclusion(dir, 0, OptionalLong.empty()))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("do not lead to the signed root of size 8")
        .hasMessageContaining("run casevault audit verify");
    // Entry 5's own proof does not use its stored hash: it still verifies.
    assertThat(AuditProofs.inclusion(dir, 5, OptionalLong.empty()).index()).isEqualTo(5);
  }

  @Test
  void aTamperedLatestCheckpointIsRefused() throws IOException {
    Path dir = log(4, 4);
    Path file = dir.resolve(AuditLog.CHECKPOINTS);
    byte[] bytes = Files.readAllBytes(file);
    int lastRoot = bytes.length - 100;
    bytes[lastRoot] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> AuditProofs.latestCheckpoint(dir))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageStartingWith("the latest stored checkpoint (#1) is rejected");
  }
}
