package dev.casevault.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DATA/opensearch.json and the environment, without a cluster. */
class OpenSearchConfigurationTest {
  private static final String SECRET = "pa55-w0rd-never-printed";

  @TempDir Path data;

  private Path file(String json, String permissions) throws IOException {
    Path file = data.resolve(OpenSearchConfiguration.FILE);
    Files.writeString(file, json);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }

  private OpenSearchConfiguration read(Map<String, String> environment) throws IOException {
    return OpenSearchConfiguration.read(data, environment).orElseThrow();
  }

  @Test
  void aCompleteFileGivesSettingsAndIndexOptions() throws IOException {
    file(
        """
        {"urls": ["https://node1:9200", "https://node2:9201"],
         "trust_store": "ca.p12", "trust_store_password": "tsp",
         "user": "casevault", "password": "%s",
         "alias": "casevault-archive", "shards": 3, "replicas": 2}
        """
            .formatted(SECRET),
        "rw-------");
    OpenSearchConfiguration configuration = read(Map.of());
    assertThat(configuration.settings().urls())
        .containsExactly(URI.create("https://node1:9200"), URI.create("https://node2:9201"));
    assertThat(configuration.settings().trustStore())
        .isEqualTo(data.toAbsolutePath().resolve("ca.p12"));
    assertThat(configuration.settings().trustStorePassword()).isEqualTo("tsp");
    assertThat(configuration.settings().user()).isEqualTo("casevault");
    assertThat(configuration.settings().password()).isEqualTo(SECRET);
    assertThat(configuration.index())
        .isEqualTo(new OpenSearchIndexOptions("casevault-archive", 3, 2));
    assertThat(configuration.toString()).doesNotContain(SECRET).doesNotContain("tsp");
  }

  @Test
  void theEnvironmentOverridesTheFileSettingBySetting() throws IOException {
    file(
        "{\"urls\": [\"https://file:9200\"], \"trust_store\": \"/etc/ca.p12\","
            + " \"user\": \"from-file\"}",
        "rw-r--r--");
    OpenSearchConfiguration configuration =
        read(
            Map.of(
                OpenSearchConfiguration.ENV_URLS, "https://env1:9200, https://env2:9200",
                OpenSearchConfiguration.ENV_PASSWORD, SECRET,
                OpenSearchConfiguration.ENV_TRUST_STORE_PASSWORD, "tsp"));
    assertThat(configuration.settings().urls())
        .containsExactly(URI.create("https://env1:9200"), URI.create("https://env2:9200"));
    assertThat(configuration.settings().user()).isEqualTo("from-file");
    assertThat(configuration.settings().password()).isEqualTo(SECRET);
    assertThat(configuration.settings().trustStore()).isEqualTo(Path.of("/etc/ca.p12"));
    assertThat(configuration.index()).isEqualTo(OpenSearchIndexOptions.defaults());

    OpenSearchConfiguration environmentOnly =
        OpenSearchConfiguration.read(
                data.resolve("elsewhere"),
                Map.of(
                    OpenSearchConfiguration.ENV_URLS, "https://env1:9200",
                    OpenSearchConfiguration.ENV_USER, "svc",
                    OpenSearchConfiguration.ENV_PASSWORD, SECRET,
                    OpenSearchConfiguration.ENV_TRUST_STORE, "/etc/ca.p12"))
            .orElseThrow();
    assertThat(environmentOnly.settings().user()).isEqualTo("svc");
    assertThat(environmentOnly.settings().trustStorePassword()).isEmpty();
  }

  @Test
  void neitherFileNorEnvironmentIsNoConfiguration() throws IOException {
    assertThat(OpenSearchConfiguration.read(data, Map.of("PATH", "/usr/bin"))).isEmpty();
    assertThat(OpenSearchConfiguration.fileExists(data)).isFalse();
    assertThat(OpenSearchConfiguration.missingMessage(data))
        .contains(data.resolve("opensearch.json").toString())
        .contains("CASEVAULT_OPENSEARCH_URLS")
        .contains("CASEVAULT_OPENSEARCH_PASSWORD");
  }

  @Test
  void whatIsMissingIsNamedWithWhereItGoes() throws IOException {
    file("{\"urls\": [\"https://a:9200\"], \"trust_store\": \"ca.p12\"}", "rw-------");
    assertThatThrownBy(() -> read(Map.of()))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("no service user")
        .hasMessageContaining("CASEVAULT_OPENSEARCH_USER");
    assertThatThrownBy(() -> read(Map.of(OpenSearchConfiguration.ENV_USER, "casevault")))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("no password")
        .hasMessageContaining("CASEVAULT_OPENSEARCH_PASSWORD");
  }

