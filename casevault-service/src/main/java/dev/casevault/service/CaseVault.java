package dev.casevault.service;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseId;
import dev.casevault.core.SupportCase;
import dev.casevault.store.CaseStore;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SearchResult;
import dev.casevault.store.StoreStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one path to case data: the CLI (and later the server) call this service, never a store.
 *
 * <p>Today the path is validate → store for ingest and scope → store for reads. Redaction, the
 * audit log and authentication join here as they are built, so that no adapter can skip them.
 */
public final class CaseVault implements AutoCloseable {
  private final CaseStore store;

  public CaseVault(CaseStore store) {
    this.store = store;
  }

  /** Validates and stores every line of {@code files}; see {@link IngestRun}. */
  public IngestReport ingest(List<Path> files, IngestOptions options, IngestListener listener)
      throws IOException {
    return new IngestRun(store, options, listener).run(files);
  }

  public SearchResult search(SearchRequest request, AccessScope scope) throws IOException {
    return store.search(request, scope);
  }

  public Optional<SupportCase> read(CaseId id, AccessScope scope) throws IOException {
    return store.get(id, scope);
  }

  public long count(AccessScope scope) throws IOException {
    return store.count(scope);
  }

  public StoreStats stats() throws IOException {
    return store.stats();
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
