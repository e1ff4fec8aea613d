package dev.casevault.server;

import dev.casevault.service.CaseVault;
import dev.casevault.store.StoreHealth;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The answer of {@code GET /api/health}, which anyone may ask: the store's verdict only. A caller
 * never waits for the store: it gets the last verdict, and a stale one (older than {@link
 * #MAX_AGE_NANOS}) starts one refresh on a background thread. So an anonymous caller can neither
 * turn health checks into load on the cluster nor park request threads on a node that does not
 * answer. The verdict's detail (nodes, shard copies, why the cluster does not answer) goes to the
 * server log when the verdict changes, for operators, not to the caller.
 */
final class HealthCheck {
  static final long MAX_AGE_NANOS = 2_000_000_000L;
  private static final Logger LOG = Logger.getLogger("casevault.server");

  private final CaseVault vault;
  private final AtomicBoolean refreshing = new AtomicBoolean();
  private volatile StoreHealth last;
  private volatile long askedAtNanos;

  HealthCheck(CaseVault vault) {
    this.vault = vault;
    refresh(); // the first verdict, asked while the server starts
  }

  StoreHealth.Status status() {
    if (System.nanoTime() - askedAtNanos >= MAX_AGE_NANOS
        && refreshing.compareAndSet(false, true)) {
      Thread.ofVirtual()
          .name("casevault-health")
          .start(
              () -> {
                try {
                  refresh();
                } finally {
                  refreshing.set(false);
                }
              });
    }
    return last.status();
  }

  private void refresh() {
    StoreHealth health = vault.health();
    StoreHealth previous = last;
    if (previous == null || health.status() != previous.status()) {
      LOG.log(
          health.status() == StoreHealth.Status.OK ? Level.INFO : Level.WARNING,
          "store health " + health.status().wireName() + ": " + health.detail());
    }
    last = health;
    askedAtNanos = System.nanoTime();
  }
}
