package dev.casevault.opensearch.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Who the nodes run as. OpenSearch refuses to start as root, so a test JVM running as root (as CI
 * does here) starts them as the unprivileged system user {@value #DEFAULT_NAME}, created with
 * {@code useradd --system} if missing (no home, no login shell), through {@code setpriv}. Any other
 * user runs them as itself.
 */
final class NodeUser {
  static final String DEFAULT_NAME = "casevault-os";
  static final String PROPERTY = "casevault.opensearch.user";

  private final String name;
  private final int uid;
  private final int gid;
  private final boolean switches;

  private NodeUser(String name, int uid, int gid, boolean switches) {
    this.name = name;
    this.uid = uid;
    this.gid = gid;
    this.switches = switches;
  }

  static synchronized NodeUser resolve() {
    int self = currentUid();
    if (self != 0) {
      return new NodeUser(System.getProperty("user.name"), self, -1, false);
    }
    String name = System.getProperty(PROPERTY, DEFAULT_NAME);
    List<String> ids = ids(name);
    if (ids == null) {
      run(
          List.of(
              "useradd",
              "--system",
              "--user-group",
              "--no-create-home",
              "--home-dir",
              "/nonexistent",
              "--shell",
              "/usr/sbin/nologin",
              "--comment",
              "casevault OpenSearch test nodes",
              name),
          "create the unprivileged user " + name + " that runs the OpenSearch test nodes");
      ids = ids(name);
      if (ids == null) {
        throw new IllegalStateException("useradd reported success but " + name + " is unknown");
      }
    }
    int uid = Integer.parseInt(ids.get(0));
    int gid = Integer.parseInt(ids.get(1));
    if (uid == 0) {
      throw new IllegalStateException(name + " has uid 0: OpenSearch refuses to run as root");
    }
    return new NodeUser(name, uid, gid, true);
  }

  String name() {
    return name;
  }

  boolean switches() {
    return switches;
  }

  /** {@code command}, run as this user. */
  List<String> wrap(List<String> command) {
    if (!switches) {
      return command;
    }
    List<String> wrapped = new ArrayList<>();
    wrapped.add(setpriv());
    wrapped.add("--reuid=" + uid);
    wrapped.add("--regid=" + gid);
    wrapped.add("--clear-groups");
    wrapped.add("--");
    wrapped.addAll(command);
    return wrapped;
  }

  /** Gives {@code tree} and everything under it to this user. */
  void own(Path tree) throws IOException {
    if (!switches) {
      return;
    }
    try (Stream<Path> paths = Files.walk(tree)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
      }
    }
  }

  /**
   * Refuses a folder this user cannot reach: every folder above it must be searchable by others (a
   * JUnit {@code @TempDir} is not: it is {@code rwx------} and owned by root).
   */
  void requireReachable(Path folder) throws IOException {
    if (!switches) {
      return;
    }
    for (Path up = folder.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(up);
      if (!permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IllegalArgumentException(
            folder
                + " cannot be reached by "
                + name
                + ", the user the OpenSearch nodes run as: "
                + up
                + " is not searchable by others ("
                + java.nio.file.attribute.PosixFilePermissions.toString(permissions)
                + "). Use a folder under /tmp or under target/ (JUnit's @TempDir is rwx------).");
      }
    }
  }

  static int currentUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
    }
  }

  private static String setpriv() {
    for (String candidate : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "setpriv (Debian's util-linux) is needed to run the OpenSearch nodes as a non-root user");
  }

  /** uid and gid of {@code name}, or null if there is no such user. */
  private static List<String> ids(String name) {
    try {
      Process process = new ProcessBuilder("getent", "passwd", name).start();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || out.isEmpty()) {
        return null;
      }
      String[] fields = out.split(":");
      return List.of(fields[2], fields[3]);
    } catch (IOException e) {
      throw new IllegalStateException("cannot look up the user " + name + " (getent)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking up " + name, e);
    }
  }

  private static void run(List<String> command, String purpose) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        // A concurrent JVM may have created the user first (useradd exit 9): the caller checks.
        if (process.isAlive() || process.exitValue() != 9) {
          throw new IllegalStateException(
              "cannot " + purpose + ": " + String.join(" ", command) + " said: " + out);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot " + purpose + ": " + command.getFirst(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while trying to " + purpose, e);
    }
  }
}
