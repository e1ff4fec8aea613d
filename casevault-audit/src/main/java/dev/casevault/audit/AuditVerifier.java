package dev.casevault.audit;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Checks an audit log folder with only the log's public key: recomputes the Merkle tree from the
 * entries, checks every stored checkpoint's signature and root, and, given a checkpoint saved
 * earlier outside the log, that the log still extends it. It trusts nothing else in the folder: the
 * leaf-hash file only helps to name the first bad entry.
 */
public final class AuditVerifier {
  private final NoteVerifier key;
  private final String origin;

  public AuditVerifier(NoteVerifier key, String origin) {
    this.key = key;
    this.origin = origin;
  }

  /**
   * What verification found. {@code errors} mean the log was altered or damaged; {@code warnings}
   * are states a crash or normal operation also leaves (entries not yet under a checkpoint, a torn
   * last record). {@code firstBadEntry} is the index of the first entry known to be wrong or
   * missing, when the files allow naming it.
   */
  public record Report(
      long entries,
      long checkpointedSize,
      OptionalLong firstBadEntry,
      List<String> errors,
      List<String> warnings) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  /** A checkpoint whose signature verified; {@code trusted} when it was saved outside the log. */
  private record Signed(String name, Checkpoint checkpoint, boolean trusted) {}

  public Report verify(Path dir) throws IOException {
    return verify(dir, null);
  }

  /** Verifies, and checks that the log extends {@code trustedNote} (a signed checkpoint's text). */
  public Report verify(Path dir, String trustedNote) throws IOException {
    Findings findings = new Findings();
    List<Signed> checkpoints = readCheckpoints(dir.resolve(AuditLog.CHECKPOINTS), findings);
    if (trustedNote != null) {
      try {
        checkpoints.add(
            new Signed("the trusted checkpoint", open(SignedNote.parse(trustedNote)), true));
      } catch (InvalidProofException e) {
        findings.error("the trusted checkpoint is not valid: " + e.getMessage());
      }
    }
    long covered = 0;
    for (Signed signed : checkpoints) {
      covered = Math.max(covered, signed.checkpoint().size());
    }
    Map<Long, byte[]> roots = new HashMap<>();
    checkpoints.forEach(signed -> roots.put(signed.checkpoint().size(), null));
    long entries = recompute(dir, covered, roots, findings);

    long lastGood = 0;
    long checkpointed = 0;
    for (Signed signed : checkpoints) {
      Checkpoint checkpoint = signed.checkpoint();
      String what = signed.name() + " (size " + checkpoint.size() + ")";
      if (checkpoint.size() > entries) {
        findings.error(
            what
                + " covers more entries than the file holds ("
                + entries
                + "): entries were deleted or the file truncated");
        findings.bad(entries);
      } else if (!MessageDigest.isEqual(roots.get(checkpoint.size()), checkpoint.rootHash())) {
        findings.rootMismatch(
            what
                + (signed.trusted()
                    ? " does not match the log: its history was rewritten after that checkpoint"
                        + " was saved (a fork)"
                    : " does not match the entries")
                + (lastGood > 0 && lastGood < checkpoint.size()
                    ? ": an entry from index " + lastGood + " to " + (checkpoint.size() - 1)
                    : ": an entry below index " + checkpoint.size())
                + " was changed, removed, inserted or reordered");
      } else {
        lastGood = Math.max(lastGood, checkpoint.size());
      }
      if (!signed.trusted()) {
        checkpointed = Math.max(checkpointed, checkpoint.size());
      }
    }
    if (entries > checkpointed) {
      findings.warning(
          "entries "
              + checkpointed
              + " to "
              + (entries - 1)
              + " are beyond the last signed checkpoint (size "
              + checkpointed
              + "): no signature covers them yet");
    }
    return findings.report(entries, checkpointed);
  }

  private Checkpoint open(SignedNote note) {
    Checkpoint checkpoint = Checkpoint.open(note, key);
    if (!checkpoint.origin().equals(origin)) {
      throw new InvalidProofException(
          "it is a checkpoint of " + checkpoint.origin() + ", not of " + origin);
    }
    return checkpoint;
  }

