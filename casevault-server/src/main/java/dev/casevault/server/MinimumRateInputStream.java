package dev.casevault.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * An upload that must keep a minimum average rate once a grace period has passed, and stay under a
 * size cap: a client cannot hold the ingest (one at a time) by trickling bytes, nor fill the disk.
 */
final class MinimumRateInputStream extends FilterInputStream {
  /** The upload broke a limit; the message says which, for the client. */
  static final class UploadRefusedException extends IOException {
    private final int status;

    UploadRefusedException(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  private final long started = System.nanoTime();
  private final long graceNanos;
  private final long minBytesPerSecond;
  private final long maxBytes;
  private long read;

  MinimumRateInputStream(InputStream in, Duration grace, long minBytesPerSecond, long maxBytes) {
    super(in);
    this.graceNanos = grace.toNanos();
    this.minBytesPerSecond = minBytesPerSecond;
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    count(b < 0 ? -1 : 1);
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    count(n);
    return n;
  }

  private void count(int n) throws IOException {
    if (n > 0) {
      read += n;
    }
    if (read > maxBytes) {
      throw new UploadRefusedException(413, "the upload is over " + maxBytes + " bytes; split it");
    }
    long elapsed = System.nanoTime() - started;
    if (elapsed > graceNanos && read * 1_000_000_000L / elapsed < minBytesPerSecond) {
      throw new UploadRefusedException(408, "the upload came too slowly");
    }
  }
}
