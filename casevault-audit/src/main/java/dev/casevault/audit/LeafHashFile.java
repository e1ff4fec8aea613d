package dev.casevault.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads the stored leaf hashes, 32 bytes each in entry order, for proofs. A RandomAccessFile rather
 * than a FileChannel: an interrupted reader must not close the channel the log writes through.
 */
final class LeafHashFile implements LeafHashes, AutoCloseable {
  private final RandomAccessFile file;
  private volatile long size;

  LeafHashFile(Path path, long size) throws IOException {
    this.file = new RandomAccessFile(path.toFile(), "r");
    this.size = size;
  }

  @Override
  public long size() {
    return size;
  }

  /** Called by the log once more hashes are durable. */
  void grow(long newSize) {
    size = newSize;
  }

  @Override
  public synchronized byte[] get(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("no leaf " + index + " in a log of " + size);
    }
    byte[] hash = new byte[Rfc6962.HASH_BYTES];
    try {
      file.seek(index * Rfc6962.HASH_BYTES);
      file.readFully(hash);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read leaf hash " + index, e);
    }
    return hash;
  }

  @Override
  public synchronized void close() throws IOException {
    file.close();
  }
}
