package dev.casevault.audit;

import dev.casevault.core.CaseVaultException;
import dev.casevault.core.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The audit log of one data directory ({@code DATA/audit/}): events are encoded, appended durably
 * and covered by a signed checkpoint within {@link #CHECKPOINT_INTERVAL}. One process writes it at
 * a time (a lock file says which), so a local command cannot interleave entries with a running
 * server.
 *
 * <p>The origin, the first line of every checkpoint and the signing key's name, is {@code
 * casevault/<random id>}, chosen at the first open and kept in {@code origin}: two installations
 * never sign checkpoints of the same name.
 */
public final class AuditTrail implements AutoCloseable {
  public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
  public static final long CHECKPOINT_EVERY = 10_000;

  /** How long entries may go unsigned while checkpoints fail before recording stops. */
  public static final Duration UNSIGNED_GRACE = Duration.ofSeconds(10);

  static final String ORIGIN_FILE = "origin";
  static final String KEYS = "keys";
  private static final String LOCK_FILE = "lock";

  private final Path dir;
  private final Clock clock;
  private final AuditLog log;
  private final CheckpointScheduler checkpoints;
  private final FileChannel lockChannel;
  private boolean closed; // guarded by this

  private AuditTrail(
      Path dir,
      Clock clock,
      AuditLog log,
      CheckpointScheduler checkpoints,
      FileChannel lockChannel) {
    this.dir = dir;
    this.clock = clock;
    this.log = log;
    this.checkpoints = checkpoints;
    this.lockChannel = lockChannel;
  }

  /**
   * Opens (or creates) the audit log in {@code dir}.
   *
   * @throws CaseVaultException when another process has it open
   */
  public static AuditTrail open(Path dir, Clock clock) throws IOException {
    OwnerOnlyFiles.createDirectory(dir);
    OwnerOnlyFiles.requireOwnerOnly(dir);
    FileChannel lockChannel =
        FileChannel.open(
            dir.resolve(LOCK_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.READ);
    AuditLog log = null;
    try {
      // Created owner-only like every file of the data directory; it holds nothing but its lock.
      Files.setPosixFilePermissions(
          dir.resolve(LOCK_FILE),
          java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new CaseVaultException(
            "the audit log "
                + dir
                + " is in use by another casevault process (a running server?); reads go through"
                + " it, or stop it first");
      }
      String origin = origin(dir);
      NoteSigner signer = AuditKeys.loadOrCreate(dir.resolve(KEYS), origin);
      log = new AuditLog(dir, origin, signer);
      return new AuditTrail(
          dir,
          clock,
          log,
          new CheckpointScheduler(log, CHECKPOINT_INTERVAL, CHECKPOINT_EVERY),
          lockChannel);
    } catch (IOException | RuntimeException e) {
      try (lockChannel) {
        if (log != null) {
          log.close();
        }
      }
      throw e;
    }
  }

  /** The origin of the log in {@code dir}, created on first use. */
  public static String origin(Path dir) throws IOException {
    Path file = dir.resolve(ORIGIN_FILE);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
    byte[] id = new byte[8];
    new SecureRandom().nextBytes(id);
    String origin = "casevault/" + HexFormat.of().formatHex(id);
    OwnerOnlyFiles.write(file, (origin + "\n").getBytes(StandardCharsets.UTF_8));
    return origin;
  }

  /** The public key an auditor verifies the log in {@code dir} with. */
  public static NoteVerifier verifier(Path dir) throws IOException {
    return AuditKeys.readVerifier(dir.resolve(KEYS));
  }

  /**
   * Records the event, stamped with the current time, and returns once it is durable.
   *
   * @throws AuditLogException when it cannot be recorded: the caller must not answer
   */
  public Receipt record(AuditEvent event) {
    if (checkpoints.failingFor().compareTo(UNSIGNED_GRACE) > 0) {
      // Entries that no checkpoint will sign can be forged unnoticed: stop answering instead.
      AuditLogException cause = checkpoints.lastFailure().orElseThrow();
      throw new AuditLogException(
          "audit checkpoints have failed for over "
              + UNSIGNED_GRACE.toSeconds()
              + " s: "
              + cause.getMessage(),
          cause);
    }
    long index = log.append(AuditEventJson.encode(event.at(clock.instant())));
    return new Receipt(index, log.origin(), clock.instant().plus(CHECKPOINT_INTERVAL));
  }

  /** The log's folder, for readers ({@link AuditEvents}, {@link AuditProofs}). */
  public Path folder() {
    return dir;
  }

  public AuditLog log() {
    return log;
  }

  /** Why checkpointing last failed, if it did (for health checks). */
  public java.util.Optional<AuditLogException> checkpointFailure() {
    return checkpoints.lastFailure();
  }

  /**
   * Stops checkpointing, signs a last checkpoint over everything recorded, and closes; later
   * records throw. Closing twice does nothing.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    checkpoints.close();
    try (lockChannel;
        log) {
      if (log.size() > log.checkpointedSize()) {
        log.checkpoint();
      }
    }
  }
}
