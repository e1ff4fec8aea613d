package dev.casevault.redaction;

import java.util.List;

/**
 * Credentials, reported without their label (type SECRET): tokens whose shape names their issuer
 * (AWS access key ids, GitHub, GitLab, Slack, Google API and Stripe live keys), signed JWTs, PEM
 * private key blocks, 40-character AWS secret keys next to an AWS label or key id, and values
 * introduced by a label ("password: ...", "mot de passe est ...", "api_key = ...", see {@link
 * SecretLabels}).
 *
 * <p>Every rule starts at a token of a fixed prefix or a label word and reads a bounded run of
 * characters after it.
 */
final class SecretDetector implements Detector {
  private static final double ISSUER_SCORE = 0.97;
  private static final double JWT_SCORE = 0.97;
  private static final double PEM_SCORE = 0.99;
  private static final double AWS_SECRET_SCORE = 0.95;

  /** Longest token read; real ones are far shorter. */
  private static final int MAX_TOKEN = 512;

  /** A PEM block is cut here if its END line does not come first. */
  private static final int MAX_PEM = 10_240;

  /** How far after an AWS label or key id its secret key is looked for. */
  private static final int AWS_SECRET_WINDOW = 200;

  private static final int AWS_SECRET_LENGTH = 40;

  /**
   * The first letters of the issuer prefixes and of "-----BEGIN", which {@link #shapedToken} reads.
   */
  private static final boolean[] SHAPED_FIRST_LETTERS = new boolean[128];

  static {
    for (char c : "AgxsreB".toCharArray()) {
      SHAPED_FIRST_LETTERS[c] = true;
    }
  }

  @Override
  public void detect(ScanText text, List<Finding> out) {
    String s = text.text();
    int skipUntil = 0;
    for (int t = 0; t < text.tokenCount(); t++) {
      text.checkDeadline();
      int start = text.start(t);
      if (start < skipUntil) {
        continue;
      }
      char first = s.charAt(start);
      int end = first < 128 && SHAPED_FIRST_LETTERS[first] ? shapedToken(text, t, out) : -1;
      if (end < 0) {
        end = SecretLabels.detect(text, t, out);
      }
      if (end > 0) {
        skipUntil = end;
        continue;
      }
      if (containsSecretWord(s, start, text.end(t))) {
        awsSecretAfter(text, t, out);
      }
    }
  }

  /** A token whose prefix names its kind; the end of what was found, or -1. */
  private static int shapedToken(ScanText text, int token, List<Finding> out) {
    String s = text.text();
    int start = text.start(token);
    int end = text.end(token);
    int length = end - start;
    char next = text.charAt(end);
    String rule = null;
    int found = -1;
    char first = s.charAt(start);
    if ((first == 'A')
        && length == 20
        && (s.startsWith("AKIA", start) || s.startsWith("ASIA", start))
        && isUpperAlnum(s, start, end)) {
      rule = "secret.aws-key-id";
      found = end;
    } else if (first == 'A' && s.startsWith("AIza", start)) {
      int runEnd = runEnd(s, start, true, true);
      if (runEnd - start == 39) {
        rule = "secret.google-api-key";
        found = runEnd;
      }
    } else if (first == 'g' && length == 3 && next == '_' && isGitHubPrefix(s, start)) {
      int runEnd = runEnd(s, start, false, true);
      if (runEnd - start >= 40) {
        rule = "secret.github-token";
        found = runEnd;
      }
    } else if (first == 'g' && s.startsWith("github_pat_", start)) {
      int runEnd = runEnd(s, start, false, true);
      if (runEnd - start >= 40) {
        rule = "secret.github-token";
        found = runEnd;
      }
    } else if (first == 'g' && length == 5 && next == '-' && s.startsWith("glpat", start)) {
      int runEnd = runEnd(s, start, true, true);
      if (runEnd - start >= 26) {
        rule = "secret.gitlab-token";
        found = runEnd;
      }
    } else if (first == 'x' && length == 4 && next == '-' && isSlackPrefix(s, start)) {
      int runEnd = runEnd(s, start, true, false);
      if (runEnd - start >= 20) {
        rule = "secret.slack-token";
        found = runEnd;
      }
    } else if ((first == 's' || first == 'r')
        && length == 2
        && s.startsWith("k_live_", start + 1)) {
      int runEnd = runEnd(s, start, false, true);
      if (runEnd - start >= 24) {
        rule = "secret.stripe-key";
        found = runEnd;
      }
    } else if (first == 'e' && s.startsWith("eyJ", start)) {
      found = jwtEnd(s, start);
      rule = "secret.jwt";
    } else if (first == 'B' && length == 5 && s.startsWith("BEGIN", start)) {
      found = pemEnd(s, start);
      rule = "secret.private-key";
    }
    if (found < 0 || rule == null) {
      return -1;
    }
    int spanStart = rule.equals("secret.private-key") ? start - 5 : start;
    double score =
        switch (rule) {
          case "secret.jwt" -> JWT_SCORE;
          case "secret.private-key" -> PEM_SCORE;
          default -> ISSUER_SCORE;
        };
    out.add(new Finding(PiiType.SECRET, spanStart, found, score, rule));
    if (rule.equals("secret.aws-key-id")) {
      awsSecretAfter(text, token, out);
    }
    return found;
  }

