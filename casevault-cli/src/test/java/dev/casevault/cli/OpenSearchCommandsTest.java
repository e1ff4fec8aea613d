package dev.casevault.cli;

import static dev.casevault.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.opensearch.testkit.OpenSearchCluster;
import dev.casevault.opensearch.testkit.OpenSearchCluster.Options;
import dev.casevault.store.opensearch.OpenSearchCaseStore;
import dev.casevault.store.opensearch.OpenSearchConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenSearch store from the command line: choosing it, its configuration's refusals as one
 * clear line, and the bootstrap checks of {@code doctor} and {@code serve} on real clusters (the
 * testkit's secured one, and a careless one that lets anonymous requests read casevault's indices).
 */
class OpenSearchCommandsTest {
  @TempDir Path folder;

  private Path data() throws IOException {
    Path data = folder.resolve("data");
    Files.createDirectories(data);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    return data;
  }

  private static String alias() {
    return "casevault-test-cli-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void theOpenSearchStoreWithoutAConfigurationSaysWhereOneGoes() throws IOException {
    Path data = data();
    CommandLineTest.Result search = run("search", "", "--store", "opensearch", "--data", "" + data);
    assertThat(search.exitCode()).isEqualTo(1);
    assertThat(search.err().strip())
        .isEqualTo("casevault: " + OpenSearchConfiguration.missingMessage(data))
        .doesNotContain("\n");
    CommandLineTest.Result bad = run("search", "", "--store", "elastic", "--data", "" + data);
    assertThat(bad.err().strip()).isEqualTo("casevault: --store: expected lucene or opensearch");
    CommandLineTest.Result help = run("search", "--help");
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("--store")
        .contains("Default: opensearch when DATA/opensearch.json exists, else lucene.");
  }

  @Test
  void plainHttpAndSkippedVerificationAreRefusedInOneLine() throws IOException {
    Path data = data();
    Path file = data.resolve("opensearch.json");
    Files.writeString(
        file,
        "{\"urls\": [\"http://127.0.0.1:9200\"], \"trust_store\": \"ca.p12\","
            + " \"user\": \"casevault\", \"password\": \"s3cret-value\"}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    CommandLineTest.Result http = run("search", "", "--data", "" + data);
    assertThat(http.exitCode()).isEqualTo(1);
    assertThat(http.err().strip())
        .startsWith("casevault: " + file + ": urls[0]: refusing http://127.0.0.1:9200")
        .contains("https only")
        .doesNotContain("s3cret-value")
        .doesNotContain("\n");
    CommandLineTest.Result doctor = run("doctor", "--data", "" + data);
    assertThat(doctor.exitCode()).isEqualTo(1);
    assertThat(doctor.out()).contains("ERROR OpenSearch configuration: " + file + ": urls[0]");

    Files.writeString(file, "{\"verify_certificates\": false}");
    CommandLineTest.Result insecure = run("ingest", "--data", "" + data, file.toString());
    assertThat(insecure.exitCode()).isEqualTo(1);
    assertThat(insecure.err())
        .contains("verify_certificates: casevault has no switch to skip certificate verification");

    Files.writeString(file, "{\"password\": \"s3cret-value\"}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    CommandLineTest.Result open = run("stats", "--data", "" + data);
    assertThat(open.err()).contains("chmod 600 " + file).doesNotContain("s3cret-value");
  }

  @Test
  void theTestkitsSecuredClusterPassesTheChecks() throws IOException {
    Path data = data();
    String alias = alias();
    MigrateCommandTest.configure(data, OpenSearchCluster.shared(), alias, 1);
    CommandLineTest.Result doctor = run("doctor", "--data", "" + data);
    assertThat(doctor.exitCode()).as(doctor.out()).isZero();
    assertThat(doctor.out())
        .contains("INFO OpenSearch " + alias + ": https only")
        .contains("anonymous requests refused (HTTP 401/403) on every node that answered")
        .doesNotContain("ERROR");
    CommandLineTest.Result lucene = run("doctor", "--store", "lucene", "--data", "" + data);
    assertThat(lucene.out()).doesNotContain("OpenSearch");
  }

  @Test
  void doctorAndServeRefuseAClusterAnyoneMayRead() throws IOException {
    OpenSearchCluster careless =
        OpenSearchCluster.shared(1, Options.secured().withAnonymousReads(true));
    Path data = data();
    String alias = alias();
    MigrateCommandTest.configure(data, careless, alias, 0);

    // Before casevault ever ran there: the alias does not exist, and an anonymous request gets a
    // 404 instead of a 401 or 403. serve refuses, and creates nothing on that cluster.
    CommandLineTest.Result first = run("serve", "--data", "" + data, "--bind", "127.0.0.1:0");
    assertThat(first.exitCode()).isEqualTo(1);
    assertThat(first.err())
        .contains("refusing to use the OpenSearch cluster:")
        .contains("GET /" + alias + "/_search?size=0 answered HTTP 404, not 401 or 403")
        .contains("anonymous_auth_enabled: false");
    assertThat(careless.adminRequest("GET", "/" + alias + "/_count", null).statusCode())
        .as("no index was created")
        .isEqualTo(404);

    // An index made earlier (as a careless operator's first run would have): readable by anyone.
    OpenSearchConfiguration configuration =
        OpenSearchConfiguration.read(data, Map.of()).orElseThrow();
    OpenSearchCaseStore.open(configuration.settings(), configuration.index()).close();
    CommandLineTest.Result doctor = run("doctor", "--data", "" + data);
    assertThat(doctor.exitCode()).isEqualTo(1);
    assertThat(doctor.out())
        .contains(
            "ERROR OpenSearch "
                + careless.httpUrl(0)
                + ": an anonymous request (no credentials) GET /"
                + alias
                + "/_search?size=0 answered HTTP 200: anyone who can reach the cluster can read"
                + " casevault's cases.")
        .contains("Fix: turn anonymous access off")
        .contains("opendistro_security_anonymous_backendrole");
    CommandLineTest.Result serve = run("serve", "--data", "" + data, "--bind", "127.0.0.1:0");
    assertThat(serve.exitCode()).isEqualTo(1);
    assertThat(serve.err())
        .contains("refusing to use the OpenSearch cluster:")
        .contains("/_count answered HTTP 200");
    CommandLineTest.Result search = run("search", "", "--data", "" + data);
    assertThat(search.exitCode()).as("every command refuses it").isEqualTo(1);
    careless.adminRequest("DELETE", "/" + alias + "-v1", null);
  }
}
