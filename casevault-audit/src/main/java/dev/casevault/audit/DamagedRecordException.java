package dev.casevault.audit;

import java.io.IOException;

/**
 * A record of a length-prefixed file that cannot be read. {@link #torn()} tells a record cut short
 * at the end of the file, as a crash in the middle of a write leaves it, from one that is invalid.
 */
public final class DamagedRecordException extends IOException {
  private final long index;
  private final boolean torn;

  DamagedRecordException(long index, long offset, boolean torn, String reason) {
    super("record " + index + " at byte " + offset + ": " + reason);
    this.index = index;
    this.torn = torn;
  }

  public long index() {
    return index;
  }

  public boolean torn() {
    return torn;
  }
}
