package dev.casevault.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * URLs that carry a credential, reported whole (type URL_CREDENTIALS): a user and password before
 * the host ({@code sftp://admin:Winter2019!@nas.contoso.com/}, {@code
 * postgres://app:s3cr3t@db:5432/crm}, any scheme), a query or fragment parameter named like a
 * secret ({@code ?api_key=...}, {@code #access_token=...}, {@code X-Amz-Signature=...}) with a
 * value that is not a placeholder, and webhook URLs whose path is the secret (Slack, Discord,
 * Microsoft Teams).
 *
 * <p>Candidates are the "://" positions. A URL ends at whitespace, a quote or an angle bracket, and
 * loses trailing sentence punctuation.
 */
final class NetworkUrls {
  private static final double SCORE = 0.99;

  /** Longer URLs are cut here; the credential, if any, is near the start. */
  private static final int MAX_URL = 4096;

  private static final int MAX_SCHEME = 32;

  /** Shortest parameter value taken for a secret: "key=abc" is an example, not a key. */
  private static final int MIN_SECRET_VALUE = 8;

  private static final Set<String> SECRET_PARAMETERS =
      Set.of(
          "token",
          "access_token",
          "accesstoken",
          "refresh_token",
          "id_token",
          "auth_token",
          "session_token",
          "api_key",
          "apikey",
          "api-key",
          "key",
          "secret",
          "client_secret",
          "password",
          "passwd",
          "pwd",
          "pass",
          "sig",
          "signature",
          "auth",
          "access_key",
          "secret_key",
          "private_key",
          "x-amz-signature",
          "x-amz-security-token",
          "x-amz-credential",
          "x-goog-signature",
          "x-goog-credential",
          "code",
          "jwt",
          "sas");

  /** Hosts and path prefixes of webhook URLs, where knowing the URL is enough to post. */
  private static final String[][] WEBHOOKS = {
    {"hooks.slack.com", "/services/"},
    {"hooks.slack.com", "/workflows/"},
    {"discord.com", "/api/webhooks/"},
    {"discordapp.com", "/api/webhooks/"},
    {"outlook.office.com", "/webhook/"},
  };

  private NetworkUrls() {}

  static void detect(ScanText text, List<Finding> out) {
    String s = text.text();
    int previousEnd = -1;
    // Every "://" of one run of URL characters shares the run's end ("https://a/?u=ftp://b"), so
    // each run is measured once and the parameters are read once, for its first URL: the work
    // stays linear even for a field of repeated "://".
    int runEnd = -1;
    for (int i = 0; i < text.schemeSeparatorCount(); i++) {
      text.checkDeadline();
      int colon = text.schemeSeparator(i);
      if (colon < previousEnd) {
        continue;
      }
      int start = schemeStart(s, colon);
      if (start < 0) {
        continue;
      }
      boolean newRun = colon >= runEnd;
      if (newRun) {
        runEnd = urlEnd(s, colon + 3);
      }
      int end = runEnd;
      if (end <= colon + 3) {
        continue;
      }
      String rule = credentialRule(s, colon + 3, end, newRun);
      if (rule != null) {
        out.add(new Finding(PiiType.URL_CREDENTIALS, start, end, SCORE, rule));
        previousEnd = end;
      }
    }
  }

  /** Start of the scheme ending at {@code colon} (a letter, then letters, digits, "+-."), or -1. */
  private static int schemeStart(String s, int colon) {
    int start = colon;
    while (start > 0 && isSchemeChar(s.charAt(start - 1))) {
      start--;
      if (colon - start > MAX_SCHEME) {
        return -1;
      }
    }
    while (start < colon && !isAsciiLetter(s.charAt(start))) {
      start++;
    }
    return start < colon ? start : -1;
  }

  private static int urlEnd(String s, int from) {
    int limit = Math.min(s.length(), from + MAX_URL);
    int end = from;
    while (end < limit && !endsUrl(s.charAt(end))) {
      end++;
    }
    while (end > from) {
      char last = s.charAt(end - 1);
      boolean trailing =
          last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?';
      if (last == ')' || last == ']') {
        trailing = !contains(s, from, end, last == ')' ? '(' : '[');
      }
      if (!trailing) {
        break;
      }
      end--;
    }
    return end;
  }

  private static boolean endsUrl(char c) {
    return c <= ' '
        || Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || Character.isSurrogate(c)
        || c == '"'
        || c == '\''
        || c == '`'
        || c == '<'
        || c == '>'
        || c == '«'
        || c == '»'
        || c == '\u201c'
        || c == '\u201d'
        || c == '\u2018'
        || c == '\u2019';
  }

  /**
   * Which credential the URL whose authority starts at {@code from} carries, or null. Its
   * parameters are read only when {@code readParameters}.
   */
  private static String credentialRule(String s, int from, int end, boolean readParameters) {
    int slash = indexOf(s, from, end, '/');
    int authorityEnd = slash < 0 ? end : slash;
    // The user part ends at the last '@' before the path; its password may hold '?' or '#'.
    int at = lastIndexOf(s, from, authorityEnd, '@');
    if (at > from && at + 1 < authorityEnd) {
      int colon = indexOf(s, from, at, ':');
      // The user may be empty ("redis://:pw@host"), the password may not.
      if (colon >= from && colon + 1 < at && !isMasked(s, colon + 1, at)) {
        return "url.userinfo";
      }
    }
    if (isWebhook(s, at > from ? at + 1 : from, authorityEnd, end)) {
      return "url.webhook";
    }
    if (!readParameters) {
      return null;
    }
    int query = firstParameterStart(s, from, end);
    return query >= 0 && hasSecretParameter(s, query, end) ? "url.secret-parameter" : null;
  }

  private static boolean isWebhook(String s, int hostStart, int hostEnd, int end) {
    for (String[] webhook : WEBHOOKS) {
      String host = webhook[0];
      String path = webhook[1];
      if (hostEnd - hostStart == host.length()
          && s.regionMatches(true, hostStart, host, 0, host.length())
          && hostEnd + path.length() < end
          && s.regionMatches(hostEnd, path, 0, path.length())) {
        return true;
      }
    }
    return false;
  }

  private static int firstParameterStart(String s, int from, int end) {
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c == '?' || c == '#') {
        return i + 1;
      }
    }
    return -1;
  }

  /** Whether a {@code name=value} pair in {@code [from, end)} names a secret and has one. */
  private static boolean hasSecretParameter(String s, int from, int end) {
    int pairStart = from;
    for (int i = from; i <= end; i++) {
      char c = i < end ? s.charAt(i) : '&';
      if (c == '&' || c == ';' || c == '#' || c == '?') {
        int equals = indexOf(s, pairStart, i, '=');
        if (equals > pairStart
            && equals - pairStart <= 32
            && isSecretName(s.substring(pairStart, equals).toLowerCase(Locale.ROOT))
            && isSecretValue(s, equals + 1, i)) {
          return true;
        }
        pairStart = i + 1;
      }
    }
    return false;
  }

  private static boolean isSecretName(String name) {
    return SECRET_PARAMETERS.contains(name)
        || name.endsWith("_token")
        || name.endsWith("-token")
        || name.endsWith("_secret")
        || name.endsWith("password")
        || name.endsWith("signature");
  }

  /**
   * A value that could be a real key: long enough, not one repeated character, not a placeholder
   * ("YOUR_API_KEY", "{token}", "${KEY}", "&lt;key&gt;"), and with a digit, mixed case or the
   * length of a random string.
   */
  private static boolean isSecretValue(String s, int start, int end) {
    if (end - start < MIN_SECRET_VALUE) {
      return false;
    }
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    boolean varied = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c == '{' || c == '$' || c == '<') {
        return false;
      }
      digit |= NetworkDetector.isDigit(c);
      upper |= Character.isUpperCase(c);
      lower |= Character.isLowerCase(c);
      varied |= c != s.charAt(start);
    }
    if (!varied || (!digit && !lower)) {
      return false;
    }
    return digit || (upper && lower) || end - start >= 16;
  }

  /** A password already hidden ("****", "xxxx") is not a credential. */
  private static boolean isMasked(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c != '*' && c != 'x' && c != 'X' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isSchemeChar(char c) {
    return isAsciiLetter(c) || NetworkDetector.isDigit(c) || c == '+' || c == '-' || c == '.';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean contains(String s, int from, int end, char c) {
    return indexOf(s, from, end, c) >= 0;
  }

  private static int indexOf(String s, int from, int end, char c) {
    for (int i = from; i < end; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(String s, int from, int end, char c) {
    for (int i = end - 1; i >= from; i--) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }
}
