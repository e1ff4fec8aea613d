package dev.casevault.audit;

import java.util.Base64;

/**
 * The body of a C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the log's origin, its tree size
 * and its root hash, one per line. Signed, it commits the log to every entry below that size.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {
  public Checkpoint {
    if (origin.isEmpty() || origin.contains("\n")) {
      throw new InvalidProofException("a checkpoint origin is one non-empty line");
    }
    if (size < 0) {
      throw new InvalidProofException("a tree size is not negative");
    }
    if (rootHash.length != Rfc6962.HASH_BYTES) {
      throw new InvalidProofException("a root hash has 32 bytes, not " + rootHash.length);
    }
    rootHash = rootHash.clone();
  }

  public String body() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  /** Parses the text of a signed note as a checkpoint; this log writes no extension lines. */
  public static Checkpoint parse(String body) {
    if (!body.endsWith("\n")) {
      throw new InvalidProofException("malformed checkpoint: it must end in a newline");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new InvalidProofException(
          "malformed checkpoint: expected origin, tree size and root hash lines, found "
              + lines.length
              + " line(s)");
    }
    if (lines.length > 3) {
      throw new InvalidProofException(
          "malformed checkpoint: "
              + (lines.length - 3)
              + " extension line(s), which this log never writes");
    }
    if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new InvalidProofException(
          "malformed checkpoint: tree size "
              + lines[1]
              + " is not a decimal number without leading zeros");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new InvalidProofException(
          "malformed checkpoint: tree size " + lines[1] + " is too large");
    }
    byte[] root = SignedNote.strictBase64(lines[2], "checkpoint root hash");
    if (root.length != Rfc6962.HASH_BYTES) {
      throw new InvalidProofException(
          "malformed checkpoint: the root hash has " + root.length + " bytes, not 32");
    }
    if (lines[0].isEmpty()) {
      throw new InvalidProofException("malformed checkpoint: empty origin");
    }
    return new Checkpoint(lines[0], size, root);
  }

  /** Verifies the note's signature by {@code key}, then parses its text as a checkpoint. */
  public static Checkpoint open(SignedNote note, NoteVerifier key) {
    key.verify(note);
    return parse(note.text());
  }
}
