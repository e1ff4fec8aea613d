package dev.casevault.store.opensearch;

import dev.casevault.opensearch.testkit.OpenSearchCluster;
import dev.casevault.opensearch.testkit.OpenSearchCluster.Options;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The cluster the OpenSearch tests run against, from system properties (or the environment):
 *
 * <pre>
 * casevault.opensearch.url                  CASEVAULT_OPENSEARCH_URL                  https://127.0.0.1:9200[,https://...]
 * casevault.opensearch.truststore           CASEVAULT_OPENSEARCH_TRUSTSTORE           PKCS12 file with the cluster's CA
 * casevault.opensearch.truststore.password  CASEVAULT_OPENSEARCH_TRUSTSTORE_PASSWORD
 * casevault.opensearch.user                 CASEVAULT_OPENSEARCH_USER                 casevault's service user
 * casevault.opensearch.password             CASEVAULT_OPENSEARCH_PASSWORD
 * casevault.opensearch.shards               CASEVAULT_OPENSEARCH_SHARDS               primaries of test indices (1)
 * casevault.opensearch.replicas             CASEVAULT_OPENSEARCH_REPLICAS             replicas of test indices (1)
 * </pre>
 *
 * <p>An {@code https} URL goes through {@link OpenSearchCaseStore#open(OpenSearchSettings,
 * OpenSearchIndexOptions)}, exactly as production does. A plain {@code http://127.0.0.1} URL (a
 * development node without the security plugin) is accepted here only, through the package-private
 * transport hook, and only on the loopback interface. Without a URL, the tests start their own
 * secured three-node cluster from the testkit ({@link OpenSearchCluster#shared}), once per JVM.
 */
final class TestCluster {
  private TestCluster() {}

  /** The testkit's cluster: three secured nodes, started on first use, stopped with the JVM. */
  static OpenSearchCluster harness() {
    try {
      return OpenSearchCluster.shared(
          3, Options.secured().withSetting("indices.query.bool.max_clause_count", "8192"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String setting(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
    if (value != null && !value.isBlank()) {
      return value;
    }
    if (System.getProperty("casevault.opensearch.url") != null
        || System.getenv("CASEVAULT_OPENSEARCH_URL") != null) {
      return null; // an external cluster is configured: nothing of the harness mixes in
    }
    return switch (property) {
      case "casevault.opensearch.url" ->
          String.join(",", harness().httpUrls().stream().map(URI::toString).toList());
      case "casevault.opensearch.truststore" -> harness().trustStore().toString();
      case "casevault.opensearch.truststore.password" -> harness().storePassword();
      case "casevault.opensearch.user" -> harness().serviceUser();
      case "casevault.opensearch.password" -> harness().servicePassword();
      default -> null;
    };
  }

  private static String required(String property) {
    String value = setting(property);
    if (value == null) {
      throw new IllegalStateException(
          "an https OpenSearch URL needs " + property + " (or its environment variable) too");
    }
    return value;
  }

  /** Whether the tests run against a cluster of their own (which they may kill nodes of). */
  static boolean ownCluster() {
    return System.getProperty("casevault.opensearch.url") == null
        && System.getenv("CASEVAULT_OPENSEARCH_URL") == null;
  }

  static List<URI> urls() {
    String text = setting("casevault.opensearch.url");
    return java.util.Arrays.stream(text.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(URI::create)
        .toList();
  }

  static boolean plainHttp() {
    return urls().getFirst().getScheme().equals("http");
  }

  static OpenSearchSettings settings() {
    return new OpenSearchSettings(
        urls(),
        Path.of(required("casevault.opensearch.truststore")),
        required("casevault.opensearch.truststore.password"),
        required("casevault.opensearch.user"),
        required("casevault.opensearch.password"));
  }

  static OpenSearchIndexOptions options(String alias) {
    String shards = setting("casevault.opensearch.shards");
    String replicas = setting("casevault.opensearch.replicas");
    return new OpenSearchIndexOptions(
        alias,
        shards == null ? 1 : Integer.parseInt(shards),
        replicas == null ? 1 : Integer.parseInt(replicas));
  }

  static OpenSearchCaseStore openStore(String alias) throws IOException {
    if (plainHttp()) {
      return OpenSearchCaseStore.open(plainHttpTransport(), options(alias));
    }
    return OpenSearchCaseStore.open(settings(), options(alias));
  }

  /** A client for test housekeeping (deleting test indices), on the same connection settings. */
  static OpenSearchClient adminClient() {
    return new OpenSearchClient(
        plainHttp() ? plainHttpTransport() : SecureTransport.open(settings()));
  }

  /** Development only: a node without TLS, which must be on the loopback interface. */
  private static OpenSearchTransport plainHttpTransport() {
    HttpHost[] hosts =
        urls().stream()
            .map(
                url -> {
                  if (!url.getScheme().equals("http")
                      || !List.of("127.0.0.1", "localhost", "[::1]").contains(url.getHost())) {
                    throw new IllegalStateException(
                        "plain http is for a development node on 127.0.0.1 only");
                  }
                  return new HttpHost("http", url.getHost(), url.getPort());
                })
            .toArray(HttpHost[]::new);
    return ApacheHttpClient5TransportBuilder.builder(hosts)
        .setMapper(new JacksonJsonpMapper())
        .build();
  }
}
