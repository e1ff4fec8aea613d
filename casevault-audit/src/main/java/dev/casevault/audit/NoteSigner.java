package dev.casevault.audit;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * An Ed25519 signing key for signed notes. Its text form is the one of the reference implementation
 * (golang.org/x/mod/sumdb/note), {@code PRIVATE+KEY+<name>+<hex key hash>+<base64(0x01 ‖ seed)>},
 * so a key can move between tools.
 */
public final class NoteSigner {
  private static final String PREFIX = "PRIVATE+KEY+";
  private final PrivateKey privateKey;
  private final byte[] seed;
  private final NoteVerifier verifier;

  private NoteSigner(String name, KeyPair pair) {
    this.privateKey = pair.getPrivate();
    this.seed = Ed25519.seed(pair.getPrivate());
    this.verifier = new NoteVerifier(name, Ed25519.raw(pair.getPublic()));
  }

  public static NoteSigner generate(String name) {
    return new NoteSigner(KeyNames.require(name), Ed25519.generate());
  }

  public static NoteSigner parse(String skey) {
    String trimmed = skey.strip();
    if (!trimmed.startsWith(PREFIX)) {
      throw new InvalidProofException("malformed signing key: it must start with " + PREFIX);
    }
    String[] fields = trimmed.substring(PREFIX.length()).split("\\+", 3);
    if (fields.length != 3) {
      throw new InvalidProofException(
          "malformed signing key: expected " + PREFIX + "<name>+<key hash>+<key>");
    }
    byte[] key = SignedNote.strictBase64(fields[2], "signing key");
    if (key.length != 1 + Ed25519.KEY_BYTES || key[0] != KeyNames.ED25519) {
      throw new InvalidProofException("malformed signing key: not an Ed25519 key");
    }
    NoteSigner signer =
        new NoteSigner(
            KeyNames.require(fields[0]), Ed25519.fromSeed(Arrays.copyOfRange(key, 1, key.length)));
    if (!HexFormat.of().formatHex(signer.verifier.keyHash()).equals(fields[1])) {
      throw new InvalidProofException(
          "malformed signing key: the key hash does not match the name and key");
    }
    return signer;
  }

  public String encode() {
    byte[] key = new byte[1 + Ed25519.KEY_BYTES];
    key[0] = KeyNames.ED25519;
    System.arraycopy(seed, 0, key, 1, Ed25519.KEY_BYTES);
    return PREFIX
        + verifier.name()
        + "+"
        + HexFormat.of().formatHex(verifier.keyHash())
        + "+"
        + Base64.getEncoder().encodeToString(key);
  }

  public String name() {
    return verifier.name();
  }

  public NoteVerifier verifier() {
    return verifier;
  }

  /** Signs {@code text} (non-empty, ending in a newline) and returns the whole note. */
  public String sign(String text) {
    SignedNote unsigned = new SignedNote(text, List.of());
    byte[] signature = Ed25519.sign(privateKey, unsigned.text().getBytes(StandardCharsets.UTF_8));
    return new SignedNote(
            text, List.of(new SignedNote.Signature(name(), verifier.keyHash(), signature)))
        .format();
  }

  /** Never the key itself: a signer that ends up in a log or an exception message stays secret. */
  @Override
  public String toString() {
    return "NoteSigner[" + name() + "]";
  }
}
