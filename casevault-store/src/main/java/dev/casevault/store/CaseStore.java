package dev.casevault.store;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseId;
import dev.casevault.core.SupportCase;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.SealedValue;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where cases live. Every read takes an {@link AccessScope}: there is no unscoped read.
 *
 * <p>Implementations are thread-safe. Writes become visible to reads after {@link #commit()}, which
 * also makes them durable: a case whose {@code put} returned before a {@code commit} that returned
 * survives a crash of the process.
 */
public interface CaseStore extends AutoCloseable {

  /**
   * Adds a case, or replaces the stored case with the same id. Only a {@link RedactedCase} can be
   * stored: personal data never reaches a store in clear.
   */
  void put(RedactedCase redactedCase) throws IOException;

  /** Makes every earlier {@link #put} durable and visible to reads. */
  void commit() throws IOException;

  /**
   * The case with this id, if it exists and the scope lets the caller see it, with the fields the
   * scope hides removed (text fields empty, lists empty).
   */
  Optional<SupportCase> get(CaseId id, AccessScope scope) throws IOException;

  /**
   * Who the case with this id is about, as stored (an opaque id or its identity token), if the
   * scope may see the case, whatever fields it shows: for the audit log's record of whose cases
   * were read.
   */
  Optional<String> customerOf(CaseId id, AccessScope scope) throws IOException;

  /**
   * The sealed values of the case with this id (ciphertext only the vault can open), if the case
   * exists and the scope may see identities; empty otherwise.
   */
  Optional<List<SealedValue>> sealedValues(CaseId id, AccessScope scope) throws IOException;

  /** Hits, total, facets and highlights, all computed over the cases the scope lets one see. */
  SearchResult search(SearchRequest request, AccessScope scope) throws IOException;

  /** How many cases the scope lets one see. */
  long count(AccessScope scope) throws IOException;

  /**
   * Up to {@code size} cases whose ids come after {@code after} (from the first when null), in the
   * order of their ids, each exactly as stored: its redacted content and its sealed values, as a
   * {@link RedactedCase} that another store's {@link #put} accepts unchanged (see {@link
   * RedactedCase#readBackFromStore}). Only committed cases, like every read.
   *
   * <p>For copying a store into another ({@code casevault migrate}) and comparing the two. The
   * stored form is the whole case, sealed values included, so the scope must see every case and
   * every field: {@link StoredCases#requireWholeArchive}.
   *
   * @param size 1 to {@link StoredCases#MAX_PAGE}
   */
  List<RedactedCase> storedCases(CaseId after, int size, AccessScope scope) throws IOException;

  /** Size figures for operators; about the store, not about any case. */
  StoreStats stats() throws IOException;

  /**
   * Whether the store can answer now, and with how much redundancy. Never throws for an unreachable
   * backend: that is an {@link StoreHealth.Status#UNAVAILABLE} answer. Cheap enough to be asked
   * every few seconds.
   */
  StoreHealth health();

  @Override
  void close() throws IOException;
}
