package dev.casevault.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Local user accounts with Argon2id password hashes, kept in an owner-only JSON file.
 *
 * <p>Guessing is slowed twice over: every check costs an Argon2id hash (unknown names too, against
 * a dummy hash, so timing does not say which names exist), and after {@link #FREE_FAILURES}
 * consecutive failures a name is locked for a time that doubles with each further failure, up to
 * {@link #MAX_LOCK}. While locked, even the right password is refused.
 */
public final class LocalUsers {
  /** Failures allowed before a name is locked. */
  public static final int FREE_FAILURES = 5;

  public static final Duration MAX_LOCK = Duration.ofMinutes(15);
  public static final int MIN_PASSWORD_LENGTH = 12;

  /** The account created at first start; its password is printed once and must be changed. */
  public static final String INITIAL_ADMIN = "admin";

  /**
   * One account as stored; {@code created} is an ISO-8601 instant, {@code initial} marks a
   * generated password not yet changed.
   */
  public record User(
      String name,
      String passwordHash,
      Set<String> roles,
      Map<String, List<String>> attributes,
      String created,
      boolean initial) {
    public User {
      roles = Set.copyOf(roles);
      attributes = Map.copyOf(attributes);
    }
  }

  private record Stored(List<User> users) {}

  private record Failures(int count, Instant lockedUntil) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final String dummyHash;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private volatile Map<String, User> users;

  private LocalUsers(Path file, PasswordHasher hasher, Clock clock, Map<String, User> users) {
    this.file = file;
    this.hasher = hasher;
    this.clock = clock;
    this.users = users;
    this.dummyHash = hasher.hash("not a password of anyone".toCharArray());
  }

  /** The accounts in {@code file}; none if it does not exist yet. */
  public static LocalUsers open(Path file, Clock clock) throws IOException {
    Map<String, User> users = new TreeMap<>();
    if (Files.exists(file)) {
      try {
        for (User user : JSON.readValue(OwnerOnlyFiles.read(file), Stored.class).users()) {
          users.put(user.name(), user);
        }
      } catch (com.fasterxml.jackson.core.JacksonException e) {
        throw new CaseVaultException(
            file + ": not a valid user file (" + e.getOriginalMessage() + ")");
      }
    }
    return new LocalUsers(file, new PasswordHasher(), clock, users);
  }

  /**
   * The principal for {@code name} if {@code password} is right and the name is not locked.
   *
   * <p>Each attempt on an existing account is counted as a failure before the hash runs, so guesses
   * sent in parallel cannot all pass the lock check while the first ones are still being hashed; a
   * success clears the count. Unknown names are hashed (against a dummy hash) but not counted: they
   * cannot be locked, and the answer is the same, so counting them would only let anyone grow the
   * table.
   *
   * @throws AuthenticationFailedException otherwise; the reason says which, for the server's log
   */
  public Principal authenticate(String name, char[] password) {
    User user = users.get(name);
    if (user == null) {
      hasher.verify(password, dummyHash);
      throw new AuthenticationFailedException("unknown user");
    }
    Instant now = clock.instant();
    boolean[] locked = new boolean[1];
    failures.compute(
        name,
        (n, f) -> {
          if (f != null && f.lockedUntil() != null && now.isBefore(f.lockedUntil())) {
            locked[0] = true;
            return f;
          }
          return failed(f, now);
        });
    if (locked[0]) {
      throw new AuthenticationFailedException("account locked after repeated failures");
    }
    if (!hasher.verify(password, user.passwordHash())) {
      throw new AuthenticationFailedException("wrong password");
    }
    failures.remove(name);
    return principal(user);
  }

  /**
   * Whether {@code stamp} (from {@link #stamp}) still describes {@code name}'s account: false once
   * the user is removed or the password changed, so sessions opened before end with it.
   */
  public boolean stampMatches(String name, String stamp) {
    User user = users.get(name);
    return user != null && user.passwordHash().equals(stamp);
  }

  /** An opaque value that changes when {@code name}'s password changes or the user goes. */
  public String stamp(String name) {
    User user = users.get(name);
    return user == null ? "" : user.passwordHash();
  }

  private static Failures failed(Failures previous, Instant now) {
    int count = previous == null ? 1 : previous.count() + 1;
    if (count < FREE_FAILURES) {
      return new Failures(count, null);
    }
    long seconds = 1L << Math.min(count - FREE_FAILURES, 20);
    Duration lock = Duration.ofSeconds(Math.min(seconds, MAX_LOCK.toSeconds()));
    return new Failures(count, now.plus(lock));
  }

  static Principal principal(User user) {
    return new Principal(
        "user:" + user.name(),
        Principal.AuthenticationMethod.PASSWORD,
        user.roles(),
        user.attributes());
  }

  /** Adds an account; the name must be new and the password long enough. */
  public synchronized void add(
      String name, char[] password, Set<String> roles, Map<String, List<String>> attributes)
      throws IOException {
    requireName(name);
    if (users.containsKey(name)) {
      throw new CaseVaultException("user " + name + " exists already");
    }
    requireStrong(password);
    put(
        new User(
            name, hasher.hash(password), roles, attributes, clock.instant().toString(), false));
  }

  /**
   * On the first start (no user file yet), creates the initial admin with a random password,
   * returned once; null on every later start, so that removing {@code admin} is for good.
   */
  public synchronized char[] createInitialAdmin(Set<String> roles) throws IOException {
    if (!isFirstStart()) {
      return null;
    }
    char[] password = randomPassword();
    put(
        new User(
            INITIAL_ADMIN,
            hasher.hash(password),
            roles,
            Map.of(),
            clock.instant().toString(),
            true));
    return password;
  }

  /** Sets a new password; the account is no longer on its initial password. */
  public synchronized void setPassword(String name, char[] password) throws IOException {
    User user = users.get(name);
    if (user == null) {
      throw new CaseVaultException("no user " + name);
    }
    requireStrong(password);
    put(
        new User(
            name, hasher.hash(password), user.roles(), user.attributes(), user.created(), false));
  }

  public synchronized boolean remove(String name) throws IOException {
    if (!users.containsKey(name)) {
      return false;
    }
    Map<String, User> next = new TreeMap<>(users);
    next.remove(name);
    save(next);
    return true;
  }

  /** Whether no user file exists yet: the start about to happen will create the initial admin. */
  public boolean isFirstStart() {
    return !Files.exists(file);
  }

  /** Whether the generated first password of the initial admin still opens its account. */
  public boolean initialAdminPasswordInUse() {
    User admin = users.get(INITIAL_ADMIN);
    return admin != null && admin.initial();
  }

  public List<User> list() {
    return List.copyOf(users.values());
  }

  private void put(User user) throws IOException {
    Map<String, User> next = new TreeMap<>(users);
    next.put(user.name(), user);
    save(next);
  }

  private void save(Map<String, User> next) throws IOException {
    OwnerOnlyFiles.write(file, JSON.writeValueAsBytes(new Stored(List.copyOf(next.values()))));
    users = next;
  }

  private static void requireName(String name) {
    if (name == null || !name.matches("[a-z][a-z0-9._-]{0,63}")) {
      throw new CaseVaultException(
          "a user name is 1 to 64 of a-z, 0-9, '.', '_' and '-', starting with a letter");
    }
  }

  private static void requireStrong(char[] password) {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new CaseVaultException(
          "a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
    }
  }

  private static char[] randomPassword() {
    // 24 characters from 62: about 143 bits.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    char[] password = new char[24];
    for (int i = 0; i < password.length; i++) {
      password[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return password;
  }
}
