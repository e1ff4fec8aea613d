package dev.casevault.store.opensearch;

import dev.casevault.store.CaseStore;
import dev.casevault.store.CaseStoreContractTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The OpenSearch backend against the store contract, on a real cluster ({@link TestCluster} says
 * which). Each test gets its own index, named after its temporary folder so that reopening the
 * store on the same folder finds what was committed, and deleted afterwards.
 */
class OpenSearchCaseStoreContractTest extends CaseStoreContractTest {
  private static OpenSearchClient admin;
  private String alias;

  @BeforeAll
  static void connect() {
    admin = TestCluster.adminClient();
  }

  @AfterAll
  static void disconnect() throws IOException {
    if (admin != null) {
      admin._transport().close();
    }
  }

  @Override
  protected CaseStore open(Path folder) throws IOException {
    alias = aliasFor(folder);
    return TestCluster.openStore(alias);
  }

  @AfterEach
  void dropIndex() throws IOException {
    if (alias != null) {
      admin
          .indices()
          .delete(d -> d.index(TestCluster.options(alias).indexName()).ignoreUnavailable(true));
    }
  }

  static String aliasFor(Path folder) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(folder.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8));
      return "casevault-test-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
