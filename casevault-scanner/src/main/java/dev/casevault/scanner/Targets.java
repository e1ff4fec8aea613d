package dev.casevault.scanner;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The operator's targets, parsed into endpoints: a host name, an IP address (IPv6 in brackets when
 * a port follows), {@code host:port}, a CIDR range of at most {@value #MAX_RANGE_ADDRESSES}
 * addresses (an IPv4 /16, an IPv6 /112), or an http(s) URL. Nothing else is scanned: no name is
 * resolved into more addresses, nothing found on one host leads to another.
 */
public final class Targets {
  public static final int MAX_RANGE_ADDRESSES = 65_536;
  public static final int MAX_ENDPOINTS = 1 << 20;

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

  private Targets() {}

  /**
   * @param specs the targets as given
   * @param ports the ports of a target given without one
   * @throws IllegalArgumentException naming the target that is not one, or a range too large
   */
  public static List<Endpoint> parse(List<String> specs, List<Integer> ports) {
    if (ports.isEmpty()) {
      throw new IllegalArgumentException("no ports to probe");
    }
    for (int port : ports) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port " + port + " is not 1 to 65535");
      }
    }
    List<Endpoint> endpoints = new ArrayList<>();
    for (String raw : specs) {
      String spec = raw.strip();
      if (spec.isEmpty()) {
        continue;
      }
      if (spec.contains("://")) {
        endpoints.add(url(spec));
      } else if (spec.contains("/")) {
        for (String address : range(spec)) {
          addAll(endpoints, address, ports);
        }
      } else {
        hostAndPort(spec, ports, endpoints);
      }
      if (endpoints.size() > MAX_ENDPOINTS) {
        throw new IllegalArgumentException(
            "more than " + MAX_ENDPOINTS + " host:port pairs; narrow the ranges or the ports");
      }
    }
    return endpoints;
  }

  /**
   * A port list: {@code 9200,6379,9000-9010}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static List<Integer> ports(String list) {
    List<Integer> ports = new ArrayList<>();
    for (String part : list.split(",")) {
      String item = part.strip();
      String[] bounds = item.split("-", 2);
      int from = port(bounds[0]);
      int to = bounds.length == 2 ? port(bounds[1]) : from;
      if (to < from) {
        throw new IllegalArgumentException("port range " + item + " runs backwards");
      }
      for (int port = from; port <= to; port++) {
        if (!ports.contains(port)) {
          ports.add(port);
        }
      }
    }
    return ports;
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text.strip());
      if (port >= 1 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a port: " + text.strip());
  }

  private static void addAll(List<Endpoint> endpoints, String host, List<Integer> ports) {
    for (int port : ports) {
      endpoints.add(new Endpoint(host, port));
    }
  }

  private static void hostAndPort(String spec, List<Integer> ports, List<Endpoint> endpoints) {
    if (spec.startsWith("[")) {
      int close = spec.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("not a target: " + spec);
      }
      String address = literal(spec.substring(1, close), spec);
      String rest = spec.substring(close + 1);
      if (rest.isEmpty()) {
        addAll(endpoints, address, ports);
      } else if (rest.startsWith(":")) {
        endpoints.add(new Endpoint(address, port(rest.substring(1))));
      } else {
        throw new IllegalArgumentException("not a target: " + spec);
      }
      return;
    }
    long colons = spec.chars().filter(c -> c == ':').count();
    if (colons > 1) {
      addAll(endpoints, literal(spec, spec), ports);
      return;
    }
    String host = colons == 1 ? spec.substring(0, spec.indexOf(':')) : spec;
    if (!IPV4.matcher(host).matches() && !HOST_NAME.matcher(host).matches()) {
      throw new IllegalArgumentException("not a host name or address: " + spec);
    }
    if (IPV4.matcher(host).matches()) {
      host = literal(host, spec);
    }
    if (colons == 1) {
      endpoints.add(new Endpoint(host, port(spec.substring(spec.indexOf(':') + 1))));
    } else {
      addAll(endpoints, host.toLowerCase(Locale.ROOT), ports);
    }
  }

  /** An IP address literal in its normal form; never a name lookup. */
  private static String literal(String text, String spec) {
    boolean v4 = IPV4.matcher(text).matches();
    boolean v6 = text.indexOf(':') >= 0 && text.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("not an IP address: " + spec);
    }
    if (v4) {
      for (String octet : text.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          throw new IllegalArgumentException("not an IP address: " + spec);
        }
      }
    }
    try {
      // A literal is parsed, not resolved.
      return InetAddress.getByName(text).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + spec);
    }
  }

  private static Endpoint url(String spec) {
    URI uri;
    try {
      uri = new URI(spec);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + spec);
    }
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("only http and https URLs can be targets: " + spec);
    }
    if (uri.getRawUserInfo() != null) {
      // The scanner never sends credentials, and a URL is a poor place to keep them.
      throw new IllegalArgumentException("a target URL must not carry a user or password");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("a target URL needs a host: " + spec);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("a target URL has no query or fragment: " + spec);
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() > 0 ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
    return new Endpoint(host, port, uri);
  }

  /** Every address of a CIDR range, refusing ranges over {@value #MAX_RANGE_ADDRESSES}. */
  static List<String> range(String spec) {
    String[] parts = spec.split("/", 2);
    int prefix;
    try {
      prefix = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR range: " + spec);
    }
    byte[] address;
    try {
      address = InetAddress.getByName(literal(parts[0], spec)).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not a CIDR range: " + spec);
    }
    int bits = address.length * 8;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("not a CIDR range: " + spec);
    }
    int hostBits = bits - prefix;
    if (hostBits > 16) {
      throw new IllegalArgumentException(
          "range "
              + spec
              + " has 2^"
              + hostBits
              + " addresses; the scanner takes at most "
              + MAX_RANGE_ADDRESSES
              + " per range (an IPv4 /16, an IPv6 /112): split it or name the hosts");
    }
    BigInteger base = new BigInteger(1, address).shiftRight(hostBits).shiftLeft(hostBits);
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < (1 << hostBits); i++) {
      byte[] raw = base.add(BigInteger.valueOf(i)).toByteArray();
      byte[] fixed = new byte[address.length];
      int copy = Math.min(raw.length, fixed.length);
      System.arraycopy(raw, raw.length - copy, fixed, fixed.length - copy, copy);
      try {
        addresses.add(InetAddress.getByAddress(fixed).getHostAddress());
      } catch (UnknownHostException e) {
        throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
      }
    }
    return addresses;
  }
}
