package dev.casevault.opensearch.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the Java runtime the OpenSearch nodes run on (not the one running the tests).
 *
 * <p>OpenSearch 2.x installs a SecurityManager, which JDK 24 removed: its nodes need a Java 17 to
 * 23, whatever runs Maven. Order, like {@code scripts/jdk.sh}: the system property {@value
 * #PROPERTY}, then the environment variable {@code OPENSEARCH_JAVA_HOME} (either one, when set,
 * must be usable), then the install folders, preferring 17, then 21.
 */
final class NodeJava {
  static final String PROPERTY = "casevault.opensearch.java.home";
  static final int MIN = 17;
  static final int MAX = 23;
  private static final List<Integer> PREFERRED = List.of(17, 21);

  private NodeJava() {}

  static Path find() {
    String configured = System.getProperty(PROPERTY);
    String source = "system property " + PROPERTY;
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("OPENSEARCH_JAVA_HOME");
      source = "OPENSEARCH_JAVA_HOME";
    }
    if (configured != null && !configured.isBlank()) {
      Path home = Path.of(configured);
      int major = major(home).orElse(-1);
      if (major < MIN || major > MAX) {
        throw new IllegalStateException(
            source
                + "="
                + configured
                + " is not a Java "
                + MIN
                + " to "
                + MAX
                + " (found "
                + (major < 0 ? "no java there" : "Java " + major)
                + "); OpenSearch "
                + Distribution.OPENSEARCH_VERSION
                + " needs one for its nodes");
      }
      return home;
    }
    List<Path> roots = new ArrayList<>(List.of(Path.of("/usr/lib/jvm"), Path.of("/opt/java")));
    String userHome = System.getProperty("user.home");
    if (userHome != null) {
      roots.add(Path.of(userHome, ".sdkman", "candidates", "java"));
    }
    Set<Path> seen = new LinkedHashSet<>();
    List<Candidate> candidates = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> children = Files.list(root)) {
        for (Path child : children.sorted().toList()) {
          Optional<Integer> major = major(child);
          if (major.isEmpty() || major.get() < MIN || major.get() > MAX) {
            continue;
          }
          Path real;
          try {
            real = child.toRealPath();
          } catch (IOException e) {
            continue;
          }
          if (seen.add(real)) {
            candidates.add(new Candidate(child, major.get()));
          }
        }
      } catch (IOException e) {
        // An unreadable folder holds no candidate.
      }
    }
    return candidates.stream()
        .min(
            Comparator.comparingInt(
                    (Candidate c) ->
                        PREFERRED.contains(c.major()) ? PREFERRED.indexOf(c.major()) : 99)
                .thenComparing(c -> c.home().toString()))
        .map(Candidate::home)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "OpenSearch "
                        + Distribution.OPENSEARCH_VERSION
                        + " needs a Java "
                        + MIN
                        + " to "
                        + MAX
                        + " for its nodes (it installs the SecurityManager that JDK 24 removed)"
                        + " and none was found in "
                        + roots
                        + ". Install Debian's openjdk-17-jre-headless, or set OPENSEARCH_JAVA_HOME"
                        + " (or -D"
                        + PROPERTY
                        + ") to one."));
  }

  private record Candidate(Path home, int major) {}

  /** The major version of the Java at {@code home}, from its {@code release} file. */
  static Optional<Integer> major(Path home) {
    if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          String version = line.substring("JAVA_VERSION=".length()).replace("\"", "").strip();
          if (version.startsWith("1.")) {
            version = version.substring(2);
          }
          int end = 0;
          while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
          }
          return end == 0 ? Optional.empty() : Optional.of(Integer.parseInt(version, 0, end, 10));
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
