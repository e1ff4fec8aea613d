package dev.casevault.scanner;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits a scan keeps to. Bad values are refused, not adjusted: a scan that would hammer a host
 * or hang forever does not start.
 *
 * @param connectTimeout how long to wait for a TCP connection (and TLS handshake)
 * @param readTimeout how long to wait for each reply
 * @param concurrency how many endpoints are probed at once, 1 to 64
 * @param requestsPerSecond the most requests the whole scan sends per second, 0.1 to 200
 * @param maxReplyBytes the most bytes read of any one reply; the rest is dropped
 * @param maxSampledStores per endpoint, how many indices or collections are sampled (the rest are
 *     listed with their counts)
 * @param userAgent sent with every HTTP request, so that the scanned host's owner can tell what
 *     probed them
 */
public record ScanSettings(
    Duration connectTimeout,
    Duration readTimeout,
    int concurrency,
    double requestsPerSecond,
    int maxReplyBytes,
    int maxSampledStores,
    String userAgent) {
  public static final String DEFAULT_USER_AGENT =
      "casevault-scanner/0.1 (read-only exposure check; run by the owner of the scanned host)";

  public ScanSettings {
    requireWithin("connectTimeout", connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(1));
    requireWithin("readTimeout", readTimeout, Duration.ofMillis(100), Duration.ofMinutes(5));
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("concurrency must be 1 to 64, not " + concurrency);
    }
    if (!(requestsPerSecond >= 0.1 && requestsPerSecond <= 200)) {
      throw new IllegalArgumentException(
          "requests per second must be 0.1 to 200, not " + requestsPerSecond);
    }
    if (maxReplyBytes < 4096 || maxReplyBytes > 64 << 20) {
      throw new IllegalArgumentException("max reply bytes must be 4 KiB to 64 MiB");
    }
    if (maxSampledStores < 0 || maxSampledStores > 1000) {
      throw new IllegalArgumentException("max sampled stores must be 0 to 1000");
    }
    Objects.requireNonNull(userAgent, "userAgent");
    if (userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
      throw new IllegalArgumentException("the user agent must be printable ASCII");
    }
  }

  /** 3 s to connect, 10 s per reply, 4 endpoints at once, 20 requests/s, 4 MiB per reply. */
  public static ScanSettings defaults() {
    return new ScanSettings(
        Duration.ofSeconds(3), Duration.ofSeconds(10), 4, 20, 4 << 20, 20, DEFAULT_USER_AGENT);
  }

  public ScanSettings withConcurrency(int value) {
    return new ScanSettings(
        connectTimeout,
        readTimeout,
        value,
        requestsPerSecond,
        maxReplyBytes,
        maxSampledStores,
        userAgent);
  }

  public ScanSettings withRequestsPerSecond(double value) {
    return new ScanSettings(
        connectTimeout,
        readTimeout,
        concurrency,
        value,
        maxReplyBytes,
        maxSampledStores,
        userAgent);
  }

  public ScanSettings withTimeouts(Duration connect, Duration read) {
    return new ScanSettings(
        connect, read, concurrency, requestsPerSecond, maxReplyBytes, maxSampledStores, userAgent);
  }

  private static void requireWithin(String name, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, name);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be " + min + " to " + max);
    }
  }
}
