package dev.casevault.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseQuery;
import dev.casevault.opensearch.testkit.OpenSearchCluster;
import dev.casevault.opensearch.testkit.OpenSearchCluster.Health;
import dev.casevault.opensearch.testkit.TcpProxy;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.Vault;
import dev.casevault.store.RandomCases;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.StoreHealth;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the store does when the cluster fails under it: a node killed with {@code kill -9} during
 * ingest and during searches, and a cluster that cannot be reached at all. Runs on the testkit's
 * own cluster only (it kills nodes), and leaves it green.
 */
class ClusterFailureTest {
  private static final AccessScope ALL = AccessScope.dataDirectoryOwner();
  private static final RedactionKeys KEYS = RedactionKeys.ephemeral();
  private static final Redactor REDACTOR =
      new Redactor(
          new PiiDetector(List.of(), 1_000_000_000L, 0),
          RedactionPolicy.defaults(),
          KEYS,
          Vault.inMemory(KEYS));
  private static final Duration RECOVERY = Duration.ofMinutes(3);

  private final String alias =
      "casevault-test-failure-" + Long.toHexString(new java.util.Random().nextLong() & 0xffffffffL);
  private OpenSearchCluster cluster;

  @BeforeEach
  void needsOwnCluster() {
    assumeTrue(TestCluster.ownCluster(), "kills nodes: runs on the testkit's cluster only");
    cluster = TestCluster.harness();
    cluster.waitForHealth(Health.GREEN, 3, RECOVERY);
  }

  @AfterEach
  void heal() throws IOException {
    if (cluster == null) {
      return;
    }
    for (int node = 0; node < cluster.size(); node++) {
      if (!cluster.isRunning(node)) {
        cluster.restartNode(node);
      }
    }
    try (var admin = TestCluster.adminClient()._transport()) {
      new org.opensearch.client.opensearch.OpenSearchClient(admin)
          .indices()
          .delete(d -> d.index(alias + "-v*").ignoreUnavailable(true).allowNoIndices(true));
    }
    cluster.waitForHealth(Health.GREEN, 3, RECOVERY);
  }

  /** Three primaries and a replica each, so the killed node holds primaries and replicas. */
  private OpenSearchCaseStore openStore() throws IOException {
    return OpenSearchCaseStore.open(
        TestCluster.settings(), new OpenSearchIndexOptions(alias, 3, 1));
  }

  @Test
  void aNodeKilledDuringIngestLosesNoAcknowledgedCaseAndHealthSaysDegraded() throws Exception {
    RandomCases random = new RandomCases(61);
    int batches = 12;
    int perBatch = 400;
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<String> failures = new ArrayList<>();
    try (OpenSearchCaseStore store = openStore()) {
      int victim = 2;
      for (int batch = 0; batch < batches; batch++) {
        List<String> ids = new ArrayList<>();
        try {
          for (int i = 0; i < perBatch; i++) {
            var c = random.next(batch * perBatch + i);
            store.put(REDACTOR.redact(c));
            ids.add(c.id().value());
          }
          store.commit();
          acknowledged.addAll(ids);
        } catch (IOException e) {
          // Fail closed: these cases were not acknowledged, so nothing is promised of them.
          failures.add(e.getMessage());
        }
        if (batch == 3) {
          cluster.killNode(victim);
        }
      }
      assertThat(acknowledged)
          .as("the cluster keeps taking writes with a node dead (failures: %s)", failures)
          .hasSizeGreaterThan((batches - 2) * perBatch);

      StoreHealth degraded = awaitHealth(store, StoreHealth.Status.DEGRADED);
      assertThat(degraded.detail()).startsWith("yellow: 2 nodes");
      assertEveryCasePresent(store, acknowledged);

      cluster.restartNode(victim);
      cluster.waitForHealth(Health.GREEN, 3, RECOVERY);
      assertThat(awaitHealth(store, StoreHealth.Status.OK).detail()).startsWith("green: 3 nodes");
      assertEveryCasePresent(store, acknowledged);
    }
  }

