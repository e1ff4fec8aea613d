package dev.casevault.store;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseId;
import dev.casevault.core.SupportCase;
import java.io.IOException;
import java.util.Optional;

/**
 * Where cases live. Every read takes an {@link AccessScope}: there is no unscoped read.
 *
 * <p>Implementations are thread-safe. Writes become visible to reads after {@link #commit()}, which
 * also makes them durable: a case whose {@code put} returned before a {@code commit} that returned
 * survives a crash of the process.
 */
public interface CaseStore extends AutoCloseable {

  /** Adds a case, or replaces the stored case with the same id. */
  void put(SupportCase supportCase) throws IOException;

  /** Makes every earlier {@link #put} durable and visible to reads. */
  void commit() throws IOException;

  /**
   * The case with this id, if it exists and the scope lets the caller see it, with the fields the
   * scope hides removed (text fields empty, lists empty).
   */
  Optional<SupportCase> get(CaseId id, AccessScope scope) throws IOException;

  /** Hits, total, facets and highlights, all computed over the cases the scope lets one see. */
  SearchResult search(SearchRequest request, AccessScope scope) throws IOException;

  /** How many cases the scope lets one see. */
  long count(AccessScope scope) throws IOException;

  /** Size figures for operators; about the store, not about any case. */
  StoreStats stats() throws IOException;

  @Override
  void close() throws IOException;
}
