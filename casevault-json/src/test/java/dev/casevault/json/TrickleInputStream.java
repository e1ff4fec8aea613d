package dev.casevault.json;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;

/** Returns its bytes a few at a time, to put line ends and limits at every buffer position. */
final class TrickleInputStream extends InputStream {
  private final ByteArrayInputStream bytes;
  private final Random random;
  private final int maxRead;

  TrickleInputStream(byte[] bytes, Random random, int maxRead) {
    this.bytes = new ByteArrayInputStream(bytes);
    this.random = random;
    this.maxRead = maxRead;
  }

  @Override
  public int read() {
    return bytes.read();
  }

  @Override
  public int read(byte[] b, int off, int len) {
    return bytes.read(b, off, Math.min(len, 1 + random.nextInt(maxRead)));
  }
}
