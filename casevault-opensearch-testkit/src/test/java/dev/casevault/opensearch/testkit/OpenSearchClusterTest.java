package dev.casevault.opensearch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.opensearch.testkit.OpenSearchCluster.ClusterHealth;
import dev.casevault.opensearch.testkit.OpenSearchCluster.Health;
import dev.casevault.opensearch.testkit.OpenSearchCluster.Options;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness against a real cluster: the JVM's shared secured three-node cluster, plus an open
 * node and a node that fails to start, each started and closed here. Requests go through the JDK's
 * own HTTP client with the generated PKCS12 trust store, as a client of the cluster would.
 */
class OpenSearchClusterTest {
  private static long classStart;
  private static OpenSearchCluster cluster;
  private static HttpClient client;

  @BeforeAll
  static void startCluster() throws Exception {
    classStart = System.nanoTime();
    cluster = OpenSearchCluster.shared();
    client =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .sslContext(trusting(cluster.trustStore(), cluster.storePassword()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    System.out.printf(
        "opensearch-testkit: %d-node secured cluster green in %.1f s; resident memory %d MiB"
            + " (%s)%n",
        cluster.size(),
        cluster.startupTime().toMillis() / 1000.0,
        cluster.residentSetBytes() >> 20,
        perNodeRss(cluster));
  }

  @AfterAll
  static void report() {
    System.out.printf(
        "opensearch-testkit: OpenSearchClusterTest took %.1f s%n",
        (System.nanoTime() - classStart) / 1e9);
  }

  @Test
  void threeSecuredNodesOnLoopbackReportGreen() throws Exception {
    assertThat(OpenSearchCluster.shared()).isSameAs(cluster);
    assertThat(OpenSearchCluster.shared(3, Options.secured())).isSameAs(cluster);
    HttpResponse<String> health = get(0, "/_cluster/health", admin());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"green\"", "\"number_of_nodes\":3");

    HttpResponse<String> nodes = get(1, "/_cat/nodes?h=ip,name", admin());
    assertThat(nodes.statusCode()).isEqualTo(200);
    assertThat(nodes.body().strip().lines()).hasSize(3).allMatch(l -> l.startsWith("127.0.0.1 "));
    assertThat(cluster.httpUrls())
        .hasSize(3)
        .allMatch(u -> u.getScheme().equals("https") && u.getHost().equals("127.0.0.1"));

    // Every node answers over TLS with a certificate of the run's CA (the client trusts nothing
    // else), and its transport port is on loopback too.
    for (int i = 0; i < cluster.size(); i++) {
      assertThat(get(i, "/", admin()).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> bound =
        get(0, "/_nodes/transport,http?filter_path=**.bound_address,**.publish_address", admin());
    assertThat(bound.body()).doesNotContainPattern("\"(?!127\\.0\\.0\\.1:)[0-9.]+:[0-9]+\"");
  }

  @Test
  void anonymousAndWrongPasswordGet401() throws Exception {
    assertThat(get(0, "/", null).statusCode()).isEqualTo(401);
    assertThat(get(0, "/_cat/indices", null).statusCode()).isEqualTo(401);
    assertThat(get(2, "/casevault-test-role/_search", null).statusCode()).isEqualTo(401);
    assertThat(get(0, "/", basic(cluster.serviceUser(), "not-the-password")).statusCode())
        .isEqualTo(401);
    // No demo user survives: the plugin's demo admin/admin is not there.
    assertThat(get(0, "/", basic("admin", "admin")).statusCode()).isEqualTo(401);
  }

  @Test
  void serviceUserReachesCasevaultIndicesAndNothingElse() throws Exception {
    String service = service();
    try {
      assertThat(
              send(
                      0,
                      "PUT",
                      "/casevault-test-role",
                      """
                      {"settings": {"number_of_shards": 2, "number_of_replicas": 1},
                       "mappings": {"properties": {"text": {"type": "text", "analyzer": "english"},
                                                   "texte": {"type": "text", "analyzer": "french"}}}}
                      """,
                      service)
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              send(
                      1,
                      "POST",
                      "/casevault-test-role/_doc?refresh=true",
                      "{\"text\": \"The horses were running\", \"texte\": \"Les chevaux couraient\"}",
                      service)
                  .statusCode())
          .isEqualTo(201);
      HttpResponse<String> found =
          send(
              2,
              "POST",
              "/casevault-test-role/_search",
              "{\"query\": {\"match\": {\"text\": \"horse\"}}}",
              service);
      assertThat(found.statusCode()).isEqualTo(200);
      assertThat(totalHits(found.body())).isEqualTo(1);
      assertThat(get(0, "/_cluster/health", service).statusCode()).isEqualTo(200);
      assertThat(
              send(
                      0,
                      "POST",
                      "/_aliases",
                      "{\"actions\": [{\"add\": {\"index\": \"casevault-test-role\","
                          + " \"alias\": \"casevault-current\"}}]}",
                      service)
                  .statusCode())
          .isEqualTo(200);

      // The documented role neither deletes casevault's indices nor changes their settings: only
      // the tests' own, casevault-test-*, for their housekeeping.
      assertThat(send(0, "PUT", "/casevault-archive", "{}", admin()).statusCode()).isEqualTo(200);
      assertThat(send(0, "DELETE", "/casevault-archive", null, service).statusCode())
          .isEqualTo(403);
      assertThat(
              send(
                      0,
                      "PUT",
                      "/casevault-archive/_settings",
                      "{\"index\": {\"refresh_interval\": \"1s\"}}",
                      service)
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              send(
                      0,
                      "PUT",
                      "/casevault-test-role/_settings",
                      "{\"index\": {\"refresh_interval\": \"1s\"}}",
                      service)
                  .statusCode())
          .isEqualTo(200);
      // Of the cluster, health alone.
      assertThat(get(0, "/", service).statusCode()).isEqualTo(403);
      assertThat(get(0, "/_cat/nodes", service).statusCode()).isEqualTo(403);

      // Outside casevault-*: no index, no read, no alias over it, no cluster settings.
      assertThat(send(0, "PUT", "/other-index", "{}", service).statusCode()).isEqualTo(403);
      assertThat(send(0, "PUT", "/other-index", "{}", admin()).statusCode()).isEqualTo(200);
      assertThat(get(0, "/other-index/_search", service).statusCode()).isEqualTo(403);
      assertThat(send(0, "POST", "/other-index/_doc", "{\"text\": \"x\"}", service).statusCode())
          .isEqualTo(403);
      assertThat(
              send(
                      0,
                      "POST",
                      "/_aliases",
                      "{\"actions\": [{\"add\": {\"index\": \"other-index\","
                          + " \"alias\": \"casevault-leak\"}}]}",
                      service)
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              send(
                      0,
                      "PUT",
                      "/_cluster/settings",
                      "{\"persistent\": {\"cluster.max_shards_per_node\": 1000}}",
                      service)
                  .statusCode())
          .isEqualTo(403);
      assertThat(get(0, "/_plugins/_security/api/internalusers", service).statusCode())
          .isEqualTo(403);
      // Index templates are cluster-wide: the service role has none by default.
      assertThat(
              send(
                      0,
                      "PUT",
                      "/_index_template/casevault-template",
                      "{\"index_patterns\": [\"casevault-*\"]}",
                      service)
                  .statusCode())
          .isEqualTo(403);

      // The admin can do both.
      assertThat(
              send(0, "POST", "/other-index/_doc?refresh=true", "{\"text\": \"x\"}", admin())
                  .statusCode())
          .isEqualTo(201);
      assertThat(totalHits(get(1, "/other-index/_search", admin()).body())).isEqualTo(1);
      assertThat(totalHits(get(1, "/casevault-test-role/_search", admin()).body())).isEqualTo(1);
      assertThat(
              send(
                      0,
                      "PUT",
                      "/_cluster/settings",
                      "{\"persistent\": {\"cluster.max_shards_per_node\": 1000}}",
                      admin())
                  .statusCode())
          .isEqualTo(200);
      assertThat(get(0, "/_plugins/_security/api/internalusers", admin()).statusCode())
          .isEqualTo(200);
    } finally {
      send(0, "DELETE", "/casevault-test-role", null, service);
      send(0, "DELETE", "/other-index", null, admin());
      send(0, "DELETE", "/casevault-archive", null, admin());
    }
  }

  @Test
  void theAdminCertificateAuthenticatesWithoutAPassword() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(cluster.adminKeyStore())) {
      keys.load(in, cluster.storePassword().toCharArray());
    }
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, cluster.storePassword().toCharArray());
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(cluster.trustStore())) {
      trust.load(in, cluster.storePassword().toCharArray());
    }
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    HttpClient withCertificate =
        HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).sslContext(context).build();
    HttpResponse<String> info =
        withCertificate.send(
            HttpRequest.newBuilder(cluster.httpUrl(0).resolve("/_plugins/_security/authinfo"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    System.out.println("opensearch-testkit: authinfo with the admin certificate: " + info.body());
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(info.body()).contains(cluster.adminCertificateSubject());
  }

  @Test
  void englishAndFrenchAnalyzersAreInstalled() throws Exception {
    HttpResponse<String> french =
        send(
            0,
            "POST",
            "/_analyze",
            "{\"analyzer\": \"french\", \"text\": \"Les chevaux couraient\"}",
            admin());
    assertThat(french.statusCode()).isEqualTo(200);
    assertThat(french.body()).contains("\"token\":\"cheval\"").doesNotContain("\"les\"");
    HttpResponse<String> english =
        send(
            0,
            "POST",
            "/_analyze",
            "{\"analyzer\": \"english\", \"text\": \"The horses were running\"}",
            admin());
    assertThat(english.statusCode()).isEqualTo(200);
    assertThat(english.body()).contains("\"token\":\"hors\"", "\"token\":\"run\"");
  }

  @Test
  void killingTheElectedClusterManagerLeavesTwoNodesThatStillAnswer() throws Exception {
    String service = service();
    assertThat(
            send(
                    0,
                    "PUT",
                    "/casevault-test-kill",
                    "{\"settings\": {\"number_of_shards\": 3, \"number_of_replicas\": 1}}",
                    service)
                .statusCode())
        .isEqualTo(200);
    StringBuilder bulk = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      bulk.append("{\"index\": {\"_id\": \"").append(i).append("\"}}\n");
      bulk.append("{\"n\": ").append(i).append("}\n");
    }
    HttpResponse<String> indexed =
        send(0, "POST", "/casevault-test-kill/_bulk?refresh=true", bulk.toString(), service, true);
    assertThat(indexed.statusCode()).isEqualTo(200);
    assertThat(indexed.body()).contains("\"errors\":false");
    cluster.waitForHealth(Health.GREEN);

    String manager = get(0, "/_cat/cluster_manager?h=node", admin()).body().strip();
    int victim = Integer.parseInt(manager.substring("node-".length()));
    long pid = cluster.pid(victim);
    long killed = System.nanoTime();
    cluster.killNode(victim);
    try {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      assertThat(cluster.isRunning(victim)).isFalse();
      ClusterHealth degraded = cluster.waitForHealth(Health.YELLOW);
      System.out.printf(
          "opensearch-testkit: %s killed; %s with %d nodes after %.1f s%n",
          manager, degraded.status(), degraded.nodes(), (System.nanoTime() - killed) / 1e9);
      assertThat(degraded.nodes()).isEqualTo(2);
      assertThat(degraded.status()).isIn(Health.GREEN, Health.YELLOW);
      int survivor = (victim + 1) % cluster.size();
      HttpResponse<String> count = get(survivor, "/casevault-test-kill/_count", service);
      assertThat(count.statusCode()).isEqualTo(200);
      assertThat(count.body()).contains("\"count\":200");
    } finally {
      long restart = System.nanoTime();
      cluster.restartNode(victim);
      ClusterHealth healed = cluster.waitForHealth(Health.GREEN);
      System.out.printf(
          "opensearch-testkit: %s restarted; green with %d nodes after %.1f s%n",
          manager, healed.nodes(), (System.nanoTime() - restart) / 1e9);
      send(0, "DELETE", "/casevault-test-kill", null, service);
    }
    assertThat(cluster.health().nodes()).isEqualTo(3);
  }

  @Test
  void anOpenNodeAnswersAnyoneAndCloseDeletesItsFolder() throws Exception {
    Path folder = Files.createTempDirectory("casevault-opensearch-open-");
    long pid;
    try (OpenSearchCluster open = OpenSearchCluster.start(folder, 1, Options.open())) {
      System.out.printf(
          "opensearch-testkit: open node ready in %.1f s; resident memory %d MiB%n",
          open.startupTime().toMillis() / 1000.0, open.residentSetBytes() >> 20);
      URI url = open.httpUrl(0);
      assertThat(url.toString()).startsWith("http://127.0.0.1:");
      HttpClient plain = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
      HttpResponse<String> indices =
          plain.send(
              HttpRequest.newBuilder(url.resolve("/_cat/indices?v")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(indices.statusCode()).isEqualTo(200);
      HttpResponse<String> created =
          plain.send(
              HttpRequest.newBuilder(url.resolve("/anything-goes/_doc?refresh=true"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"open\": true}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).isEqualTo(201);
      assertThatThrownBy(open::trustStore).isInstanceOf(IllegalStateException.class);
      pid = open.pid(0);
    }
    assertThat(folder).doesNotExist();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void aNodeThatCannotStartIsReportedWithItsLog() throws Exception {
    Path folder = Files.createTempDirectory("casevault-opensearch-broken-");
    try {
      assertThatThrownBy(
              () ->
                  OpenSearchCluster.start(
                      folder, 1, Options.open().withSetting("casevault.no_such_setting", "x")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("node-0 exited with status")
          .hasMessageContaining("unknown setting [casevault.no_such_setting]")
          .hasMessageContaining("--- last lines of");
    } finally {
      try (var paths = Files.walk(folder)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  @Test
  void optionsRefuseWhatWouldLeaveLoopbackOrStarveTheNode() {
    assertThatThrownBy(() -> Options.secured().withSetting("network.host", "0.0.0.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("network.host");
    assertThatThrownBy(() -> Options.secured().withSetting("http.publish_host", "10.0.0.1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Options.secured().withSetting("plugins.security.disabled", "true"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Options.secured().withHeapMegabytes(64))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Options.open().withServiceIndexTemplates(true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Options.secured().withJvmOption("-Xmx8g"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Options.secured().jvmOptions()).containsExactly("-XX:TieredStopAtLevel=1");
    assertThat(Options.secured().withJvmOptions(java.util.List.of()).jvmOptions()).isEmpty();
    assertThat(Options.secured().withSetting("indices.query.bool.max_clause_count", "2048"))
        .extracting(Options::settings)
        .isEqualTo(java.util.Map.of("indices.query.bool.max_clause_count", "2048"));
  }

  // ------------------------------------------------------------------------------------------

  private static String perNodeRss(OpenSearchCluster cluster) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cluster.size(); i++) {
      out.append(i == 0 ? "" : ", ")
          .append("node-")
          .append(i)
          .append(' ')
          .append(cluster.residentSetBytes(i) >> 20)
          .append(" MiB");
    }
    return out.toString();
  }

  private static String admin() {
    return basic(cluster.adminUser(), cluster.adminPassword());
  }

  private static String service() {
    return basic(cluster.serviceUser(), cluster.servicePassword());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> get(int node, String path, String authorization)
      throws IOException, InterruptedException {
    return send(node, "GET", path, null, authorization);
  }

  private static HttpResponse<String> send(
      int node, String method, String path, String body, String authorization)
      throws IOException, InterruptedException {
    return send(node, method, path, body, authorization, false);
  }

  private static HttpResponse<String> send(
      int node, String method, String path, String body, String authorization, boolean ndjson)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(cluster.httpUrl(node).resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", ndjson ? "application/x-ndjson" : "application/json");
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long totalHits(String searchResponse) {
    Matcher m = Pattern.compile("\"total\":\\{\"value\":(\\d+)").matcher(searchResponse);
    assertThat(m.find()).as("hits.total in %s", searchResponse).isTrue();
    return Long.parseLong(m.group(1));
  }

  private static SSLContext trusting(Path trustStore, String password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trustStore)) {
      store.load(in, password.toCharArray());
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
