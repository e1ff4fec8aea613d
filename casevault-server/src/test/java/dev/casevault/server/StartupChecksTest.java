package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.access.LocalUsers;
import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The settings file and the bootstrap checks: each unsafe setting or state is refused with the
 * setting named and a fix, and nothing can switch a check off.
 */
class StartupChecksTest {
  @TempDir Path dir;

  private ServerSettings parse(String json) {
    return ServerSettings.parse(json, dir.resolve("server.json"));
  }

  @Test
  void settingsRefuseUnknownKeysWildcardCorsAndHalfTlsConfigurations() {
    assertThatThrownBy(() -> parse("{\"bnid\": \"127.0.0.1:1\"}"))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("bnid: unknown setting");
    assertThatThrownBy(() -> parse("{\"tls\": {\"enabled\": false}}"))
        .hasMessageContaining("tls.enabled: unknown setting");
    assertThatThrownBy(() -> parse("{\"authentication\": false}"))
        .hasMessageContaining("authentication: unknown setting");
    assertThatThrownBy(() -> parse("{\"cors_origins\": [\"*\"]}"))
        .hasMessageContaining("cors_origins[0]")
        .hasMessageContaining("wildcard");
    assertThatThrownBy(() -> parse("{\"cors_origins\": [\"https://*.example.com\"]}"))
        .hasMessageContaining("wildcard");
    assertThatThrownBy(() -> parse("{\"cors_origins\": [\"http://app.example.com\"]}"))
        .hasMessageContaining("https://HOST");
    assertThatThrownBy(() -> parse("{\"tls\": {\"certificate\": \"a.pem\"}}"))
        .hasMessageContaining("certificate and private_key go together");
    assertThatThrownBy(() -> parse("{\"bind\": \"nowhere\"}")).hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> parse("{\"requests_per_minute\": 0}"))
        .hasMessageContaining("requests_per_minute");
    assertThatThrownBy(
            () ->
                parse(
                    "{\"oidc\": {\"issuer\": \"http://idp.example.com\","
                        + " \"audience\": \"casevault\"}}"))
        .hasMessageContaining("oidc");
    assertThatThrownBy(() -> parse("{\"bind\": "))
        .hasMessageContaining("server.json:1:")
        .hasMessageContaining("not valid JSON");
    ServerSettings fine =
        parse("{\"bind\": \"0.0.0.0:9443\", \"cors_origins\": [\"https://support.example.com\"]}");
    assertThat(fine.bind().isLoopback()).isFalse();
    assertThat(fine.corsOrigins()).containsExactly("https://support.example.com");
  }

  private LocalUsers users(boolean initialAdmin) throws IOException {
    LocalUsers users =
        LocalUsers.open(dir.resolve("auth").resolve("users.json"), Clock.systemUTC());
    if (initialAdmin) {
      users.createInitialAdmin(Set.of("admin"));
    }
    return users;
  }

  private Path dataDir() throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(
        data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    return data;
  }

  private static List<String> errors(List<BootstrapChecks.Finding> findings) {
    return findings.stream()
        .filter(f -> f.severity() == BootstrapChecks.Severity.ERROR)
        .map(BootstrapChecks.Finding::toString)
        .toList();
  }

  @Test
  void aSafeLoopbackSetupPasses() throws IOException {
    Path data = dataDir();
    assertThat(
            errors(BootstrapChecks.beforeStart(data, ServerSettings.defaults(), users(true), true)))
        .as("loopback: root and the initial password are only refused beyond loopback")
        .isEmpty();
  }

  @Test
  void aDataDirectoryOthersCanReadIsRefused() throws IOException {
    Path data = dataDir();
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(
            errors(
                BootstrapChecks.beforeStart(data, ServerSettings.defaults(), users(false), false)))
        .singleElement()
        .asString()
        .contains(data.toString())
        .contains("chmod 700");
  }

  @Test
  void keyFilesOthersCanReadAreRefused() throws IOException {
    Path data = dataDir();
    Path keys = data.resolve("keys");
    Files.createDirectories(
        keys, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path key = keys.resolve("master.key");
    Files.write(key, new byte[32]);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(
            errors(
                BootstrapChecks.beforeStart(data, ServerSettings.defaults(), users(false), false)))
        .singleElement()
        .asString()
        .contains(key.toString())
        .contains("chmod 600");
  }

  @Test
  void beyondLoopbackRootAndTheInitialPasswordAreRefused() throws IOException {
    Path data = dataDir();
    ServerSettings exposed =
        ServerSettings.defaults().withBind(new ServerSettings.HostPort("0.0.0.0", 8443));
    List<String> errors = errors(BootstrapChecks.beforeStart(data, exposed, users(true), true));
    assertThat(errors).hasSize(2);
    assertThat(errors).anySatisfy(e -> assertThat(e).contains("running as root"));
    assertThat(errors)
        .anySatisfy(e -> assertThat(e).contains("initial").contains("/api/me/password"));
  }

  @Test
  void serveRefusesToStartAndNamesEveryFinding() throws IOException {
    Path data = dataDir();
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
    assertThatThrownBy(() -> TestServer.start(data, List.of(), TestServer.loopback()))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageStartingWith("refusing to start:")
        .hasMessageContaining("chmod 700");
  }

  @Test
  void doctorReportsCertificateExpiry() throws IOException {
    Path data = dataDir();
    TlsMaterial tls = TlsMaterial.generatedIn(data, List.of("127.0.0.1"));
    Clock nearExpiry = Clock.fixed(tls.expires().minus(Duration.ofDays(3)), ZoneOffset.UTC);
    assertThat(
            BootstrapChecks.doctor(
                data, ServerSettings.defaults(), users(false), false, tls, nearExpiry))
        .anySatisfy(
            f -> {
              assertThat(f.severity()).isEqualTo(BootstrapChecks.Severity.WARNING);
              assertThat(f.subject()).isEqualTo("TLS certificate");
            });
    Clock expired = Clock.fixed(tls.expires().plusSeconds(1), ZoneOffset.UTC);
    assertThat(
            errors(
                BootstrapChecks.doctor(
                    data, ServerSettings.defaults(), users(false), false, tls, expired)))
        .anySatisfy(e -> assertThat(e).contains("expired"));
    assertThat(Instant.now()).isBefore(tls.expires());
  }
}