  @Test
  void plainHttpIsRefusedFromTheFileAndFromTheEnvironment() throws IOException {
    Path file =
        file(
            "{\"urls\": [\"https://a:9200\", \"http://b:9200\"], \"trust_store\": \"ca.p12\","
                + " \"user\": \"casevault\"}",
            "rw-------");
    assertThatThrownBy(() -> read(Map.of(OpenSearchConfiguration.ENV_PASSWORD, SECRET)))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageStartingWith(file + ": urls[1]: refusing http://b:9200")
        .hasMessageContaining("https only");
    file("{\"trust_store\": \"ca.p12\", \"user\": \"casevault\"}", "rw-------");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        OpenSearchConfiguration.ENV_URLS,
                        "http://127.0.0.1:9200",
                        OpenSearchConfiguration.ENV_PASSWORD,
                        SECRET)))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageStartingWith("CASEVAULT_OPENSEARCH_URLS: refusing http://127.0.0.1:9200");
  }

  @Test
  void noKeyTurnsCertificateVerificationOff() throws IOException {
    for (String key :
        List.of(
            "verify_certificates",
            "verifyCertificates",
            "insecure",
            "trustAll",
            "trust_all_certificates",
            "ssl_verify_hostname",
            "disable-verification")) {
      Path file = file("{\"" + key + "\": false}", "rw-------");
      assertThatThrownBy(() -> read(Map.of()))
          .as(key)
          .isInstanceOf(CaseVaultException.class)
          .hasMessage(
              file
                  + ": "
                  + key
                  + ": casevault has no switch to skip certificate verification; give it the"
                  + " cluster's CA in trust_store (a PKCS12 file) instead");
    }
    file("{\"use_ssl\": false}", "rw-------");
    assertThatThrownBy(() -> read(Map.of())).hasMessageContaining("no switch for plain http");
  }

  @Test
  void unknownKeysAreRefusedWithTheirPathAndAHint() throws IOException {
    Path file = file("{\"trustStore\": \"ca.p12\"}", "rw-------");
    assertThatThrownBy(() -> read(Map.of()))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageStartingWith(file + ": trustStore: unknown setting (did you mean trust_store?)")
        .hasMessageContaining("known here: alias, password, replicas, shards");
    file("{\"urls\": [\"https://a:9200\", 7]}", "rw-------");
    assertThatThrownBy(() -> read(Map.of())).hasMessageContaining("urls[1]: must be a string");
    file("{\"urls\": \"https://a:9200\"}", "rw-------");
    assertThatThrownBy(() -> read(Map.of())).hasMessageContaining("urls: must be a list");
    file("{\"alias\": \"cases\"}", "rw-------");
    assertThatThrownBy(() -> read(Map.of())).hasMessageContaining("casevault-");
    file("{\"shards\": 0}", "rw-------");
    assertThatThrownBy(() -> read(Map.of())).hasMessageContaining("shards must be between");
  }

  @Test
  void aFileWithAPasswordMustBeOwnerOnly() throws IOException {
    Path file =
        file(
            "{\"urls\": [\"https://a:9200\"], \"trust_store\": \"ca.p12\", \"user\": \"casevault\","
                + " \"password\": \""
                + SECRET
                + "\"}",
            "rw-r-----");
    assertThatThrownBy(() -> read(Map.of()))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining(file + " holds a password and is rw-r-----")
        .hasMessageContaining("chmod 600 " + file)
        .message()
        .doesNotContain(SECRET);
    file("{\"trust_store_password\": \"tsp\"}", "rw----r--");
    assertThatThrownBy(() -> read(Map.of())).hasMessageContaining("chmod 600");
  }

  @Test
  void errorsNeverQuoteAPassword() throws IOException {
    for (String json :
        List.of(
            "{\"password\": " + SECRET + "}",
            "{\"password\": \"" + SECRET + "\" \"user\": 1}",
            "{\"password\": [\"" + SECRET + "\"]}",
            "{\"urls\": [\"https://casevault:" + SECRET + "@a:9200\"], \"password\": \"x\"}",
            "{\"urls\": [\"https://a b:" + SECRET + "@a:9200\"], \"password\": \"x\"}")) {
      file(json, "rw-------");
      assertThatThrownBy(() -> read(Map.of()))
          .as(json)
          .isInstanceOf(CaseVaultException.class)
          .message()
          .doesNotContain(SECRET);
    }
    assertThatThrownBy(
            () ->
                OpenSearchConfiguration.parseUrls(
                    "https://u:" + SECRET + "@a:9200", OpenSearchConfiguration.ENV_URLS))
        .message()
        .doesNotContain(SECRET);
  }
}
