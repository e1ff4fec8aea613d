package dev.casevault.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=19456,t=2,p=1$...}),
 * with OWASP's recommended minimum cost: 19 MiB of memory, 2 passes, 1 lane.
 *
 * <p>Verification re-reads the cost from the stored string, so raising the cost later does not lock
 * anyone out; comparison is constant-time.
 */
public final class PasswordHasher {
  private static final int MEMORY_KIB = 19 * 1024;
  private static final int ITERATIONS = 2;
  private static final int LANES = 1;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  /** Bounds on costs read back from a stored hash, so a tampered file cannot stall the server. */
  private static final int MAX_MEMORY_KIB = 1024 * 1024;

  private static final int MAX_ITERATIONS = 16;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

  private final SecureRandom random = new SecureRandom();

  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, LANES, HASH_BYTES);
    return "$argon2id$v=19$m="
        + MEMORY_KIB
        + ",t="
        + ITERATIONS
        + ",p="
        + LANES
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(hash);
  }

  /** Whether {@code password} matches {@code encoded}; false for a malformed hash. */
  public boolean verify(char[] password, String encoded) {
    String[] parts = encoded.split("\\$");
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    int memory;
    int iterations;
    int lanes;
    byte[] salt;
    byte[] expected;
    try {
      String[] costs = parts[3].split(",");
      memory = Integer.parseInt(costs[0].substring("m=".length()));
      iterations = Integer.parseInt(costs[1].substring("t=".length()));
      lanes = Integer.parseInt(costs[2].substring("p=".length()));
      salt = B64_DECODER.decode(parts[4]);
      expected = B64_DECODER.decode(parts[5]);
    } catch (RuntimeException e) {
      return false;
    }
    if (memory < 8 * lanes
        || memory > MAX_MEMORY_KIB
        || iterations < 1
        || iterations > MAX_ITERATIONS
        || lanes != 1
        || expected.length < 16
        || salt.length < 8) {
      return false;
    }
    byte[] actual = derive(password, salt, memory, iterations, lanes, expected.length);
    return MessageDigest.isEqual(actual, expected);
  }

  private static byte[] derive(
      char[] password, byte[] salt, int memory, int iterations, int lanes, int length) {
    Argon2Parameters parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(memory)
            .withIterations(iterations)
            .withParallelism(lanes)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    byte[] passwordBytes = toUtf8(password);
    try {
      generator.generateBytes(passwordBytes, out);
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
    }
    return out;
  }

  private static byte[] toUtf8(char[] password) {
    java.nio.ByteBuffer encoded = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }
}
