package dev.casevault.store.lucene;

import dev.casevault.store.CaseStore;
import dev.casevault.store.CaseStoreContractTest;
import java.io.IOException;
import java.nio.file.Path;

/** The embedded Lucene backend against the store contract. */
class LuceneCaseStoreContractTest extends CaseStoreContractTest {
  @Override
  protected CaseStore open(Path folder) throws IOException {
    return LuceneCaseStore.open(folder);
  }
}
