package dev.casevault.server;

import dev.casevault.access.LocalUsers;
import dev.casevault.access.Principal;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Every password check, wherever the password arrives (HTTP Basic on any endpoint, or the login):
 * limited per client address before any hashing, and at most one Argon2id hash per core at a time.
 * Each hash takes 19 MiB and tens of milliseconds by design; without these two bounds, one
 * anonymous client could send hundreds at once and exhaust memory and CPU.
 */
final class PasswordLogins {
  /**
   * Password checks from one client address per minute: enough for an office behind one NAT, few
   * enough that spraying passwords costs hours per thousand guesses on top of each account's lock.
   */
  static final int PER_MINUTE_PER_ADDRESS = 300;

  private final LocalUsers users;
  private final RateLimiter perAddress = new RateLimiter(PER_MINUTE_PER_ADDRESS);
  private final Semaphore hashing =
      new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

  PasswordLogins(LocalUsers users) {
    this.users = users;
  }

  Principal check(String address, String name, char[] password) {
    long wait = perAddress.acquire("ip:" + address);
    if (wait > 0) {
      throw new Server.RateLimited(wait);
    }
    if (name.length() > 64 || password.length > 1024) {
      throw new dev.casevault.access.AuthenticationFailedException("oversized credential");
    }
    try {
      if (!hashing.tryAcquire(2, TimeUnit.SECONDS)) {
        throw new Server.RateLimited(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Server.RateLimited(1);
    }
    try {
      return users.authenticate(name, password);
    } finally {
      hashing.release();
    }
  }

  LocalUsers users() {
    return users;
  }
}
