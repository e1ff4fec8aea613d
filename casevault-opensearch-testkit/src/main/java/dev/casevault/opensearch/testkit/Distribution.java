package dev.casevault.opensearch.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Maven Central artifacts a test cluster is made of, and how they become an OpenSearch home.
 *
 * <p>Maven fetches them when this module builds ({@code maven-dependency-plugin:copy} in {@code
 * generate-resources}): into the local repository, and copies into this module's {@code
 * target/opensearch-artifacts}. At run time they are looked for in the folder named by the system
 * property {@value #ARTIFACTS_PROPERTY}, in that {@code target/} folder and that local repository
 * (both recorded in {@code versions.properties} by the build), then in {@code maven.repo.local} and
 * {@code ~/.m2/repository}.
 */
final class Distribution {
  /** A folder holding the three artifacts under the names {@code dependency:copy} gives them. */
  static final String ARTIFACTS_PROPERTY = "casevault.opensearch.artifacts";

  static final String OPENSEARCH_VERSION;
  static final String SECURITY_VERSION;
  private static final String BUILT_FOLDER;
  private static final String BUILT_REPOSITORY;

  static {
    Properties versions = new Properties();
    try (InputStream in = Distribution.class.getResourceAsStream("versions.properties")) {
      if (in == null) {
        throw new IllegalStateException("versions.properties is missing from the testkit jar");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    OPENSEARCH_VERSION = versions.getProperty("opensearch.version");
    SECURITY_VERSION = versions.getProperty("opensearch-security.version");
    BUILT_FOLDER = versions.getProperty("artifacts.folder", "");
    BUILT_REPOSITORY = versions.getProperty("local.repository", "");
    if (!SECURITY_VERSION.startsWith(OPENSEARCH_VERSION + ".")) {
      throw new IllegalStateException(
          "the security plugin "
              + SECURITY_VERSION
              + " does not match OpenSearch "
              + OPENSEARCH_VERSION
              + " (it must be the same version with one more component)");
    }
  }

  /** The files, once found. */
  record Artifacts(Path server, Path securityPlugin, Path analysisCommon) {}

  private Distribution() {}

  static Artifacts locate() {
    return new Artifacts(
        find("org.opensearch.distribution.integ-test-zip", "opensearch", OPENSEARCH_VERSION, "zip"),
        find("org.opensearch.plugin", "opensearch-security", SECURITY_VERSION, "zip"),
        find("org.opensearch.plugin", "analysis-common", OPENSEARCH_VERSION, "jar"));
  }

  private static Path find(String group, String artifact, String version, String type) {
    String fileName = artifact + "-" + version + "." + type;
    List<Path> tried = new ArrayList<>();
    for (String folder : List.of(System.getProperty(ARTIFACTS_PROPERTY, ""), BUILT_FOLDER)) {
      if (!folder.isBlank() && !folder.contains("${")) {
        tried.add(Path.of(folder).resolve(fileName));
      }
    }
    for (Path repository : localRepositories()) {
      tried.add(
          repository
              .resolve(group.replace('.', '/'))
              .resolve(artifact)
              .resolve(version)
              .resolve(fileName));
    }
    for (Path candidate : tried) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        group
            + ":"
            + artifact
            + ":"
            + version
            + ":"
            + type
            + " not found (looked at "
            + tried
            + "). Maven fetches it when casevault-opensearch-testkit builds: run"
            + " `./mvnw -B -pl casevault-opensearch-testkit generate-resources`, or build your module"
            + " with `-am` so that the testkit builds first.");
  }

  private static List<Path> localRepositories() {
    List<Path> repositories = new ArrayList<>();
    for (String folder : List.of(BUILT_REPOSITORY, System.getProperty("maven.repo.local", ""))) {
      if (!folder.isBlank() && !folder.contains("${")) {
        repositories.add(Path.of(folder));
      }
    }
    repositories.add(Path.of(System.getProperty("user.home"), ".m2", "repository"));
    return repositories.stream().distinct().toList();
  }

  /**
   * Unpacks the server into {@code home}, and, if {@code security}, the security plugin under
   * {@code plugins/opensearch-security}; analysis-common always goes under {@code
   * modules/analysis-common} with the descriptor the integ-test-zip lacks.
   */
  static void install(Artifacts artifacts, Path home, boolean security) throws IOException {
    Files.createDirectories(home);
    unzip(artifacts.server(), home, true, entry -> true);
    try (Stream<Path> bin = Files.list(home.resolve("bin"))) {
      for (Path file : (Iterable<Path>) bin::iterator) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    Path analysis = Files.createDirectories(home.resolve("modules").resolve("analysis-common"));
    Files.copy(
        artifacts.analysisCommon(),
        analysis.resolve(artifacts.analysisCommon().getFileName()),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        analysis.resolve("plugin-descriptor.properties"),
        String.join(
            "\n",
            "description=Adds the built-in analyzers (english, french, ...) and token filters",
            "version=" + OPENSEARCH_VERSION,
            "name=analysis-common",
            "classname=org.opensearch.analysis.common.CommonAnalysisPlugin",
            "java.version=11",
            "opensearch.version=" + OPENSEARCH_VERSION,
            "extended.plugins=",
            "has.native.controller=false",
            ""),
        StandardCharsets.UTF_8);
    if (security) {
      // The plugin zip holds its jars at the top, plus config/ (the demo configuration, whose
      // users have public passwords) and tools/: only the top-level files are installed.
      Path plugin = Files.createDirectories(home.resolve("plugins").resolve("opensearch-security"));
      unzip(artifacts.securityPlugin(), plugin, false, entry -> !entry.contains("/"));
    }
  }

  /** Extracts {@code zip} into {@code target}, dropping the first path component if asked. */
  private static void unzip(
      Path zip, Path target, boolean stripFirst, java.util.function.Predicate<String> keep)
      throws IOException {
    Path root = target.toAbsolutePath().normalize();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (stripFirst) {
          int slash = name.indexOf('/');
          if (slash < 0) {
            continue;
          }
          name = name.substring(slash + 1);
        }
        if (name.isEmpty() || !keep.test(name)) {
          continue;
        }
        Path out = root.resolve(name).normalize();
        if (!out.startsWith(root)) {
          throw new IOException(zip + ": entry " + entry.getName() + " leaves the target folder");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
  }
}
