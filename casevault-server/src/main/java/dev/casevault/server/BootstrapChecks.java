package dev.casevault.server;

import dev.casevault.access.LocalUsers;
import dev.casevault.core.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks that refuse an unsafe start, like Elasticsearch's bootstrap checks but with no exception
 * for a single node and no switch to skip them. {@code casevault doctor} runs the same checks and
 * adds certificate expiry and key age.
 *
 * <p>Settings that are unsafe in themselves (a wildcard CORS origin, an unknown key, a default role
 * granting every case) are already refused when the settings and the policy are read; these checks
 * cover what only the running machine can tell.
 */
public final class BootstrapChecks {
  /** How bad a finding is: an error refuses the start. */
  public enum Severity {
    ERROR,
    WARNING,
    INFO
  }

  /** One finding: what is wrong, which setting or file, and how to fix it. */
  public record Finding(Severity severity, String subject, String problem, String fix) {
    @Override
    public String toString() {
      return severity + " " + subject + ": " + problem + (fix == null ? "" : " Fix: " + fix);
    }
  }

  static final Duration CERTIFICATE_WARNING = Duration.ofDays(30);
  static final Duration KEY_AGE_WARNING = Duration.ofDays(365);

  private BootstrapChecks() {}

  /** The checks that decide whether {@code serve} may start. */
  public static List<Finding> beforeStart(
      Path dataDir, ServerSettings settings, LocalUsers users, boolean runningAsRoot)
      throws IOException {
    List<Finding> findings = new ArrayList<>();
    if (Files.exists(dataDir) && OwnerOnlyFiles.openToOthers(dataDir)) {
      findings.add(
          new Finding(
              Severity.ERROR,
              dataDir.toString(),
              "the data directory can be read or entered by other users of this machine.",
              "chmod 700 " + dataDir));
    }
    for (Path secret : secretFiles(dataDir)) {
      if (OwnerOnlyFiles.openToOthers(secret)) {
        findings.add(
            new Finding(
                Severity.ERROR,
                secret.toString(),
                "a key or credential file is readable by other users.",
                "chmod 600 " + secret + ", then replace the secret: others may have read it"));
      }
    }
    boolean exposed = !settings.bind().isLoopback();
    if (exposed && runningAsRoot) {
      findings.add(
          new Finding(
              Severity.ERROR,
              "bind " + settings.bind(),
              "running as root while listening beyond this machine.",
              "run casevault as an unprivileged user that owns the data directory"));
    }
    // On a first start, the start about to happen creates the initial admin.
    boolean initialPassword = users.isFirstStart() || users.initialAdminPasswordInUse();
    if (exposed && initialPassword) {
      findings.add(
          new Finding(
              Severity.ERROR,
              "user " + LocalUsers.INITIAL_ADMIN,
              "the initial admin password (generated at first start) is still in use while"
                  + " listening beyond this machine.",
              "start once on 127.0.0.1 and change it: POST /api/me/password"));
    }
    return findings;
  }

  /** {@link #beforeStart} plus certificate expiry and key age, for {@code casevault doctor}. */
  public static List<Finding> doctor(
      Path dataDir,
      ServerSettings settings,
      LocalUsers users,
      boolean runningAsRoot,
      TlsMaterial tls,
      Clock clock)
      throws IOException {
    List<Finding> findings = new ArrayList<>(beforeStart(dataDir, settings, users, runningAsRoot));
    Instant now = clock.instant();
    if (tls != null) {
      Instant expires = tls.expires();
      if (!now.isBefore(expires)) {
        findings.add(
            new Finding(
                Severity.ERROR,
                "TLS certificate",
                "expired on " + expires + ".",
                "install a new certificate (or delete DATA/tls to generate one)"));
      } else if (Duration.between(now, expires).compareTo(CERTIFICATE_WARNING) < 0) {
        findings.add(
            new Finding(
                Severity.WARNING,
                "TLS certificate",
                "expires on " + expires + ".",
                "renew it before then"));
      } else {
        findings.add(
            new Finding(
                Severity.INFO,
                "TLS certificate",
                "valid until " + expires + ", SHA-256 " + tls.fingerprint() + ".",
                null));
      }
    }
    if (settings.bind().isLoopback() && users.initialAdminPasswordInUse()) {
      findings.add(
          new Finding(
              Severity.WARNING,
              "user " + LocalUsers.INITIAL_ADMIN,
              "the initial admin password is still in use; serve will refuse to listen beyond"
                  + " this machine until it is changed.",
              "POST /api/me/password"));
    }
    Path keys = dataDir.resolve("keys");
    if (Files.isDirectory(keys)) {
      try (Stream<Path> files = Files.list(keys)) {
        for (Path key : files.toList()) {
          Instant created =
              Files.readAttributes(
                      key,
                      java.nio.file.attribute.BasicFileAttributes.class,
                      LinkOption.NOFOLLOW_LINKS)
                  .lastModifiedTime()
                  .toInstant();
          if (Duration.between(created, now).compareTo(KEY_AGE_WARNING) > 0) {
            findings.add(
                new Finding(
                    Severity.WARNING,
                    key.toString(),
                    "the redaction key is older than a year.",
                    "plan a key rotation (docs/operations.md)"));
          }
        }
      }
    }
    return findings;
  }

  /** Files that hold secrets: redaction keys, TLS private keys, credentials, the vault. */
  static List<Path> secretFiles(Path dataDir) throws IOException {
    List<Path> secrets = new ArrayList<>();
    for (String folder : List.of("keys", "auth", TlsMaterial.FOLDER, "vault")) {
      Path dir = dataDir.resolve(folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        files
            .filter(f -> !f.getFileName().toString().equals(TlsMaterial.CA_CERT))
            .filter(f -> !f.getFileName().toString().equals(TlsMaterial.SERVER_CERT))
            .sorted()
            .forEach(secrets::add);
      }
      secrets.add(dir);
    }
    Path initialPassword = dataDir.resolve(Server.INITIAL_PASSWORD_FILE);
    if (Files.exists(initialPassword)) {
      secrets.add(initialPassword);
    }
    return secrets;
  }

  /** Whether this process runs as root (uid 0). */
  public static boolean runningAsRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
