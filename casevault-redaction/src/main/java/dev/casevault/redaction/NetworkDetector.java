package dev.casevault.redaction;

import java.util.List;
import java.util.Set;

/**
 * IP addresses (v4 and v6) and URLs that carry a credential.
 *
 * <p>IPv4: four dotted decimal octets 0-255 without leading zeros, not part of a longer dotted
 * number. Four small numbers are also how firmware and builds are numbered ("firmware 3.0.5.12"),
 * so a candidate right after a version word ("version", "build", "firmware", "update to", "fixed
 * in"...) within a few tokens is not an address, unless an address word ("IP", "from", "host")
 * stands closer.
 *
 * <p>IPv6: eight hex groups, or fewer with one "::", optionally ending in an embedded IPv4. Times
 * ("10:15:00") and MAC addresses (six groups, no "::") never have the right group count.
 *
 * <p>URL_CREDENTIALS: see {@link NetworkUrls}.
 */
final class NetworkDetector implements Detector {
  private static final double IP_SCORE = 0.95;

  /** How many tokens before an IPv4 candidate are read for version or address words. */
  private static final int CONTEXT_TOKENS = 3;

  /** Words that announce a version number, English and French. */
  private static final Set<String> VERSION_WORDS =
      Set.of(
          "version",
          "versions",
          "ver",
          "v",
          "build",
          "builds",
          "firmware",
          "fw",
          "release",
          "rel",
          "rev",
          "revision",
          "update",
          "updated",
          "upgrade",
          "upgraded",
          "patch",
          "fixed",
          "fix",
          "bios",
          "driver",
          "drivers",
          "micrologiciel",
          "pilote",
          "correctif",
          "corrigé",
          "jour",
          "mise",
          "sp",
          "kb",
          "api",
          "sdk",
          "app",
          "application",
          "software",
          "logiciel",
          "installed",
          "installé",
          "runs",
          "running");

  /**
   * Words that announce an address and so override a version word further back. Not "from":
   * "upgraded from 1.2.3.4" is a version.
   */
  private static final Set<String> ADDRESS_WORDS =
      Set.of(
          "ip",
          "ipv4",
          "address",
          "adresse",
          "host",
          "hôte",
          "server",
          "serveur",
          "gateway",
          "passerelle",
          "dns",
          "wan",
          "lan",
          "router",
          "routeur",
          "box",
          "whitelist",
          "allowlist");

  @Override
  public void detect(ScanText text, List<Finding> out) {
    String s = text.text();
    for (int t = 0; t < text.tokenCount(); t++) {
      text.checkDeadline();
      int start = text.start(t);
      char next = text.charAt(text.end(t));
      if (next == '.' && text.isDigits(t) && text.tokenLength(t) <= 3) {
        int end = ipv4End(s, start);
        if (end > 0 && isStandalone(text, start, end) && !followsVersionWord(text, t)) {
          out.add(new Finding(PiiType.IP_ADDRESS, start, end, IP_SCORE, "ip.v4"));
          t = text.tokenAtOrAfter(end) - 1;
        }
      } else if (next == ':' && text.tokenLength(t) <= 4 && isHex(s, start, text.end(t))) {
        int ipStart = start;
        char previous = text.charAt(start - 1);
        if (previous == ':'
            && text.charAt(start - 2) == ':'
            && !continuesAddress(text.charAt(start - 3))) {
          ipStart = start - 2;
        } else if (previous == ':' || previous == '.' || isAlnum(previous)) {
          continue;
        }
        int end = ipv6End(s, ipStart);
        if (end > 0) {
          out.add(new Finding(PiiType.IP_ADDRESS, ipStart, end, IP_SCORE, "ip.v6"));
          t = text.tokenAtOrAfter(end) - 1;
        }
      }
    }
    NetworkUrls.detect(text, out);
  }

