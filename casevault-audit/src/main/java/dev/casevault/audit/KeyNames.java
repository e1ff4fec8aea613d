package dev.casevault.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/** Key names and key hashes of C2SP signed-note. */
final class KeyNames {
  static final byte ED25519 = 0x01;
  static final int KEY_HASH_BYTES = 4;

  private KeyNames() {}

  /** Non-empty, and neither Unicode spaces nor '+', which separate the fields of a key string. */
  static String require(String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidProofException("a key name must not be empty");
    }
    for (int i = 0; i < name.length(); ) {
      int c = name.codePointAt(i);
      if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        throw new InvalidProofException(
            "key name " + name + " contains a space or '+', which signed notes forbid");
      }
      if (Character.isISOControl(c)) {
        throw new InvalidProofException("key name contains a control character");
      }
      i += Character.charCount(c);
    }
    return name;
  }

  /** The first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
  static byte[] keyHash(String name, byte[] publicKey) {
    MessageDigest digest = Rfc6962.sha256();
    digest.update(name.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0x0A);
    digest.update(ED25519);
    digest.update(publicKey);
    return Arrays.copyOf(digest.digest(), KEY_HASH_BYTES);
  }
}