  /** The checkpoints whose signature and format are valid; the others are errors. */
  private List<Signed> readCheckpoints(Path file, Findings findings) throws IOException {
    List<Signed> valid = new ArrayList<>();
    if (!Files.exists(file)) {
      return valid;
    }
    try (RecordReader reader = new RecordReader(file)) {
      long previousSize = 0;
      for (byte[] record = reader.next(); record != null; record = reader.next()) {
        String name = "checkpoint #" + (reader.index() - 1);
        try {
          Checkpoint checkpoint = open(SignedNote.parse(record));
          if (checkpoint.size() < previousSize) {
            findings.error(
                name
                    + " has size "
                    + checkpoint.size()
                    + ", smaller than an earlier checkpoint's "
                    + previousSize
                    + ": the log was rolled back");
          }
          previousSize = Math.max(previousSize, checkpoint.size());
          valid.add(new Signed(name, checkpoint, false));
        } catch (InvalidProofException e) {
          findings.error(name + " is rejected: " + e.getMessage());
        }
      }
    } catch (DamagedRecordException e) {
      if (e.torn()) {
        findings.warning("checkpoints: " + e.getMessage() + " (a crash while checkpointing)");
      } else {
        findings.error("checkpoints: " + e.getMessage());
      }
    }
    return valid;
  }

  /**
   * Streams the entries, hashing each, and records the root at every size in {@code roots};
   * compares each leaf hash with the stored one to name the first entry that changed. Returns the
   * count.
   */
  private long recompute(Path dir, long covered, Map<Long, byte[]> roots, Findings findings)
      throws IOException {
    Path hashesFile = dir.resolve(AuditLog.LEAF_HASHES);
    long stored = Files.exists(hashesFile) ? Files.size(hashesFile) / Rfc6962.HASH_BYTES : 0;
    CompactRange tree = new CompactRange();
    if (roots.containsKey(0L)) {
      roots.put(0L, tree.root());
    }
    long mismatch = -1;
    try (RecordReader reader = new RecordReader(dir.resolve(AuditLog.ENTRIES));
        DataInputStream hashes = new DataInputStream(hashStream(hashesFile))) {
      try {
        for (byte[] entry = reader.next(); entry != null; entry = reader.next()) {
          byte[] leafHash = Rfc6962.leafHash(entry);
          if (tree.size() < stored
              && mismatch < 0
              && !MessageDigest.isEqual(hashes.readNBytes(Rfc6962.HASH_BYTES), leafHash)) {
            mismatch = tree.size();
          }
          tree.append(leafHash);
          if (roots.containsKey(tree.size())) {
            roots.put(tree.size(), tree.root());
          }
        }
      } catch (DamagedRecordException e) {
        if (e.torn() && e.index() >= covered) {
          findings.warning(
              "entries: " + e.getMessage() + " (a crash while appending; reopening truncates it)");
        } else {
          findings.error(
              "entries: "
                  + e.getMessage()
                  + (e.torn()
                      ? ", below a signed checkpoint: the file was cut or the record's length"
                          + " altered"
                      : ""));
          findings.bad(e.index());
        }
      }
    }
    long entries = tree.size();
    if (mismatch >= covered && mismatch >= 0) {
      findings.warning(
          "entry "
              + mismatch
              + " does not match its stored leaf hash, beyond the last signed checkpoint");
    } else if (mismatch >= 0) {
      findings.hashMismatch(mismatch);
    }
    if (stored != entries) {
      findings.warning(
          "the leaf-hash file has "
              + stored
              + " hashes for "
              + entries
              + " entries (the log brings it in line when it next opens)");
    }
    return entries;
  }

  private static InputStream hashStream(Path file) throws IOException {
    return Files.exists(file)
        ? new BufferedInputStream(Files.newInputStream(file), 1 << 16)
        : InputStream.nullInputStream();
  }

  /** Collects messages and works out the first bad entry once everything is known. */
  private static final class Findings {
    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> rootMismatches = new ArrayList<>();
    private long firstBad = Long.MAX_VALUE;
    private long hashMismatch = -1;

    void error(String message) {
      errors.add(message);
    }

    void warning(String message) {
      warnings.add(message);
    }

    void bad(long index) {
      firstBad = Math.min(firstBad, index);
    }

    void rootMismatch(String message) {
      rootMismatches.add(message);
    }

    void hashMismatch(long index) {
      hashMismatch = index;
    }

    /**
     * A stored leaf hash that differs from its entry names the entry exactly when a signed root
     * also disagrees; when every signed root agrees, the entries are right and the hash file is
     * what was altered.
     */
    Report report(long entries, long checkpointed) {
      List<String> all = new ArrayList<>(errors);
      if (hashMismatch >= 0 && rootMismatches.isEmpty() && firstBad == Long.MAX_VALUE) {
        all.add(
            "the leaf-hash file was altered at index "
                + hashMismatch
                + ": the entries match every signed checkpoint");
      } else if (hashMismatch >= 0) {
        bad(hashMismatch);
      }
      all.addAll(rootMismatches);
      if (firstBad != Long.MAX_VALUE) {
        all.add(
            "the first bad entry is index "
                + firstBad
                + " (it differs from what was signed, or is missing)");
      }
      return new Report(
          entries,
          checkpointed,
          firstBad == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(firstBad),
          List.copyOf(all),
          List.copyOf(warnings));
    }
  }
}
