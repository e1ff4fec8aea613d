package dev.casevault.redaction;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Random;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vault's keys: one random AES-256-GCM key per customer (or per case without a customer),
 * stored only wrapped under the vault key of {@link RedactionKeys}. Sealed values are encrypted
 * under their customer's key and travel with the redacted case; without the customer's key they are
 * unreadable, so forgetting a customer ({@link #forget}) makes every value sealed for them
 * unrecoverable at once, wherever copies of the cases went.
 *
 * <p>Each encryption draws a fresh random 96-bit nonce (Tink's AES-GCM); a key seals only one
 * customer's values, far below the 2^32 messages that random nonces allow per key, so nonces are
 * not reused.
 *
 * <p>The key file {@code DATA/vault/customer-keys} is append-only. New keys are appended as they
 * are created and made durable by {@link #sync()}, which the ingest calls before each index commit,
 * so no committed case can refer to a key that was lost. A torn record at the end of the file (a
 * crash in the middle of an append) belongs to no committed case and is cut off at open.
 */
public final class Vault implements AutoCloseable {
  static final String FILE_NAME = "customer-keys";
  private static final byte[] MAGIC =
      "casevault-vault-keys-v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte KIND_KEY = 1;
  private static final byte KIND_FORGOTTEN = 2;
  private static final int ID_BYTES = 16;
  private static final HexFormat HEX = HexFormat.of();

  private final KeyedTokens subjects;
  private final Aead wrapping;
  private final FileChannel file;
  private final Map<String, byte[]> wrappedKeys = new ConcurrentHashMap<>();
  private final Set<String> forgotten = ConcurrentHashMap.newKeySet();

  private Vault(RedactionKeys keys, FileChannel file) {
    this.subjects = new KeyedTokens(keys.tokenKey());
    try {
      this.wrapping = new AesGcmJce(keys.vaultKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is not available", e);
    }
    this.file = file;
  }

  /** A vault whose keys live only in memory: for tests and benchmarks. */
  public static Vault inMemory(RedactionKeys keys) {
    return new Vault(keys, null);
  }

  /** Opens (or creates) the vault in {@code dir}. */
  public static Vault open(Path dir, RedactionKeys keys) throws IOException {
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path path = dir.resolve(FILE_NAME);
    FileChannel channel =
        FileChannel.open(
            path,
            Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Vault vault = new Vault(keys, channel);
    try {
      vault.load(path);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return vault;
  }

  private void load(Path path) throws IOException {
    long size = file.size();
    if (size == 0) {
      file.write(ByteBuffer.wrap(MAGIC));
      file.force(true);
      return;
    }
    if (size > Integer.MAX_VALUE) {
      throw new IOException(path + " is too large to be a casevault key file");
    }
    ByteBuffer content = ByteBuffer.allocate((int) size);
    while (content.hasRemaining()) {
      if (file.read(content, content.position()) < 0) {
        throw new IOException(path + " shrank while it was read");
      }
    }
    content.flip();
    byte[] magic = new byte[MAGIC.length];
    if (content.remaining() < MAGIC.length || !Arrays.equals(readInto(content, magic), MAGIC)) {
      throw new IOException(path + " is not a casevault vault key file (damaged or foreign)");
    }
    long intact = content.position();
    while (content.remaining() >= 4) {
      int length = content.getInt();
      if (length < 1 + ID_BYTES || length > 1024 || content.remaining() < length) {
        break;
      }
      byte kind = content.get();
      byte[] id = new byte[ID_BYTES];
      content.get(id);
      byte[] wrapped = new byte[length - 1 - ID_BYTES];
      content.get(wrapped);
      String key = HEX.formatHex(id);
      if (kind == KIND_KEY) {
        wrappedKeys.put(key, wrapped);
      } else if (kind == KIND_FORGOTTEN) {
        wrappedKeys.remove(key);
        forgotten.add(key);
      } else {
        throw new IOException(
            path + ": unknown record kind at byte " + (content.position() - length));
      }
      intact = content.position();
    }
    if (intact < size) {
      file.truncate(intact);
      file.force(true);
    }
    file.position(intact);
  }

  private static byte[] readInto(ByteBuffer content, byte[] target) {
    content.get(target);
    return target;
  }

  /**
   * The key that seals values of {@code subject} ({@code customer:ID} or {@code case:ID}), created
   * if it does not exist yet.
   *
   * @throws ForgottenSubjectException if the subject was forgotten: nothing may be sealed for it
   */
  SealKey keyFor(String subject) throws IOException {
    byte[] id = subjects.subjectId(subject);
    String hex = HEX.formatHex(id);
    if (forgotten.contains(hex)) {
      throw new ForgottenSubjectException();
    }
    byte[] wrapped = wrappedKeys.get(hex);
    if (wrapped == null) {
      return create(id, hex);
    }
    return new SealKey(hex, unwrap(wrapped, id));
  }

  /** A new subject's key; the one already created if another thread came first. */
  private synchronized SealKey create(byte[] id, String hex) throws IOException {
    byte[] existing = wrappedKeys.get(hex);
    if (existing != null) {
      return new SealKey(hex, unwrap(existing, id));
    }
    byte[] key = Random.randBytes(32);
    try {
      byte[] wrapped = wrapping.encrypt(key, id);
      // The key in hand seals right away: unwrapping what was just wrapped would only cost time.
      SealKey sealKey = new SealKey(hex, new AesGcmJce(key));
      append(KIND_KEY, id, wrapped);
      wrappedKeys.put(hex, wrapped);
      return sealKey;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM failed", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private Aead unwrap(byte[] wrapped, byte[] id) {
    byte[] key = null;
    try {
      key = wrapping.decrypt(wrapped, id);
      return new AesGcmJce(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a vault key cannot be unwrapped: wrong redaction key file?", e);
    } finally {
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
    }
  }

  /**
   * Destroys the key of {@code subject}: every value sealed for it becomes unrecoverable. Durable
   * when this returns.
   */
  public synchronized void forget(String subject) throws IOException {
    byte[] id = subjects.subjectId(subject);
    String hex = HEX.formatHex(id);
    append(KIND_FORGOTTEN, id, new byte[0]);
    wrappedKeys.remove(hex);
    forgotten.add(hex);
    sync();
  }

  /** Reveals a sealed value, or nothing if its subject was forgotten. */
  public Optional<String> unseal(SealedValue sealed, String caseId, String field) {
    byte[] wrapped = wrappedKeys.get(sealed.keyId());
    if (wrapped == null) {
      return Optional.empty();
    }
    Aead key = unwrap(wrapped, HEX.parseHex(sealed.keyId()));
    try {
      byte[] plain =
          key.decrypt(sealed.ciphertext(), SealedValue.associatedData(caseId, field, sealed));
      return Optional.of(new String(plain, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a sealed value failed authentication: it was altered or moved", e);
    }
  }

  private void append(byte kind, byte[] id, byte[] payload) throws IOException {
    if (file == null) {
      return;
    }
    ByteBuffer record = ByteBuffer.allocate(4 + 1 + ID_BYTES + payload.length);
    record.putInt(1 + ID_BYTES + payload.length).put(kind).put(id).put(payload).flip();
    while (record.hasRemaining()) {
      file.write(record);
    }
  }

  /** Makes every key created so far durable. */
  public synchronized void sync() throws IOException {
    if (file != null) {
      file.force(false);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (file != null) {
      try {
        file.force(false);
      } finally {
        file.close();
      }
    }
  }

  /** A subject's key, ready to seal; its id is what a {@link SealedValue} records. */
  record SealKey(String id, Aead aead) {}

  /** The subject was forgotten; nothing may be sealed for it again. */
  public static final class ForgottenSubjectException extends IOException {
    private static final long serialVersionUID = 1L;

    ForgottenSubjectException() {
      super("the customer of this case was forgotten; its values cannot be sealed");
    }
  }
}
