package dev.casevault.server;

import dev.casevault.access.AuthenticationFailedException;
import dev.casevault.access.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions: a password is checked once (an Argon2id hash costs tens of milliseconds by
 * design) and the client then presents a random bearer token. Tokens live in memory only, keyed by
 * their SHA-256, so a heap dump does not hand out working tokens; a restart logs everyone out.
 */
final class Sessions {
  static final String PREFIX = "cvs_";

  /** A session as the client sees it. */
  record Issued(String token, Instant expires) {}

  private record Session(Principal principal, Instant expires) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration lifetime;

  Sessions(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  Issued open(Principal principal) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant expires = clock.instant().plus(lifetime);
    sessions.put(hash(token), new Session(principal, expires));
    if (sessions.size() % 1024 == 0) {
      sessions.values().removeIf(s -> !clock.instant().isBefore(s.expires()));
    }
    return new Issued(token, expires);
  }

  Principal authenticate(String token) {
    Session session = sessions.get(hash(token));
    if (session == null) {
      throw new AuthenticationFailedException("unknown or ended session");
    }
    if (!clock.instant().isBefore(session.expires())) {
      sessions.remove(hash(token));
      throw new AuthenticationFailedException("expired session");
    }
    return session.principal();
  }

  void close(String token) {
    sessions.remove(hash(token));
  }

  /** Ends every session of {@code principalId}: after a password change or a removed user. */
  void closeAll(String principalId) {
    sessions.values().removeIf(s -> s.principal().id().equals(principalId));
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
