package dev.casevault.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How bearer secrets (API keys, session tokens) are kept: only their SHA-256, so a copy of the
 * store or of the heap hands out no working credential. A plain hash suffices because the secrets
 * are 256 random bits, not passwords a dictionary could guess.
 */
public final class BearerSecrets {
  private BearerSecrets() {}

  /** The SHA-256 of an ASCII secret, in hex. */
  public static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
