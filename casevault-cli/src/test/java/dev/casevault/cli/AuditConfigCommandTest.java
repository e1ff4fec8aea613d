package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code casevault audit-config} on node files and on a casevault data directory. */
class AuditConfigCommandTest {
  @TempDir Path folder;

  private Path node(String yaml) throws IOException {
    Path config = Files.createDirectories(folder.resolve("config"));
    Files.writeString(config.resolve("opensearch.yml"), yaml);
    return config;
  }

  @Test
  void aCarelessNodeExitsFiveWithEachFindingItsPlaceAndItsFix() throws IOException {
    Path config =
        node(
            """
            network.host: 0.0.0.0
            plugins.security.ssl.http.enabled: false
            plugins.security.allow_unsafe_democertificates: true
            """);
    CommandLineTest.Result result = CommandLineTest.run("audit-config", config.toString());
    assertThat(result.exitCode()).as(result.err()).isEqualTo(ScanCommand.EXPOSED);
    List<String> lines = result.out().lines().toList();
    assertThat(lines.getFirst())
        .startsWith("CRITICAL demo-certificates at " + config.resolve("opensearch.yml") + ":3: ");
    assertThat(lines.get(1)).startsWith("    fix: issue your own CA");
    assertThat(lines.get(2))
        .startsWith(
            "HIGH plain-http-beyond-loopback at " + config.resolve("opensearch.yml") + ":1");
    assertThat(lines.getLast()).isEqualTo("2 finding(s): 1 CRITICAL, 1 HIGH");
  }

  @Test
  void jsonGivesOneObjectPerFinding() throws IOException {
    Path config = node("network.host: 0.0.0.0\nplugins.security.ssl.http.enabled: false\n");
    CommandLineTest.Result result =
        CommandLineTest.run("audit-config", "--format", "json", config.toString());
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(1);
    JsonNode finding = new ObjectMapper().readTree(lines.getFirst());
    assertThat(finding.get("severity").textValue()).isEqualTo("HIGH");
    assertThat(finding.get("rule").textValue()).isEqualTo("plain-http-beyond-loopback");
    assertThat(finding.get("evidence").textValue()).isEqualTo("network.host: 0.0.0.0");
    assertThat(finding.get("fix").textValue()).contains("plugins.security.ssl.http.enabled: true");
  }

  @Test
  void aCarefulNodeExitsZero() throws IOException {
    Path config = node("network.host: 127.0.0.1\nplugins.security.ssl.http.enabled: true\n");
    CommandLineTest.Result result = CommandLineTest.run("audit-config", config.toString());
    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("no finding\n");
  }

  @Test
  void aCasevaultDataDirectoryGetsTheServersOwnChecks() throws IOException {
    Path data =
        Files.createDirectory(
            folder.resolve("data"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(data.resolve("server.json"), "{\"cors_origins\": [\"*\"]}");
    CommandLineTest.Result result = CommandLineTest.run("audit-config", data.toString());
    assertThat(result.exitCode()).isEqualTo(ScanCommand.EXPOSED);
    assertThat(result.out()).contains("HIGH casevault-error at " + data + ": ");
  }

  @Test
  void aUserWithoutThePasswordInTheEnvironmentIsRefused() {
    CommandLineTest.Result result =
        CommandLineTest.run("audit-config", "--user", "admin", "https://127.0.0.1:9");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--user needs the password in $CASEVAULT_AUDIT_PASSWORD");
  }
}
