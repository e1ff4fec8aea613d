package dev.casevault.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.CaseVaultException;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.Vault;
import dev.casevault.store.RandomCases;
import dev.casevault.store.SearchRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/** What the OpenSearch backend does beyond the shared contract, on a real cluster. */
class OpenSearchCaseStoreTest {
  private static final AccessScope ALL = AccessScope.dataDirectoryOwner();
  private static final RedactionKeys KEYS = RedactionKeys.ephemeral();
  private static final Redactor REDACTOR =
      new Redactor(
          new PiiDetector(List.of(), 1_000_000_000L, 0),
          RedactionPolicy.defaults(),
          KEYS,
          Vault.inMemory(KEYS));

  /** Unique per run, so that test runs sharing a cluster never meet. */
  private static final String ALIAS =
      "casevault-test-backend-" + Long.toHexString(new java.util.Random().nextLong() & 0xffffffffL);

  private static OpenSearchClient admin;

  @BeforeAll
  static void connect() {
    admin = TestCluster.adminClient();
  }

  @AfterAll
  static void disconnect() throws IOException {
    admin._transport().close();
  }

  @AfterEach
  void dropIndices() throws IOException {
    admin
        .indices()
        .delete(
            d ->
                d.index(TestCluster.options(ALIAS).indexName(), ALIAS + "-plain")
                    .ignoreUnavailable(true));
  }

  @Test
  void bulkRequestsSentBeforeCommitStayInvisibleUntilIt() throws Exception {
    RandomCases random = new RandomCases(3);
    int cases = OpenSearchCaseStore.BULK_CASES + 5;
    try (OpenSearchCaseStore store = TestCluster.openStore(ALIAS)) {
      for (int i = 0; i < cases; i++) {
        store.put(REDACTOR.redact(random.next(i)));
      }
      assertThat(store.count(ALL)).as("a full bulk was sent, but nothing is committed").isZero();
      store.commit();
      assertThat(store.count(ALL)).isEqualTo(cases);
      assertThat(store.stats().cases()).isEqualTo(cases);
      assertThat(store.stats().indexBytes()).isPositive();
      assertThat(store.stats().segments()).isPositive();
    }
  }

  @Test
  void aClosedStoreRefusesWritesInsteadOfDroppingThem() throws Exception {
    OpenSearchCaseStore store = TestCluster.openStore(ALIAS);
    store.close();
    assertThatThrownBy(() -> store.put(REDACTOR.redact(new RandomCases(4).next(0))))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("the OpenSearch store is closed");
  }

  @Test
  void aQueryTooLargeForTheClusterFailsWithAClearError() throws Exception {
    List<CaseQuery> words = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      words.add(new CaseQuery.Term(CaseField.TEXT, "w" + i));
    }
    try (OpenSearchCaseStore store = TestCluster.openStore(ALIAS)) {
      assertThatThrownBy(() -> store.search(SearchRequest.of(new CaseQuery.Or(words)), ALL))
          .isInstanceOf(CaseVaultException.class)
          .hasMessage("the query is too complex; use fewer words or fields");
    }
  }

  @Test
  void anIndexThatIsNotBehindAnAliasIsRefused() throws Exception {
    admin.indices().create(c -> c.index(ALIAS + "-plain"));
    assertThatThrownBy(() -> TestCluster.openStore(ALIAS + "-plain"))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("is an index, not an alias");
  }

  @Test
  void anIndexOfAnotherMappingIsRefused() throws Exception {
    admin
        .indices()
        .create(c -> c.index(TestCluster.options(ALIAS).indexName()).aliases(ALIAS, a -> a));
    assertThatThrownBy(() -> TestCluster.openStore(ALIAS))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("was not made by this casevault's mapping");
  }

  @Test
  void anIndexThatRefreshesOnATimerIsRefused() throws Exception {
    TestCluster.openStore(ALIAS).close();
    admin
        .indices()
        .putSettings(s -> s.index(ALIAS).settings(x -> x.refreshInterval(t -> t.time("1s"))));
    assertThatThrownBy(() -> TestCluster.openStore(ALIAS))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("casevault needs index.refresh_interval -1");
  }
}
