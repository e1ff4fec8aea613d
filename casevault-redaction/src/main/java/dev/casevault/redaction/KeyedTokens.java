package dev.casevault.redaction;

import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.subtle.PrfHmacJce;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed, deterministic tokens for personal data: HMAC-SHA256 under the token key of {@link
 * RedactionKeys} over the type and the {@link ValueNormaliser normalised} value. The same value
 * gets the same token under one key, so threads stay readable and identity fields stay searchable
 * by exact match; without the key a token cannot be confirmed by hashing guesses.
 */
final class KeyedTokens {
  /** Four hex digits in text placeholders: enough to tell values of one case apart. */
  static final int PLACEHOLDER_HEX = 4;

  /** 96 bits for identity tokens, which must not collide across an archive. */
  static final int IDENTITY_HEX = 24;

  private static final HexFormat HEX = HexFormat.of();
  private final Prf prf;

  KeyedTokens(byte[] key) {
    try {
      this.prf = new PrfHmacJce("HMACSHA256", new SecretKeySpec(key, "HMAC"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The full token of a value, as hex. */
  String token(PiiType type, String value) {
    String input = type.name() + '\0' + ValueNormaliser.normalise(type, value);
    try {
      byte[] mac = prf.compute(input.getBytes(StandardCharsets.UTF_8), IDENTITY_HEX / 2);
      return HEX.formatHex(mac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 failed", e);
    }
  }

  /**
   * A keyed hash of a text that is not stored (a query, a suggestion prefix), so that the audit log
   * can tell equal queries apart from different ones without holding their words.
   */
  String auditHash(String text) {
    try {
      return HEX.formatHex(
          prf.compute(("audit-text\0" + text).getBytes(StandardCharsets.UTF_8), IDENTITY_HEX / 2));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 failed", e);
    }
  }

  /** A key for internal use (vault subjects): never shown, never mixed with value tokens. */
  byte[] subjectId(String subject) {
    try {
      return prf.compute(("vault-subject\0" + subject).getBytes(StandardCharsets.UTF_8), 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 failed", e);
    }
  }
}
