package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.access.AccessScope;
import dev.casevault.json.CaseLimits;
import dev.casevault.opensearch.testkit.OpenSearchCluster;
import dev.casevault.opensearch.testkit.TcpProxy;
import dev.casevault.service.IngestListener;
import dev.casevault.service.IngestOptions;
import dev.casevault.service.IngestReport;
import dev.casevault.service.Requester;
import dev.casevault.store.StoreFailureException;
import dev.casevault.store.opensearch.OpenSearchCaseStore;
import dev.casevault.store.opensearch.OpenSearchIndexOptions;
import dev.casevault.store.opensearch.OpenSearchSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server on an OpenSearch cluster that becomes unreachable (a relay in front of it is cut):
 * ingest stops with a clear error and keeps what it committed, the API answers 503 without naming
 * hosts, health says so, and running the same ingest again once the cluster is back stores every
 * case exactly once.
 */
class UnreachableClusterTest {
  private static final int CASES = 3000;

  @TempDir Path folder;

  @Test
  void ingestFailsClosedWhileTheClusterIsUnreachableAndResumesFromTheSameInput() throws Exception {
    OpenSearchCluster cluster = OpenSearchCluster.shared();
    OpenSearchIndexOptions index =
        new OpenSearchIndexOptions(
            "casevault-test-unreachable-" + UUID.randomUUID().toString().substring(0, 8), 1, 1);
    Path input = folder.resolve("cases.jsonl");
    List<String> lines = new ArrayList<>();
    String template = AuthorisationMatrixTest.CASES.getFirst().line();
    for (int i = 0; i < CASES; i++) {
      lines.add(template.replace("\"CASE-1\"", "\"CASE-" + (100_000 + i) + "\""));
    }
    Files.write(input, lines);

    try (TcpProxy proxy = TcpProxy.start(cluster.httpUrl(0).getPort());
        TestServer server =
            TestServer.start(
                folder.resolve("data"),
                List.of(),
                TestServer.loopback(),
                data -> OpenSearchCaseStore.open(settings(cluster, proxy), index))) {
      server.addUser("supervisor", List.of("supervisor"), Map.of());
      String supervisor = TestServer.basic("supervisor", TestServer.PASSWORD);
      assertThat(server.get("/api/health", null).json().get("status").textValue()).isEqualTo("ok");

      long[] committedBeforeCut = {0};
      IngestListener cutAfterFirstCommit =
          new IngestListener() {
            @Override
            public void rejected(String file, long line, String reason) {}

            @Override
            public void committed(long accepted, long rejected, long bytes, double seconds) {
              if (accepted > 0 && committedBeforeCut[0] == 0) {
                committedBeforeCut[0] = accepted;
                proxy.cut();
              }
            }
          };
      assertThatThrownBy(() -> ingest(server, input, cutAfterFirstCommit))
          .isInstanceOf(StoreFailureException.class)
          .hasMessageStartingWith("ingest stopped, ")
          .hasMessageContaining("Connection refused")
          .hasMessageContaining(
              "the "
                  + committedBeforeCut[0]
                  + " cases reported as committed are kept: run the same ingest again to resume");
      assertThat(committedBeforeCut[0]).isBetween(1L, (long) CASES - 1);

      // Health answers at once with its last verdict and refreshes a stale one in the background.
      TestServer.Answer health = awaitHealth(server, 503);
      assertThat(health.json().get("status").textValue()).isEqualTo("unavailable");
      TestServer.Answer search = server.post("/api/search", supervisor, Map.of("query", "outlook"));
      assertThat(search.status()).isEqualTo(503);
      assertThat(search.json().at("/error/code").textValue()).isEqualTo("store_unavailable");
      assertThat(search.text()).doesNotContain("127.0.0.1").doesNotContain("Connection");

      proxy.restore();
      IngestReport resumed = ingest(server, input, IngestListener.SILENT);
      assertThat(resumed.accepted()).isEqualTo(CASES);
      try (OpenSearchCaseStore direct = OpenSearchCaseStore.open(settings(cluster, null), index)) {
        assertThat(direct.count(AccessScope.dataDirectoryOwner()))
            .as("every case once: none lost, none doubled")
            .isEqualTo(CASES);
      }
      assertThat(awaitHealth(server, 200).json().get("status").textValue()).isEqualTo("ok");
      assertThat(server.post("/api/search", supervisor, Map.of("query", "outlook")).status())
          .isEqualTo(200);
    }
  }

  /** Asks /api/health until it answers {@code status}, for at most 30 s. */
  private static TestServer.Answer awaitHealth(TestServer server, int status) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    TestServer.Answer health = server.get("/api/health", null);
    while (health.status() != status && System.nanoTime() < deadline) {
      Thread.sleep(200);
      health = server.get("/api/health", null);
    }
    assertThat(health.status()).as("health: %s", health.text()).isEqualTo(status);
    return health;
  }

  private static IngestReport ingest(TestServer server, Path input, IngestListener listener)
      throws IOException {
    return server.vault.ingest(
        List.of(input),
        new IngestOptions(
            CaseLimits.defaults(), server.data.resolve("rejects.jsonl"), Duration.ofMillis(1), 1),
        listener,
        Requester.localOwner());
  }

  /** The cluster's service identity, through {@code proxy} if one is given. */
  private static OpenSearchSettings settings(OpenSearchCluster cluster, TcpProxy proxy) {
    return new OpenSearchSettings(
        proxy == null ? cluster.httpUrls() : List.of(proxy.httpsUrl()),
        cluster.trustStore(),
        cluster.storePassword(),
        cluster.serviceUser(),
        cluster.servicePassword());
  }
}
