package dev.casevault.corpus;

import java.util.SplittableRandom;

/**
 * Public IPv4 and IPv6 addresses of the kind home and office connections get: never private,
 * loopback, link-local, shared or multicast space.
 */
final class Network {
  /** First octets of ranges that consumer ISPs hand out. */
  private static final int[] IPV4_FIRST = {
    24, 50, 62, 68, 71, 73, 76, 77, 78, 79, 80, 81, 82, 83, 84, 86, 88, 90, 91, 92, 93, 98, 109,
    176, 178, 185, 188, 193, 194, 195, 212, 213, 217
  };

  /** Prefixes of large access networks (Orange, Free, Comcast, AT&T, BT, Deutsche Telekom...). */
  private static final String[] IPV6_PREFIXES = {
    "2a01:cb00",
    "2a01:cb08",
    "2a01:e0a",
    "2a01:e34",
    "2601:",
    "2600:1700",
    "2a00:23c",
    "2003:",
    "2a02:8428",
    "2a02:908",
    "2a02:a03f",
    "2001:1620"
  };

  private Network() {}

  static String ipv4(SplittableRandom r) {
    int first = IPV4_FIRST[r.nextInt(IPV4_FIRST.length)];
    return first + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + Pick.between(r, 1, 254);
  }

  static String ipv6(SplittableRandom r) {
    String prefix = Pick.one(r, IPV6_PREFIXES);
    StringBuilder out = new StringBuilder(40).append(prefix);
    int groups = prefix.endsWith(":") ? 1 : prefix.split(":").length;
    if (prefix.endsWith(":")) {
      // "2601:" still needs its second group.
      out.append(hexGroup(r));
      groups = 2;
    }
    if (Pick.percent(r, 40)) {
      // Compressed: network part, "::", then a short interface id.
      for (; groups < 4; groups++) {
        out.append(':').append(hexGroup(r));
      }
      out.append("::").append(Integer.toHexString(Pick.between(r, 1, 0xffff)));
    } else {
      for (; groups < 8; groups++) {
        out.append(':').append(hexGroup(r));
      }
    }
    return out.toString();
  }

  private static String hexGroup(SplittableRandom r) {
    return Integer.toHexString(Pick.between(r, 1, 0xffff));
  }
}
