package dev.casevault.scanner;

/**
 * Spaces the requests of a whole scan evenly, whichever thread sends them: the bounded rate the
 * scanned hosts see.
 */
final class Pacer {
  private final long intervalNanos;
  private long nextSlot = System.nanoTime();

  Pacer(double perSecond) {
    this.intervalNanos = (long) (1e9 / perSecond);
  }

  /** Waits for this request's slot. */
  void acquire() throws InterruptedException {
    long slot;
    synchronized (this) {
      long now = System.nanoTime();
      slot = Math.max(now, nextSlot);
      nextSlot = slot + intervalNanos;
    }
    long wait = slot - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
  }
}
