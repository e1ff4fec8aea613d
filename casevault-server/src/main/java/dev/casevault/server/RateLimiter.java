package dev.casevault.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a principal id, or a client address for failed logins): {@code perMinute}
 * requests a minute on average, in bursts of up to a tenth of that.
 */
final class RateLimiter {
  private final double perNano;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long lastNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.lastNanos = now;
    }
  }

  RateLimiter(int perMinute) {
    this.perNano = perMinute / 60e9;
    this.burst = Math.max(1, perMinute / 10.0);
  }

  /** Buckets kept before idle ones are dropped (a full bucket is the same as no bucket). */
  private static final int MAX_BUCKETS = 10_000;

  /** Forgets every bucket: every key starts again with a full burst. */
  void clear() {
    buckets.clear();
  }

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  long acquire(String key) {
    long now = System.nanoTime();
    if (buckets.size() > MAX_BUCKETS) {
      long refill = (long) (burst / perNano);
      buckets.values().removeIf(b -> now - b.lastNanos > refill);
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    synchronized (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.lastNanos) * perNano);
      bucket.lastNanos = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9));
    }
  }
}
