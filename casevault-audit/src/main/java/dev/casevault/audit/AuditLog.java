package dev.casevault.audit;

import dev.casevault.core.OwnerOnlyFiles;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An append-only log of opaque entries under an RFC 6962 Merkle tree, in a folder of three files:
 * {@code entries} (length-prefixed records), {@code leaf-hashes} (32 bytes per entry, so that the
 * tree and its proofs survive a restart without rehashing) and {@code checkpoints} (length-prefixed
 * signed notes).
 *
 * <p>{@link #append} returns only once the entry is on disk. One writer thread takes every entry
 * queued while it was busy and makes the whole batch durable with one fsync per file (group
 * commit), so concurrent appenders share fsyncs; it is also the only thread that writes through the
 * channels, so an interrupted caller cannot close them. If a write or fsync fails, that append and
 * every later one throw until the log is reopened: the caller fails closed.
 */
public final class AuditLog implements AutoCloseable {
  public static final int MAX_ENTRY_BYTES = RecordReader.MAX_RECORD_BYTES;
  static final String ENTRIES = "entries";
  static final String LEAF_HASHES = "leaf-hashes";
  static final String CHECKPOINTS = "checkpoints";

  private final Path dir;
  private final String origin;
  private final NoteSigner signer;
  private final ChannelOpener opener;
  private final FileChannel entries;
  private final FileChannel leafHashes;
  private final LeafHashFile storedHashes;
  private final CompactRange tree = new CompactRange();
  private final Thread writer;

  private final Object queueLock = new Object();
  private List<Pending> queue = new ArrayList<>(); // guarded by queueLock
  private AuditLogException failure; // guarded by queueLock; set once, never cleared
  private boolean closing; // guarded by queueLock

  private long entriesEnd; // written by the writer thread only
  private final Object checkpointLock = new Object();
  private long checkpointsEnd; // guarded by checkpointLock
  private volatile long checkpointedSize;
  private volatile String latestCheckpoint; // the signed note of checkpointedSize, or null

  private record Pending(byte[] entry, byte[] leafHash, CompletableFuture<Long> durable) {}

  public AuditLog(Path dir, String origin, NoteSigner signer) throws IOException {
    this(dir, origin, signer, ChannelOpener.OWNER_ONLY);
  }

  AuditLog(Path dir, String origin, NoteSigner signer, ChannelOpener opener) throws IOException {
    this.dir = dir;
    this.origin = origin;
    this.signer = signer;
    this.opener = opener;
    OwnerOnlyFiles.createDirectory(dir);
    OwnerOnlyFiles.requireOwnerOnly(dir);
    this.checkpointedSize = recoverCheckpoints();
    this.entries = opener.open(dir.resolve(ENTRIES));
    this.leafHashes = opener.open(dir.resolve(LEAF_HASHES));
    try {
      long size = recoverEntries();
      syncDirectory();
      this.storedHashes = new LeafHashFile(dir.resolve(LEAF_HASHES), size);
    } catch (IOException | RuntimeException e) {
      try (entries;
          leafHashes) {
        throw e;
      }
    }
    this.writer = Thread.ofPlatform().daemon().name("audit-log-writer").start(this::writeLoop);
  }

  /**
   * Appends an entry (1 byte to {@link #MAX_ENTRY_BYTES}) and returns its index once it is durable.
   *
   * @throws AuditLogException if it could not be made durable, now or earlier: record nothing as
   *     done that this entry describes. An entry whose append threw may still be found in the log
   *     after a reopen (it was written but its fsync failed): the log errs towards recording.
   */
  public long append(byte[] entry) {
    if (entry.length == 0 || entry.length > MAX_ENTRY_BYTES) {
      throw new IllegalArgumentException(
          "an audit entry has 1 to " + MAX_ENTRY_BYTES + " bytes, not " + entry.length);
    }
    Pending pending =
        new Pending(entry.clone(), Rfc6962.leafHash(entry), new CompletableFuture<>());
    synchronized (queueLock) {
      if (failure != null) {
        throw new AuditLogException(failure.getMessage(), failure);
      }
      queue.add(pending);
      queueLock.notifyAll();
    }
    try {
      return pending.durable().join();
    } catch (CompletionException e) {
      throw new AuditLogException(e.getCause().getMessage(), e.getCause());
    }
  }

  /** The number of durable entries. */
  public long size() {
    synchronized (tree) {
      return tree.size();
    }
  }

  /** The size covered by the last checkpoint written (0 before the first). */
  public long checkpointedSize() {
    return checkpointedSize;
  }

  /** The signed note of the last checkpoint written, if there is one. */
  public java.util.Optional<String> latestCheckpoint() {
    return java.util.Optional.ofNullable(latestCheckpoint);
  }

  /** The log's origin, the first line of its checkpoints. */
  public String origin() {
    return origin;
  }

  /**
   * Signs the current size and root as a checkpoint, stores it durably and returns the signed note.
   */
  public String checkpoint() {
    synchronized (checkpointLock) {
      synchronized (queueLock) {
        if (failure != null) {
          throw new AuditLogException(failure.getMessage(), failure);
        }
      }
      Checkpoint checkpoint;
      synchronized (tree) {
        checkpoint = new Checkpoint(origin, tree.size(), tree.root());
      }
      String note = signer.sign(checkpoint.body());
      byte[] record = record(note.getBytes(StandardCharsets.UTF_8));
      // A channel per checkpoint: an interrupt in the caller closes only this one. A failed write
      // leaves at most a torn record that the next checkpoint overwrites; the entries stay durable.
      try (FileChannel channel = opener.open(dir.resolve(CHECKPOINTS))) {
        writeFully(channel, ByteBuffer.wrap(record), checkpointsEnd);
        channel.force(false);
      } catch (IOException e) {
        throw new AuditLogException(
            "cannot write a checkpoint of audit log " + dir + ": " + e.getMessage(), e);
      }
      checkpointsEnd += record.length;
      latestCheckpoint = note;
      checkpointedSize = checkpoint.size();
      return note;
    }
  }

  /** The inclusion proof of entry {@code index} in the tree of {@code size} entries. */
  public List<byte[]> inclusionProof(long index, long size) {
    requireDurable(size);
    return MerkleProofs.inclusionProof(storedHashes, index, size);
  }

  /** The proof that the tree of {@code size2} entries extends the one of {@code size1}. */
  public List<byte[]> consistencyProof(long size1, long size2) {
    requireDurable(size2);
    return MerkleProofs.consistencyProof(storedHashes, size1, size2);
  }

  private void requireDurable(long size) {
    if (size > size()) {
      throw new IllegalArgumentException("the log has " + size() + " entries, not " + size);
    }
  }

  /** Finishes the queued appends, then closes; later appends throw. */
  @Override
  public void close() throws IOException {
    synchronized (queueLock) {
      closing = true;
      if (failure == null) {
        failure = new AuditLogException("audit log " + dir + " is closed");
      }
      queueLock.notifyAll();
    }
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      entries.close();
    } finally {
      try {
        leafHashes.close();
      } finally {
        storedHashes.close();
      }
    }
  }

  private void writeLoop() {
    while (true) {
      List<Pending> batch;
      synchronized (queueLock) {
        while (queue.isEmpty() && !closing) {
          try {
            queueLock.wait();
          } catch (InterruptedException e) {
            // Only close() stops this thread; an interrupt from elsewhere is not a reason to lose
            // the queue.
          }
        }
        if (queue.isEmpty()) {
          return;
        }
        batch = queue;
        queue = new ArrayList<>();
      }
      try {
        long first = write(batch);
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).durable().complete(first + i);
        }
      } catch (Throwable t) {
        fail(batch, t);
        return;
      }
    }
  }

  /** Writes a batch to both files, forces them, then extends the tree; returns its first index. */
  private long write(List<Pending> batch) throws IOException {
    int bytes = 0;
    for (Pending pending : batch) {
      bytes += Integer.BYTES + pending.entry().length;
    }
    ByteBuffer data = ByteBuffer.allocate(bytes);
    ByteBuffer hashes = ByteBuffer.allocate(batch.size() * Rfc6962.HASH_BYTES);
    for (Pending pending : batch) {
      data.putInt(pending.entry().length).put(pending.entry());
      hashes.put(pending.leafHash());
    }
    long first = size();
    writeFully(entries, data.flip(), entriesEnd);
    writeFully(leafHashes, hashes.flip(), first * Rfc6962.HASH_BYTES);
    entries.force(false);
    leafHashes.force(false);
    entriesEnd += bytes;
    synchronized (tree) {
      batch.forEach(pending -> tree.append(pending.leafHash()));
    }
    storedHashes.grow(first + batch.size());
    return first;
  }

  private void fail(List<Pending> batch, Throwable cause) {
    AuditLogException failed =
        new AuditLogException(
            "audit log "
                + dir
                + " could not be written ("
                + cause
                + "); it refuses appends until it is reopened",
            cause);
    List<Pending> waiting = new ArrayList<>(batch);
    synchronized (queueLock) {
      failure = failed;
      waiting.addAll(queue);
      queue = new ArrayList<>();
    }
    waiting.forEach(pending -> pending.durable().completeExceptionally(failed));
  }

  /**
   * Truncates a torn last checkpoint and returns the size the last one covers, so that entry
   * recovery never cuts below it.
   */
  private long recoverCheckpoints() throws IOException {
    Path file = dir.resolve(CHECKPOINTS);
    try (FileChannel channel = opener.open(file)) {
      byte[] last = null;
      try (RecordReader reader = new RecordReader(file)) {
        try {
          for (byte[] note = reader.next(); note != null; note = reader.next()) {
            last = note;
          }
        } catch (DamagedRecordException e) {
          if (!e.torn()) {
            throw new AuditLogException(
                file + " is damaged, " + e.getMessage() + ": run casevault audit verify");
          }
          channel.truncate(reader.offset());
          channel.force(false);
        }
        checkpointsEnd = reader.offset();
      }
      if (last == null) {
        return 0;
      }
      latestCheckpoint = new String(last, StandardCharsets.UTF_8);
      return Checkpoint.open(SignedNote.parse(last), signer.verifier()).size();
    }
  }

  /**
   * Truncates a torn last entry, brings the leaf-hash file in line with the entries (a crash can
   * leave either one ahead) and rebuilds the tree; returns the number of entries.
   */
  private long recoverEntries() throws IOException {
    Path file = dir.resolve(ENTRIES);
    long storedCount = leafHashes.size() / Rfc6962.HASH_BYTES;
    List<byte[]> missing = new ArrayList<>();
    long count;
    try (RecordReader reader = new RecordReader(file)) {
      try {
        for (byte[] entry = reader.next(); entry != null; entry = reader.next()) {
          if (reader.index() > storedCount) {
            missing.add(Rfc6962.leafHash(entry));
          }
        }
      } catch (DamagedRecordException e) {
        if (!e.torn() || e.index() < checkpointedSize) {
          throw new AuditLogException(
              file
                  + " is damaged, "
                  + e.getMessage()
                  + (e.torn()
                      ? ", below the last checkpoint (" + checkpointedSize + " entries)"
                      : "")
                  + ": run casevault audit verify");
        }
        entries.truncate(reader.offset());
        entries.force(false);
      }
      count = reader.index();
      entriesEnd = reader.offset();
    }
    if (count < checkpointedSize) {
      throw new AuditLogException(
          file
              + " has "
              + count
              + " entries but the last checkpoint covers "
              + checkpointedSize
              + ": run casevault audit verify");
    }
    leafHashes.truncate(Math.min(storedCount, count) * Rfc6962.HASH_BYTES);
    ByteBuffer hashes = ByteBuffer.allocate(missing.size() * Rfc6962.HASH_BYTES);
    missing.forEach(hashes::put);
    writeFully(leafHashes, hashes.flip(), leafHashes.size());
    leafHashes.force(false);
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(Files.newInputStream(dir.resolve(LEAF_HASHES)), 1 << 16))) {
      for (long i = 0; i < count; i++) {
        tree.append(in.readNBytes(Rfc6962.HASH_BYTES));
      }
    }
    return count;
  }

  /** Makes the creation of the files durable, not only their content. */
  private void syncDirectory() throws IOException {
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  static byte[] record(byte[] content) {
    return ByteBuffer.allocate(Integer.BYTES + content.length)
        .putInt(content.length)
        .put(content)
        .array();
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    for (long at = position; buffer.hasRemaining(); ) {
      at += channel.write(buffer, at);
    }
  }
}
