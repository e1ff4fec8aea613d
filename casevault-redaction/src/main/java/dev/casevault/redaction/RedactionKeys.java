package dev.casevault.redaction;

import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.subtle.Random;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The secret keys of redaction, derived with HKDF-SHA256 from one random 256-bit master secret: the
 * key of the keyed tokens ({@code [EMAIL#7f3a]}, identity tokens) and the key that wraps the
 * vault's per-customer keys.
 *
 * <p>The master secret lives in {@code DATA/keys/redaction.key}, created at the first ingest with
 * owner-only permissions and refused if anyone else can read it. Lose it and tokens can no longer
 * be matched to new values and sealed values can no longer be revealed: back it up apart from the
 * data. Key material never appears in {@link #toString()}, logs or errors.
 */
public final class RedactionKeys {
  static final String FILE_NAME = "redaction.key";
  private static final byte[] MAGIC =
      "casevault-redaction-key-v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int SECRET_BYTES = 32;
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final byte[] tokenKey;
  private final byte[] vaultKey;

  private RedactionKeys(byte[] master) {
    this.tokenKey = derive(master, "casevault keyed tokens v1");
    this.vaultKey = derive(master, "casevault vault key wrapping v1");
  }

  /** Fresh random keys held only in memory: for tests and benchmarks. */
  public static RedactionKeys ephemeral() {
    return new RedactionKeys(Random.randBytes(SECRET_BYTES));
  }

  /**
   * The keys of the data directory whose key folder is {@code keysDir}, created on first use.
   *
   * @throws IOException if the key file exists but is readable by others, is not a regular file, or
   *     is damaged
   */
  public static RedactionKeys openOrCreate(Path keysDir) throws IOException {
    Path file = keysDir.resolve(FILE_NAME);
    try {
      return new RedactionKeys(readMaster(file));
    } catch (NoSuchFileException absent) {
      byte[] master = Random.randBytes(SECRET_BYTES);
      create(keysDir, file, master);
      return new RedactionKeys(master);
    }
  }

  /**
   * The existing keys of a data directory, for reading: never creates them.
   *
   * @throws IOException if there are none, or they are unsafe or damaged
   */
  public static RedactionKeys open(Path keysDir) throws IOException {
    Path file = keysDir.resolve(FILE_NAME);
    try {
      return new RedactionKeys(readMaster(file));
    } catch (NoSuchFileException absent) {
      throw new IOException("no redaction key " + file + " (run casevault ingest first)");
    }
  }

  private static byte[] readMaster(Path file) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(file + " is not a regular file; refusing to use it as a key");
      }
      throw new NoSuchFileException(file.toString());
    }
    Set<PosixFilePermission> permissions =
        Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    if (!OWNER_ONLY_FILE.containsAll(permissions)) {
      throw new IOException(
          file
              + " can be read or written by others ("
              + PosixFilePermissions.toString(permissions)
              + "); fix it with: chmod 600 "
              + file);
    }
    byte[] content = Files.readAllBytes(file);
    if (content.length != MAGIC.length + SECRET_BYTES
        || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException(file + " is not a casevault redaction key file (damaged or foreign)");
    }
    return Arrays.copyOfRange(content, MAGIC.length, content.length);
  }

  private static void create(Path keysDir, Path file, byte[] master) throws IOException {
    Files.createDirectories(
        keysDir,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    ByteBuffer content =
        ByteBuffer.allocate(MAGIC.length + SECRET_BYTES).put(MAGIC).put(master).flip();
    try (FileChannel channel =
        FileChannel.open(
            file,
            Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))) {
      while (content.hasRemaining()) {
        channel.write(content);
      }
      channel.force(true);
    }
    try (FileChannel dir = FileChannel.open(keysDir, StandardOpenOption.READ)) {
      dir.force(true); // the new file's directory entry must survive a crash too
    }
  }

  private static byte[] derive(byte[] master, String purpose) {
    try {
      return Hkdf.computeHkdf(
          "HMACSHA256", master, new byte[0], purpose.getBytes(StandardCharsets.US_ASCII), 32);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HKDF-SHA256 is not available", e);
    }
  }

  byte[] tokenKey() {
    return tokenKey;
  }

  byte[] vaultKey() {
    return vaultKey;
  }

  @Override
  public String toString() {
    return "RedactionKeys[secret]";
  }
}