  /** End of a dotted-quad starting at {@code start}, or -1. */
  static int ipv4End(String s, int start) {
    int i = start;
    for (int octet = 0; octet < 4; octet++) {
      if (octet > 0) {
        if (i >= s.length() || s.charAt(i) != '.') {
          return -1;
        }
        i++;
      }
      int digitsStart = i;
      int value = 0;
      while (i < s.length() && i - digitsStart < 4 && isDigit(s.charAt(i))) {
        value = value * 10 + s.charAt(i) - '0';
        i++;
      }
      int digits = i - digitsStart;
      if (digits == 0
          || digits > 3
          || value > 255
          || (digits > 1 && s.charAt(digitsStart) == '0')) {
        return -1;
      }
    }
    return i;
  }

  /** Not a piece of a longer dotted number ("1.2.3.4.5", "v10.0.0.1"), nor glued to a word. */
  private static boolean isStandalone(ScanText text, int start, int end) {
    char before = text.charAt(start - 1);
    char after = text.charAt(end);
    if (isAlnum(before) || isAlnum(after) || before == '-' || before == '_') {
      return false;
    }
    if ((before == '.' || before == ',') && isDigit(text.charAt(start - 2))) {
      return false;
    }
    return !((after == '.' || after == ',' || after == '-') && isDigit(text.charAt(end + 1)));
  }

  /**
   * Whether a version word comes before any address word among the few words before {@code token}.
   * Numbers are skipped, so that in "from 1.2.3.4 to 1.2.3.5" both are read as versions.
   */
  private static boolean followsVersionWord(ScanText text, int token) {
    int words = 0;
    for (int t = token - 1;
        t >= 0 && t >= token - 4 * CONTEXT_TOKENS && words < CONTEXT_TOKENS;
        t--) {
      if (text.isDigits(t)) {
        continue;
      }
      words++;
      if (text.tokenLength(t) > 14 || !text.isLetters(t)) {
        continue;
      }
      String word = text.lowerToken(t);
      if (ADDRESS_WORDS.contains(word)) {
        return false;
      }
      if (VERSION_WORDS.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /**
   * End of an IPv6 address starting at {@code start}, or -1: hex groups separated by ':', at most
   * one "::", an optional IPv4 in place of the last two groups, and exactly eight groups in all
   * (fewer only with "::").
   */
  static int ipv6End(String s, int start) {
    int n = s.length();
    int i = start;
    int groups = 0;
    boolean compressed = false;
    boolean digitSeen = false;
    int longestGroup = 0;
    int end = start;
    if (s.startsWith("::", i)) {
      compressed = true;
      i += 2;
      end = i;
    }
    while (groups < 9) {
      int groupStart = i;
      while (i < n && i - groupStart < 5 && isHexDigit(s.charAt(i))) {
        digitSeen |= isDigit(s.charAt(i));
        i++;
      }
      int length = i - groupStart;
      if (length == 0) {
        break;
      }
      if (length > 4 || (i < n && isAlnum(s.charAt(i)))) {
        return -1;
      }
      if (i + 1 < n && s.charAt(i) == '.' && isDigit(s.charAt(i + 1))) {
        int v4End = ipv4End(s, groupStart);
        if (v4End < 0 || groups > 6) {
          return -1;
        }
        groups += 2;
        end = v4End;
        digitSeen = true;
        longestGroup = 4;
        break;
      }
      groups++;
      longestGroup = Math.max(longestGroup, length);
      end = i;
      if (i + 1 < n && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
        if (compressed) {
          return -1;
        }
        compressed = true;
        i += 2;
        end = i;
      } else if (i + 1 < n && s.charAt(i) == ':' && isHexDigit(s.charAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    if (groups > 8 || (!compressed && groups != 8) || (compressed && groups > 7)) {
      return -1;
    }
    if (compressed && groups < 3 && !(digitSeen && longestGroup >= 3)) {
      // "a::b" is C++ or Perl, not an address; "fe80::1" is.
      return -1;
    }
    char after = end < n ? s.charAt(end) : ' ';
    if (after == ':' && end + 1 < n && isHexDigit(s.charAt(end + 1))) {
      return -1;
    }
    return end > start ? end : -1;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean continuesAddress(char c) {
    return c == ':' || isAlnum(c);
  }

  private static boolean isHex(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!isHexDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isAlnum(char c) {
    return c < 128
        ? isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        : !Character.isSurrogate(c) && Character.isLetterOrDigit(c);
  }
}
