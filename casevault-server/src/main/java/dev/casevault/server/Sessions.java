package dev.casevault.server;

import dev.casevault.access.AuthenticationFailedException;
import dev.casevault.access.BearerSecrets;
import dev.casevault.access.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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

  /** Checks that the account behind a session is unchanged: {@code LocalUsers::stampMatches}. */
  interface AccountCheck {
    boolean stillValid(String user, String stamp);
  }

  private record Session(Principal principal, String stamp, Instant expires) {}

  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Duration lifetime;
  private final AccountCheck accounts;
  private final java.util.concurrent.atomic.AtomicLong opened =
      new java.util.concurrent.atomic.AtomicLong();

  Sessions(Clock clock, Duration lifetime, AccountCheck accounts) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.accounts = accounts;
  }

  /**
   * A session for a local user's principal; {@code stamp} is the account's state when its password
   * was checked, so a session opened during a password change or removal does not outlive it.
   */
  Issued open(Principal principal, String stamp) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant expires = clock.instant().plus(lifetime);
    sessions.put(BearerSecrets.hash(token), new Session(principal, stamp, expires));
    if (opened.incrementAndGet() % 256 == 0) {
      Instant now = clock.instant();
      sessions.values().removeIf(s -> !now.isBefore(s.expires()));
    }
    return new Issued(token, expires);
  }

  Principal authenticate(String token) {
    Session session = sessions.get(BearerSecrets.hash(token));
    if (session == null) {
      throw new AuthenticationFailedException("unknown or ended session");
    }
    if (!clock.instant().isBefore(session.expires())) {
      sessions.remove(BearerSecrets.hash(token));
      throw new AuthenticationFailedException("expired session");
    }
    String user = session.principal().id().substring("user:".length());
    if (!accounts.stillValid(user, session.stamp())) {
      sessions.remove(BearerSecrets.hash(token));
      throw new AuthenticationFailedException("the account changed since the login");
    }
    return session.principal();
  }

  void close(String token) {
    sessions.remove(BearerSecrets.hash(token));
  }

  /** Ends every session of {@code principalId}: after a password change or a removed user. */
  void closeAll(String principalId) {
    sessions.values().removeIf(s -> s.principal().id().equals(principalId));
  }
}
