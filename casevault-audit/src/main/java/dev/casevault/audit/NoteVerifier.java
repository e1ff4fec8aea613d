package dev.casevault.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * An Ed25519 public key of a signed note, named; its text form is the C2SP verifier key {@code
 * <name>+<hex key hash>+<base64(0x01 ‖ public key)>} that an auditor needs and nothing else.
 */
public final class NoteVerifier {
  private final String name;
  private final byte[] publicKey;
  private final byte[] keyHash;
  private final PublicKey key;

  public NoteVerifier(String name, byte[] publicKey) {
    this.name = KeyNames.require(name);
    if (publicKey.length != Ed25519.KEY_BYTES) {
      throw new InvalidProofException(
          "an Ed25519 public key has 32 bytes, not " + publicKey.length);
    }
    this.publicKey = publicKey.clone();
    this.keyHash = KeyNames.keyHash(name, publicKey);
    this.key = Ed25519.publicKey(publicKey);
  }

  /** Parses a verifier key string, checking that its key hash belongs to its name and key. */
  public static NoteVerifier parse(String vkey) {
    String[] fields = vkey.strip().split("\\+", 3);
    if (fields.length != 3) {
      throw new InvalidProofException("malformed verifier key: expected <name>+<key hash>+<key>");
    }
    if (!fields[1].matches("[0-9a-f]{8}")) {
      throw new InvalidProofException("malformed verifier key: the key hash is not 8 hex digits");
    }
    byte[] key = SignedNote.strictBase64(fields[2], "verifier key");
    if (key.length != 1 + Ed25519.KEY_BYTES || key[0] != KeyNames.ED25519) {
      throw new InvalidProofException("malformed verifier key: not an Ed25519 key");
    }
    NoteVerifier verifier = new NoteVerifier(fields[0], Arrays.copyOfRange(key, 1, key.length));
    if (!MessageDigest.isEqual(verifier.keyHash, HexFormat.of().parseHex(fields[1]))) {
      throw new InvalidProofException(
          "malformed verifier key: the key hash does not match the name and key");
    }
    return verifier;
  }

  public String encode() {
    byte[] key = new byte[1 + Ed25519.KEY_BYTES];
    key[0] = KeyNames.ED25519;
    System.arraycopy(publicKey, 0, key, 1, Ed25519.KEY_BYTES);
    return name
        + "+"
        + HexFormat.of().formatHex(keyHash)
        + "+"
        + Base64.getEncoder().encodeToString(key);
  }

  public String name() {
    return name;
  }

  byte[] keyHash() {
    return keyHash.clone();
  }

  /**
   * Checks that this key signed the note. Signatures by other keys are ignored, as the format
   * requires; one by this key's name and hash that does not verify is an error, not something to
   * skip.
   */
  public void verify(SignedNote note) {
    boolean signed = false;
    for (SignedNote.Signature signature : note.signatures()) {
      if (signature.keyName().equals(name) && MessageDigest.isEqual(signature.keyHash(), keyHash)) {
        if (!Ed25519.verify(
            key, note.text().getBytes(StandardCharsets.UTF_8), signature.signature())) {
          throw new InvalidProofException(
              "invalid signature by key " + name + ": the note was altered");
        }
        signed = true;
      }
    }
    if (!signed) {
      throw new InvalidProofException(
          "the note is not signed by key "
              + name
              + " (signed by: "
              + note.signatures().stream()
                  .map(SignedNote.Signature::keyName)
                  .collect(Collectors.joining(", "))
              + ")");
    }
  }

  @Override
  public String toString() {
    return encode();
  }
}
