package dev.casevault.server;

import dev.casevault.opensearch.testkit.OpenSearchCluster;
import dev.casevault.store.opensearch.OpenSearchCaseStore;
import dev.casevault.store.opensearch.OpenSearchIndexOptions;
import dev.casevault.store.opensearch.OpenSearchSettings;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole authorisation matrix again, with the server on the OpenSearch backend: a secured
 * three-node cluster on 127.0.0.1 (the testkit's), reached with casevault's service user, so that
 * every role's scope is shown to hold when it is pushed down into OpenSearch queries too.
 */
class AuthorisationMatrixOnOpenSearchTest extends AuthorisationMatrixTest {
  @BeforeAll
  static void start() throws IOException {
    OpenSearchCluster cluster = OpenSearchCluster.shared();
    startOn(
        data ->
            OpenSearchCaseStore.open(
                new OpenSearchSettings(
                    cluster.httpUrls(),
                    cluster.trustStore(),
                    cluster.storePassword(),
                    cluster.serviceUser(),
                    cluster.servicePassword()),
                new OpenSearchIndexOptions(
                    "casevault-test-matrix-" + UUID.randomUUID().toString().substring(0, 8),
                    1,
                    1)));
  }
}