  private static boolean isGitHubPrefix(String s, int start) {
    if (s.charAt(start + 1) != 'h') {
      return false;
    }
    char kind = s.charAt(start + 2);
    return kind == 'p' || kind == 'o' || kind == 'u' || kind == 's' || kind == 'r';
  }

  private static boolean isSlackPrefix(String s, int start) {
    if (!s.startsWith("xox", start)) {
      return false;
    }
    char kind = s.charAt(start + 3);
    return kind == 'b' || kind == 'p' || kind == 'a' || kind == 'r' || kind == 's' || kind == 'e';
  }

  /**
   * A JWT: header and claims both base64url JSON objects ("eyJ"), then a signature; the end of the
   * three parts, or -1.
   */
  private static int jwtEnd(String s, int start) {
    int headerEnd = runEnd(s, start, true, true);
    if (headerEnd - start < 10
        || charAt(s, headerEnd) != '.'
        || !s.startsWith("eyJ", headerEnd + 1)) {
      return -1;
    }
    int claimsEnd = runEnd(s, headerEnd + 1, true, true);
    if (claimsEnd - headerEnd < 10 || charAt(s, claimsEnd) != '.') {
      return -1;
    }
    int signatureEnd = runEnd(s, claimsEnd + 1, true, true);
    return signatureEnd - claimsEnd > 16 ? signatureEnd : -1;
  }

  /**
   * A PEM private key block whose "BEGIN" is at {@code begin}: its end after the END line, or the
   * bound of the window when that line does not come.
   */
  private static int pemEnd(String s, int begin) {
    if (begin < 5 || !s.startsWith("-----", begin - 5)) {
      return -1;
    }
    int headerEnd = indexOf(s, "-----", begin + 5, Math.min(s.length(), begin + 64));
    if (headerEnd < 0 || !s.startsWith("PRIVATE KEY", headerEnd - 11)) {
      return -1;
    }
    int limit = Math.min(s.length(), begin + MAX_PEM);
    int footer = indexOf(s, "-----END", headerEnd + 5, limit);
    if (footer < 0) {
      return limit;
    }
    int footerEnd = indexOf(s, "-----", footer + 8, Math.min(s.length(), footer + 80));
    return footerEnd < 0 ? Math.min(s.length(), footer + 8) : footerEnd + 5;
  }

  /**
   * A 40-character AWS secret access key in the {@value #AWS_SECRET_WINDOW} characters after {@code
   * token} (an AWS key id or a "secret" label): a run of base64 characters of exactly that length,
   * with upper case, lower case and digits.
   */
  private static void awsSecretAfter(ScanText text, int token, List<Finding> out) {
    String s = text.text();
    int limit = text.end(token) + AWS_SECRET_WINDOW;
    for (int t = token + 1; t < text.tokenCount() && text.start(t) < limit; t++) {
      text.checkDeadline();
      int start = text.start(t);
      if (isBase64(text.charAt(start - 1))) {
        continue;
      }
      int end = start;
      while (end < s.length() && end - start <= AWS_SECRET_LENGTH && isBase64(s.charAt(end))) {
        end++;
      }
      if (end - start == AWS_SECRET_LENGTH && text.charAt(end) != '=' && isMixed(s, start, end)) {
        out.add(new Finding(PiiType.SECRET, start, end, AWS_SECRET_SCORE, "secret.aws-secret-key"));
        return;
      }
    }
  }

  private static boolean containsSecretWord(String s, int start, int end) {
    if (end - start < 6 || end - start > 40) {
      return false;
    }
    for (int i = start; i + 6 <= end; i++) {
      if ((s.charAt(i) | 0x20) == 's' && s.regionMatches(true, i, "secret", 0, 6)) {
        return true;
      }
    }
    return false;
  }

  /**
   * End of the run of token characters from {@code start}: letters and digits, plus '-' and/or '_'.
   * Bounded to {@value #MAX_TOKEN}.
   */
  private static int runEnd(String s, int start, boolean dash, boolean underscore) {
    int limit = Math.min(s.length(), start + MAX_TOKEN);
    int end = start;
    while (end < limit) {
      char c = s.charAt(end);
      if (isAsciiAlnum(c) || (dash && c == '-') || (underscore && c == '_')) {
        end++;
      } else {
        break;
      }
    }
    return end;
  }

  private static boolean isMixed(String s, int start, int end) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      digit |= c >= '0' && c <= '9';
    }
    return upper && lower && digit;
  }

  private static boolean isUpperAlnum(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  static boolean isAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isBase64(char c) {
    return isAsciiAlnum(c) || c == '+' || c == '/';
  }

  private static char charAt(String s, int index) {
    return index < s.length() ? s.charAt(index) : '\0';
  }

  /** The first {@code needle} that lies within {@code [from, limit)}, or -1. */
  private static int indexOf(String s, String needle, int from, int limit) {
    for (int i = from; i + needle.length() <= limit; i++) {
      if (s.charAt(i) == needle.charAt(0) && s.startsWith(needle, i)) {
        return i;
      }
    }
    return -1;
  }
}
