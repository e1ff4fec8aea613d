package dev.casevault.server;

import dev.casevault.service.CaseVault;
import dev.casevault.store.StoreHealth;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The answer of {@code GET /api/health}, which anyone may ask: the store's verdict only, asked of
 * the store at most once per {@link #MAX_AGE_NANOS} however often the endpoint is called, so an
 * anonymous caller cannot turn health checks into load on the cluster. The verdict's detail (nodes,
 * shard copies, why the cluster does not answer) goes to the server log when the verdict changes,
 * for operators, not to the caller.
 */
final class HealthCheck {
  static final long MAX_AGE_NANOS = 2_000_000_000L;
  private static final Logger LOG = Logger.getLogger("casevault.server");

  private final CaseVault vault;
  private StoreHealth last;
  private long askedAtNanos;

  HealthCheck(CaseVault vault) {
    this.vault = vault;
  }

  synchronized StoreHealth.Status status() {
    long now = System.nanoTime();
    if (last == null || now - askedAtNanos >= MAX_AGE_NANOS) {
      StoreHealth health = vault.health();
      if (last == null || health.status() != last.status()) {
        LOG.log(
            health.status() == StoreHealth.Status.OK ? Level.INFO : Level.WARNING,
            "store health " + health.status().wireName() + ": " + health.detail());
      }
      last = health;
      askedAtNanos = now;
    }
    return last.status();
  }
}
