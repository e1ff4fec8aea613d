package dev.casevault.audit;

import java.util.List;
import java.util.Objects;

/**
 * Who did something, as the audit log records it: the principal's id, how it authenticated, its
 * roles, and where the request came from. Never a credential.
 *
 * @param id the principal id, e.g. {@code user:alice}, {@code key:k1}, {@code oidc:sub}, {@code
 *     local:os-user}
 * @param method how it authenticated: {@code password}, {@code api_key}, {@code oidc}, {@code
 *     session}, {@code os} (the data directory's owner on this machine), or {@code none} (a failed
 *     attempt)
 * @param roles its roles, sorted
 * @param sourceIp the client's address, or null for a local command
 * @param userAgent the client's User-Agent (cut to {@value #MAX_USER_AGENT} characters), or null
 */
public record Actor(
    String id, String method, List<String> roles, String sourceIp, String userAgent) {
  public static final int MAX_USER_AGENT = 200;

  public Actor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
    roles = List.copyOf(roles.stream().sorted().toList());
    userAgent = userAgent == null ? null : printable(userAgent);
  }

  /** The owner of the data directory running a command on this machine. */
  public static Actor localOwner() {
    return new Actor(
        "local:" + System.getProperty("user.name", "unknown"), "os", List.of("owner"), null, null);
  }

  /** Keeps a client-chosen string from breaking a line of text output, and bounds it. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_USER_AGENT));
    for (int i = 0; i < text.length() && out.length() < MAX_USER_AGENT; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }
}
