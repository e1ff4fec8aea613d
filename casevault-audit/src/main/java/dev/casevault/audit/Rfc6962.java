package dev.casevault.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of RFC 6962 §2.1 (RFC 9162 §2.1.1): SHA-256 with a one-byte domain prefix, 0x00 for a
 * leaf and 0x01 for an interior node, so that a leaf can never be passed off as a node.
 */
public final class Rfc6962 {
  public static final int HASH_BYTES = 32;

  private Rfc6962() {}

  /** The root of the empty tree: SHA-256 of nothing. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  public static byte[] leafHash(byte[] entry) {
    MessageDigest digest = sha256();
    digest.update((byte) 0x00);
    digest.update(entry);
    return digest.digest();
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest digest = sha256();
    digest.update((byte) 0x01);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
