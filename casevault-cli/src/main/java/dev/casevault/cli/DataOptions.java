package dev.casevault.cli;

import dev.casevault.core.CaseVaultException;
import dev.casevault.service.CaseVault;
import dev.casevault.store.CaseStore;
import dev.casevault.store.lucene.LuceneCaseStore;
import dev.casevault.store.opensearch.OpenSearchConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options every command that reads or writes cases shares: the data directory, --debug, and
 * which store holds the cases. The audit log, the redaction keys and vault, the users and the
 * settings stay in the data directory whichever store it is.
 */
final class DataOptions extends DataFolderOptions {
  /** Where the cases are. */
  enum Store {
    LUCENE,
    OPENSEARCH
  }

  @Option(
      names = "--store",
      paramLabel = "lucene|opensearch",
      description =
          "Where the cases are: lucene (the embedded index, DATA/index) or opensearch (the"
              + " cluster of DATA/opensearch.json and the CASEVAULT_OPENSEARCH_* variables,"
              + " docs/opensearch.md). Default: opensearch when DATA/opensearch.json exists,"
              + " else lucene.")
  String store;

  Store store() {
    if (store == null) {
      return OpenSearchConfiguration.fileExists(folder()) ? Store.OPENSEARCH : Store.LUCENE;
    }
    return switch (store.strip().toLowerCase(Locale.ROOT)) {
      case "lucene" -> Store.LUCENE;
      case "opensearch" -> Store.OPENSEARCH;
      default -> throw new CaseVaultException("--store: expected lucene or opensearch");
    };
  }

  /** The service over the store, open for writing. */
  CaseVault openForWriting() throws IOException {
    createFolder();
    Store kind = store();
    CaseStore cases =
        kind == Store.LUCENE
            ? LuceneCaseStore.open(indexFolder())
            : OpenSearchStores.open(OpenSearchStores.configuration(folder()));
    return CaseVault.open(cases, folder(), true);
  }

  /**
   * The service over the store for reading; on the embedded index, its last commit read-only, so it
   * can run beside an ingest.
   */
  CaseVault openForReading() throws IOException {
    if (!Files.isDirectory(folder())) {
      throw new CaseVaultException(
          "no data directory " + folder() + " (run casevault ingest or casevault demo first)");
    }
    Store kind = store();
    CaseStore cases =
        kind == Store.LUCENE
            ? LuceneCaseStore.openReadOnly(indexFolder())
            : OpenSearchStores.open(OpenSearchStores.configuration(folder()));
    return CaseVault.open(cases, folder(), false);
  }
}