  @Test
  void searchesKeepAnsweringFromReplicasWhileANodeDies() throws Exception {
    RandomCases random = new RandomCases(62);
    int cases = 3000;
    try (OpenSearchCaseStore store = openStore()) {
      for (int i = 0; i < cases; i++) {
        store.put(REDACTOR.redact(random.next(i)));
      }
      store.commit();
      long expected = store.search(SearchRequest.of(marker(7)), ALL).total();
      assertThat(expected).isPositive();

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger answered = new AtomicInteger();
      List<String> errors = new CopyOnWriteArrayList<>();
      List<Thread> searchers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        searchers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      while (!stop.get()) {
                        try {
                          long total = store.search(SearchRequest.of(marker(7)), ALL).total();
                          if (total != expected) {
                            errors.add("total " + total + " instead of " + expected);
                          }
                          answered.incrementAndGet();
                        } catch (IOException | RuntimeException e) {
                          errors.add(e.getMessage());
                        }
                      }
                    }));
      }
      Thread.sleep(2000);
      int beforeKill = answered.get();
      cluster.killNode(1);
      Thread.sleep(15_000);
      stop.set(true);
      for (Thread searcher : searchers) {
        searcher.join();
      }
      assertThat(errors).as("every search answered, and in full").isEmpty();
      assertThat(answered.get()).as("searches went on after the kill").isGreaterThan(beforeKill);
      assertThat(store.count(ALL)).isEqualTo(cases);
    }
  }

  @Test
  void anUnreachableClusterGivesClearErrorsAndWritesResumeWhenItIsBack() throws Exception {
    RandomCases random = new RandomCases(63);
    try (TcpProxy proxy = TcpProxy.start(cluster.httpUrl(0).getPort())) {
      OpenSearchSettings direct = TestCluster.settings();
      OpenSearchSettings throughProxy =
          new OpenSearchSettings(
              List.of(proxy.httpsUrl()),
              direct.trustStore(),
              direct.trustStorePassword(),
              direct.user(),
              direct.password());
      try (OpenSearchCaseStore store =
          OpenSearchCaseStore.open(throughProxy, new OpenSearchIndexOptions(alias, 1, 1))) {
        for (int i = 0; i < 100; i++) {
          store.put(REDACTOR.redact(random.next(i)));
        }
        store.commit();
        assertThat(store.health().status()).isEqualTo(StoreHealth.Status.OK);
        // Searched once while reachable, so the query's words are analysed already and the
        // search below fails at the search itself.
        long found = store.search(SearchRequest.of(marker(3)), ALL).total();

        proxy.cut();
        StoreHealth down = store.health();
        assertThat(down.status()).isEqualTo(StoreHealth.Status.UNAVAILABLE);
        assertThat(down.detail()).startsWith("the cluster does not answer: ");
        for (int i = 100; i < 200; i++) {
          store.put(REDACTOR.redact(random.next(i)));
        }
        assertThatThrownBy(store::commit)
            .isInstanceOf(IOException.class)
            .hasMessageStartingWith(
                "not every case put since the last commit was written: OpenSearch refused a bulk"
                    + " write of 100 cases: ")
            .hasMessageContaining("127.0.0.1:" + proxy.port());
        assertThatThrownBy(() -> store.search(SearchRequest.of(marker(3)), ALL))
            .isInstanceOf(IOException.class)
            .hasMessageStartingWith("the search failed: ");
        assertThatThrownBy(() -> store.count(ALL))
            .isInstanceOf(IOException.class)
            .hasMessageStartingWith("cannot count cases: ");

        proxy.restore();
        // The writer puts the unacknowledged cases again (an ingest re-reads its input): the same
        // ids replace, so nothing is lost and nothing doubles.
        RandomCases again = new RandomCases(63);
        for (int i = 0; i < 200; i++) {
          store.put(REDACTOR.redact(again.next(i)));
        }
        store.commit();
        assertThat(store.count(ALL)).isEqualTo(200);
        assertThat(store.search(SearchRequest.of(marker(3)), ALL).total()).isGreaterThan(found);
        assertThat(store.health().status()).isEqualTo(StoreHealth.Status.OK);
      }
    }
  }

  private static CaseQuery marker(int i) {
    return new CaseQuery.Term(CaseField.TEXT, RandomCases.marker(i));
  }

  private static StoreHealth awaitHealth(OpenSearchCaseStore store, StoreHealth.Status status)
      throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    StoreHealth health = store.health();
    while (health.status() != status && System.nanoTime() < deadline) {
      Thread.sleep(500);
      health = store.health();
    }
    assertThat(health.status()).as("store health, last seen: %s", health).isEqualTo(status);
    return health;
  }

  /** Every acknowledged case can be read back, asked one by one from a few threads. */
  private static void assertEveryCasePresent(OpenSearchCaseStore store, Set<String> ids)
      throws Exception {
    assertThat(store.count(ALL)).isGreaterThanOrEqualTo(ids.size());
    List<String> missing = new CopyOnWriteArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      for (String id : ids) {
        pool.submit(
            () -> {
              try {
                if (store.get(new CaseId(id), ALL).isEmpty()) {
                  missing.add(id);
                }
              } catch (IOException e) {
                missing.add(id + " (" + e.getMessage() + ")");
              }
            });
      }
    }
    assertThat(missing).as("acknowledged cases missing").isEmpty();
  }
}
