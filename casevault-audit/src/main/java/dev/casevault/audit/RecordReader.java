package dev.casevault.audit;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file of records in order, each a 4-byte big-endian length (1 to {@link
 * #MAX_RECORD_BYTES}) followed by that many bytes. Reads stop at the file's size when opened, so a
 * log being appended to can be read.
 */
final class RecordReader implements AutoCloseable {
  static final int MAX_RECORD_BYTES = 1 << 20;

  private final DataInputStream in;
  private final long fileSize;
  private long offset;
  private long index;

  RecordReader(Path file) throws IOException {
    this.fileSize = Files.size(file);
    this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
  }

  /** The next record, or null at the end of the file. */
  byte[] next() throws IOException {
    long remaining = fileSize - offset;
    if (remaining == 0) {
      return null;
    }
    if (remaining < Integer.BYTES) {
      throw damaged(true, "the file ends inside its length");
    }
    int length = in.readInt();
    remaining -= Integer.BYTES;
    if (length == 0 && restIsZero(remaining)) {
      // Some file systems extend a file with zeros before the data reaches the disk.
      throw damaged(true, "the file ends in zeros");
    }
    if (length <= 0 || length > MAX_RECORD_BYTES) {
      throw damaged(false, "invalid length " + Integer.toUnsignedString(length));
    }
    if (length > remaining) {
      throw damaged(true, "the file ends inside it (" + remaining + " of " + length + " bytes)");
    }
    byte[] record = in.readNBytes(length);
    offset += Integer.BYTES + length;
    index++;
    return record;
  }

  /** Where the next record starts: after {@link #next} fails, the end of the valid records. */
  long offset() {
    return offset;
  }

  /** How many records were read. */
  long index() {
    return index;
  }

  private boolean restIsZero(long remaining) throws IOException {
    byte[] buffer = new byte[8192];
    for (long left = remaining; left > 0; ) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        return true;
      }
      for (int i = 0; i < read; i++) {
        if (buffer[i] != 0) {
          return false;
        }
      }
      left -= read;
    }
    return true;
  }

  private DamagedRecordException damaged(boolean torn, String reason) {
    return new DamagedRecordException(index, offset, torn, reason);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
