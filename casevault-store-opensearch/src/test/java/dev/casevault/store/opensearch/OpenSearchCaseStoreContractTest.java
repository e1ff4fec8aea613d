package dev.casevault.store.opensearch;

import dev.casevault.store.CaseStore;
import dev.casevault.store.CaseStoreContractTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

  /** Every index a test opened (some open a second store), dropped after it. */
  private final List<String> aliases = new ArrayList<>();

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
    String alias = aliasFor(folder);
    aliases.add(alias);
    return TestCluster.openStore(alias);
  }

  @AfterEach
  void dropIndex() throws IOException {
    for (String alias : aliases) {
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
