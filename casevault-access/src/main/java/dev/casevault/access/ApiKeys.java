package dev.casevault.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * API keys for programs: random, shown once at creation, stored only as a SHA-256 hash, bound to
 * roles and attributes, always expiring, revocable.
 *
 * <p>A key reads {@code cvk_<id>_<secret>}: the id (12 hex digits) finds the record without a scan
 * and may be logged; the secret (256 random bits) is compared by hash in constant time. A plain
 * hash suffices because the secret is random, not a password a dictionary could guess.
 */
public final class ApiKeys {
  public static final String PREFIX = "cvk_";
  public static final Duration MAX_VALIDITY = Duration.ofDays(366);

  /**
   * One key as stored: {@code created}, {@code expires} and {@code revoked} are ISO-8601 instants
   * ({@code revoked} null while valid).
   */
  public record ApiKey(
      String id,
      String name,
      String secretHash,
      Set<String> roles,
      Map<String, List<String>> attributes,
      String createdBy,
      String created,
      String expires,
      String revoked) {
    public ApiKey {
      roles = Set.copyOf(roles);
      attributes = Map.copyOf(attributes);
    }

    public boolean usableAt(Instant now) {
      return revoked == null && now.isBefore(Instant.parse(expires));
    }
  }

  /** A new key and its secret, which exists nowhere else: show it once. */
  public record Issued(ApiKey key, String token) {}

  private record Stored(List<ApiKey> keys) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Base64.Encoder SECRET_ENCODING = Base64.getUrlEncoder().withoutPadding();

  private final Path file;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile Map<String, ApiKey> keys;

  private ApiKeys(Path file, Clock clock, Map<String, ApiKey> keys) {
    this.file = file;
    this.clock = clock;
    this.keys = keys;
  }

  public static ApiKeys open(Path file, Clock clock) throws IOException {
    Map<String, ApiKey> keys = new TreeMap<>();
    if (Files.exists(file)) {
      try {
        for (ApiKey key : JSON.readValue(OwnerOnlyFiles.read(file), Stored.class).keys()) {
          keys.put(key.id(), key);
        }
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new CaseVaultException(
            file + ": not a valid API key file (" + e.getOriginalMessage() + ")");
      }
    }
    return new ApiKeys(file, clock, keys);
  }

  /** Whether {@code token} is shaped like an API key (and not, say, a JWT). */
  public static boolean looksLikeKey(String token) {
    return token.startsWith(PREFIX);
  }

  public synchronized Issued create(
      String name,
      Set<String> roles,
      Map<String, List<String>> attributes,
      Duration validity,
      String createdBy)
      throws IOException {
    if (name == null || name.isBlank() || name.length() > 100) {
      throw new CaseVaultException("an API key needs a name of 1 to 100 characters");
    }
    if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
      throw new CaseVaultException(
          "an API key expires after 1 second to " + MAX_VALIDITY.toDays() + " days");
    }
    byte[] idBytes = new byte[6];
    byte[] secretBytes = new byte[32];
    String id;
    do {
      random.nextBytes(idBytes);
      id = HexFormat.of().formatHex(idBytes);
    } while (keys.containsKey(id));
    random.nextBytes(secretBytes);
    String secret = SECRET_ENCODING.encodeToString(secretBytes);
    Instant now = clock.instant();
    ApiKey key =
        new ApiKey(
            id,
            name,
            BearerSecrets.hash(secret),
            roles,
            attributes,
            createdBy,
            now.toString(),
            now.plus(validity).toString(),
            null);
    put(key);
    return new Issued(key, PREFIX + id + "_" + secret);
  }

  /**
   * The principal of a valid, unexpired, unrevoked key.
   *
   * @throws AuthenticationFailedException otherwise
   */
  public Principal authenticate(String token) {
    if (!looksLikeKey(token) || token.length() > 100) {
      throw new AuthenticationFailedException("malformed API key");
    }
    int separator = token.indexOf('_', PREFIX.length());
    if (separator < 0) {
      throw new AuthenticationFailedException("malformed API key");
    }
    String id = token.substring(PREFIX.length(), separator);
    String secret = token.substring(separator + 1);
    ApiKey key = keys.get(id);
    if (key == null) {
      throw new AuthenticationFailedException("unknown API key");
    }
    if (!MessageDigest.isEqual(
        BearerSecrets.hash(secret).getBytes(StandardCharsets.US_ASCII),
        key.secretHash().getBytes(StandardCharsets.US_ASCII))) {
      throw new AuthenticationFailedException("wrong API key secret");
    }
    if (key.revoked() != null) {
      throw new AuthenticationFailedException("revoked API key");
    }
    if (!key.usableAt(clock.instant())) {
      throw new AuthenticationFailedException("expired API key");
    }
    return new Principal(
        "key:" + key.id(), Principal.AuthenticationMethod.API_KEY, key.roles(), key.attributes());
  }

  /** Revokes a key for good; false if there is no such key. */
  public synchronized boolean revoke(String id) throws IOException {
    ApiKey key = keys.get(id);
    if (key == null) {
      return false;
    }
    if (key.revoked() == null) {
      put(
          new ApiKey(
              key.id(),
              key.name(),
              key.secretHash(),
              key.roles(),
              key.attributes(),
              key.createdBy(),
              key.created(),
              key.expires(),
              clock.instant().toString()));
    }
    return true;
  }

  /** Revokes every key {@code principalId} created; returns how many were still valid. */
  public synchronized int revokeCreatedBy(String principalId) throws IOException {
    int revoked = 0;
    for (ApiKey key : keys.values()) {
      if (principalId.equals(key.createdBy()) && key.revoked() == null) {
        revoke(key.id());
        revoked++;
      }
    }
    return revoked;
  }

  public List<ApiKey> list() {
    return List.copyOf(keys.values());
  }

  private void put(ApiKey key) throws IOException {
    Map<String, ApiKey> next = new TreeMap<>(keys);
    next.put(key.id(), key);
    OwnerOnlyFiles.write(file, JSON.writeValueAsBytes(new Stored(List.copyOf(next.values()))));
    keys = next;
  }
}
