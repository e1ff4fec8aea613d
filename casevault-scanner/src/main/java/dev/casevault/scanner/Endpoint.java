package dev.casevault.scanner;

import java.net.URI;
import java.util.Objects;

/**
 * One host and port to probe, named by the operator (directly, or as part of a range they gave).
 *
 * @param host a name or an IP address literal (IPv6 without brackets)
 * @param port 1 to 65535
 * @param url the URL the operator gave, when the target was one (an S3 bucket's address, say): HTTP
 *     probes start from its scheme and path; null otherwise
 */
public record Endpoint(String host, int port, URI url) {
  public Endpoint {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " is not 1 to 65535");
    }
  }

  public Endpoint(String host, int port) {
    this(host, port, null);
  }

  /** {@code host:port}, with brackets around an IPv6 address. */
  public String authority() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public String toString() {
    return url != null ? url.toString() : authority();
  }
}
