package dev.casevault.audit;

import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What an outside verifier needs from a log folder, read-only: its latest signed checkpoint, and an
 * entry with its inclusion proof under a signed checkpoint. Every checkpoint handed out has had its
 * signature checked with the log's verifier key, and every proof has been checked against the
 * signed root before it is returned.
 */
public final class AuditProofs {
  private AuditProofs() {}

  /** A stored checkpoint whose signature and origin verified: its note and its content. */
  public record SignedCheckpoint(String note, Checkpoint checkpoint) {}

  /**
   * An entry, the signed checkpoint it is proven under, and the proof.
   *
   * @param origin the log's origin
   * @param key the log's verifier key
   * @param index the entry's index
   * @param entry the entry's exact bytes
   * @param checkpoint the signed checkpoint (size and root) the proof leads to
   * @param proof the inclusion proof (RFC 9162 §2.1.3), leaf to root
   */
  public record Inclusion(
      String origin,
      NoteVerifier key,
      long index,
      byte[] entry,
      SignedCheckpoint checkpoint,
      List<byte[]> proof) {
    public Inclusion {
      entry = entry.clone();
      proof = List.copyOf(proof);
    }

    @Override
    public byte[] entry() {
      return entry.clone();
    }

    /**
     * The proof as one JSON object that a verifier holding only the public key can check (see
     * docs/audit.md): origin, verifier key, index, tree size, the entry as text and as its exact
     * bytes, its leaf hash, the signed checkpoint, its root and the proof hashes, all base64.
     */
    public String toJson(boolean pretty) {
      java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
      java.io.StringWriter text = new java.io.StringWriter();
      try (com.fasterxml.jackson.core.JsonGenerator out =
          new com.fasterxml.jackson.core.JsonFactory().createGenerator(text)) {
        if (pretty) {
          out.useDefaultPrettyPrinter();
        }
        out.writeStartObject();
        out.writeStringField("origin", origin);
        out.writeStringField("verifier_key", key.encode());
        out.writeNumberField("index", index);
        out.writeNumberField("tree_size", checkpoint.checkpoint().size());
        out.writeStringField("entry", new String(entry, java.nio.charset.StandardCharsets.UTF_8));
        out.writeStringField("entry_base64", base64.encodeToString(entry));
        out.writeStringField("leaf_hash", base64.encodeToString(Rfc6962.leafHash(entry)));
        out.writeStringField("checkpoint", checkpoint.note());
        out.writeStringField(
            "root_hash", base64.encodeToString(checkpoint.checkpoint().rootHash()));
        out.writeArrayFieldStart("inclusion_proof");
        for (byte[] hash : proof) {
          out.writeString(base64.encodeToString(hash));
        }
        out.writeEndArray();
        out.writeEndObject();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return text.toString();
    }
  }

  /**
   * The last checkpoint stored in the log in {@code dir}, verified with its key.
   *
   * @throws CaseVaultException when the last stored checkpoint is rejected (the log was altered)
   */
  public static Optional<SignedCheckpoint> latestCheckpoint(Path dir) throws IOException {
    NoteVerifier key = AuditEvents.verifier(dir);
    String origin = AuditEvents.origin(dir);
    Path file = dir.resolve(AuditLog.CHECKPOINTS);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    byte[] last = null;
    long index = -1;
    try (RecordReader reader = new RecordReader(file)) {
      try {
        for (byte[] record = reader.next(); record != null; record = reader.next()) {
          last = record;
          index = reader.index() - 1;
        }
      } catch (DamagedRecordException e) {
        if (!e.torn()) {
          throw new CaseVaultException(
              file + " is damaged, " + e.getMessage() + ": run casevault audit verify");
        }
        // A checkpoint being written right now: the complete ones end here.
      }
    }
    if (last == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(open(last, key, origin));
    } catch (InvalidProofException e) {
      throw new CaseVaultException(
          "the latest stored checkpoint (#"
              + index
              + ") is rejected: "
              + e.getMessage()
              + ": run casevault audit verify");
    }
  }

  /**
   * Entry {@code index} with its inclusion proof under the latest signed checkpoint, or under the
   * signed checkpoint of {@code size} when one is given.
   *
   * @throws CaseVaultException naming the reason when there is no such entry, no signed checkpoint
   *     covers it yet, there is no checkpoint of that size, or the files do not match the signed
   *     root
   */
  public static Inclusion inclusion(Path dir, long index, OptionalLong size) throws IOException {
    if (index < 0) {
      throw new CaseVaultException("an entry index is 0 or more, not " + index);
    }
    NoteVerifier key = AuditEvents.verifier(dir);
    String origin = AuditEvents.origin(dir);
    List<SignedCheckpoint> checkpoints = signedCheckpoints(dir, key, origin);
    byte[] entry = entry(dir, index);
    SignedCheckpoint chosen;
    if (size.isPresent()) {
      chosen =
          checkpoints.stream()
              .filter(c -> c.checkpoint().size() == size.getAsLong())
              .reduce((first, second) -> second)
              .orElseThrow(
                  () ->
                      new CaseVaultException(
                          "there is no signed checkpoint of size "
                              + size.getAsLong()
                              + " in the log"
                              + latest(checkpoints)));
      if (index >= chosen.checkpoint().size()) {
        throw new CaseVaultException(
            "entry " + index + " is not in the checkpoint of size " + size.getAsLong());
      }
    } else {
      chosen =
          checkpoints.stream()
              .reduce((a, b) -> b.checkpoint().size() >= a.checkpoint().size() ? b : a)
              .filter(c -> index < c.checkpoint().size())
              .orElseThrow(
                  () ->
                      new CaseVaultException(
                          "entry "
                              + index
                              + " is not covered by a signed checkpoint yet"
                              + latest(checkpoints)
                              + "; the log signs one within "
                              + AuditTrail.CHECKPOINT_INTERVAL.toSeconds()
                              + " s of an append: try again"));
    }
    long treeSize = chosen.checkpoint().size();
    Path hashesFile = dir.resolve(AuditLog.LEAF_HASHES);
    long stored = Files.exists(hashesFile) ? Files.size(hashesFile) / Rfc6962.HASH_BYTES : 0;
    if (stored < treeSize) {
      throw new CaseVaultException(
          "the leaf-hash file holds "
              + stored
              + " hashes, fewer than the checkpoint's "
              + treeSize
              + " entries: run casevault audit verify");
    }
    List<byte[]> proof;
    try (LeafHashFile hashes = new LeafHashFile(hashesFile, treeSize)) {
      proof = MerkleProofs.inclusionProof(hashes, index, treeSize);
    }
    try {
      MerkleProofs.verifyInclusion(
          index, treeSize, Rfc6962.leafHash(entry), proof, chosen.checkpoint().rootHash());
    } catch (InvalidProofException e) {
      throw new CaseVaultException(
          "entry "
              + index
              + " and the stored leaf hashes do not lead to the signed root of size "
              + treeSize
              + " ("
              + e.getMessage()
              + "): the log was altered or damaged; run casevault audit verify");
    }
    return new Inclusion(origin, key, index, entry, chosen, proof);
  }

  private static String latest(List<SignedCheckpoint> checkpoints) {
    return checkpoints.isEmpty()
        ? " (it has no signed checkpoint yet)"
        : " (the latest covers "
            + checkpoints.stream().mapToLong(c -> c.checkpoint().size()).max().orElseThrow()
            + " entries)";
  }

  /** The exact bytes of entry {@code index}. */
  private static byte[] entry(Path dir, long index) throws IOException {
    try (AuditEvents events = AuditEvents.open(dir)) {
      long count = 0;
      for (AuditEvents.Entry entry = events.next(); entry != null; entry = events.next()) {
        if (entry.bytes() == null) {
          throw new CaseVaultException(entry.describeProblem());
        }
        if (entry.index() == index) {
          return entry.bytes();
        }
        count++;
      }
      throw new CaseVaultException(
          "there is no entry " + index + ": the log has " + count + " entries");
    }
  }

  /** The stored checkpoints whose signature and origin verify, in the order written. */
  static List<SignedCheckpoint> signedCheckpoints(Path dir, NoteVerifier key, String origin)
      throws IOException {
    List<SignedCheckpoint> valid = new ArrayList<>();
    Path file = dir.resolve(AuditLog.CHECKPOINTS);
    if (!Files.exists(file)) {
      return valid;
    }
    try (RecordReader reader = new RecordReader(file)) {
      for (byte[] record = reader.next(); record != null; record = reader.next()) {
        try {
          valid.add(open(record, key, origin));
        } catch (InvalidProofException e) {
          // Not usable for a proof; casevault audit verify reports it.
        }
      }
    } catch (DamagedRecordException e) {
      // The checkpoints before the damaged record are still good for proofs.
    }
    return valid;
  }

  private static SignedCheckpoint open(byte[] record, NoteVerifier key, String origin) {
    SignedNote note = SignedNote.parse(record);
    Checkpoint checkpoint = Checkpoint.open(note, key);
    if (!checkpoint.origin().equals(origin)) {
      throw new InvalidProofException(
          "it is a checkpoint of " + checkpoint.origin() + ", not of " + origin);
    }
    return new SignedCheckpoint(new String(record, StandardCharsets.UTF_8), checkpoint);
  }
}
