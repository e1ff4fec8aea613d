package dev.casevault.store.opensearch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.QueryPrinter;
import dev.casevault.core.SupportCase;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.SealedValue;
import dev.casevault.store.CaseStore;
import dev.casevault.store.CaseViews;
import dev.casevault.store.Hit;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SearchResult;
import dev.casevault.store.SortOrder;
import dev.casevault.store.StoreFailureException;
import dev.casevault.store.StoreHealth;
import dev.casevault.store.StoreStats;
import dev.casevault.store.StoredCases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.ShardStatistics;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.cluster.HealthResponse;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.CountResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.BuiltinHighlighterType;
import org.opensearch.client.opensearch.core.search.HighlighterEncoder;
import org.opensearch.client.opensearch.indices.GetAliasResponse;
import org.opensearch.client.opensearch.indices.IndicesStatsResponse;
import org.opensearch.client.opensearch.indices.RefreshResponse;
import org.opensearch.client.transport.OpenSearchTransport;

/**
 * The scale-out backend: the cases in an index of an OpenSearch cluster, behind an alias.
 *
 * <p>The same contract as the embedded Lucene store: {@link #put} buffers and sends bulk requests;
 * {@link #commit} sends what is left and refreshes the index, and that refresh is the only one (the
 * index refreshes on no timer), so writes become visible exactly at commit. They are durable from
 * the moment the cluster acknowledges their bulk request (its translog), which is before commit
 * returns. Every read carries the access scope as a filter clause and fetches only the source
 * fields the scope shows. See {@code docs/opensearch.md}.
 *
 * <p>One client (and its connection pool) per store, closed by {@link #close}.
 */
public final class OpenSearchCaseStore implements CaseStore {
  /** A bulk request is sent when this many cases or about this many characters are waiting. */
  static final int BULK_CASES = 1000;

  static final long BULK_CHARS = 8L << 20;
  private static final int HIGHLIGHT_MAX_CHARS = 100_000;
  private static final String HEALTH_TIMEOUT = "2s";

  private final OpenSearchTransport transport;
  private final OpenSearchClient client;
  private final String alias;
  private final OpenSearchQueries queries;

  private final Object writeLock = new Object();
  private final List<BulkOperation> pending = new ArrayList<>();
  private long pendingChars;
  // guarded by writeLock: a bulk since the last commit lost cases, so that commit must fail
  private IOException lostSinceCommit;
  private volatile boolean closed;

  private OpenSearchCaseStore(OpenSearchTransport transport, String alias) {
    this.transport = transport;
    this.client = new OpenSearchClient(transport);
    this.alias = alias;
    this.queries = new OpenSearchQueries(new TextAnalysis(client, alias));
  }

  /**
   * Connects to the cluster with {@code settings} (HTTPS, pinned trust store, service user) and
   * opens the cases behind {@code options.alias()}, creating the index the first time.
   */
  public static OpenSearchCaseStore open(
      OpenSearchSettings settings, OpenSearchIndexOptions options) throws IOException {
    return open(SecureTransport.open(settings), options);
  }

  /**
   * Opens the store on a transport its caller built; the store owns it and closes it. Package
   * private: production code goes through {@link #open(OpenSearchSettings,
   * OpenSearchIndexOptions)}, whose transport is TLS-only; tests use this to reach a development
   * node.
   */
  static OpenSearchCaseStore open(OpenSearchTransport transport, OpenSearchIndexOptions options)
      throws IOException {
    OpenSearchCaseStore store = new OpenSearchCaseStore(transport, options.alias());
    try {
      store.ensureIndex(options);
      return store;
    } catch (IOException | RuntimeException e) {
      try {
        transport.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void ensureIndex(OpenSearchIndexOptions options) throws IOException {
    try {
      Optional<GetAliasResponse> existing = aliases();
      if (existing.isEmpty()) {
        // Every copy the cluster can hold is started before the first write: a replica that is
        // still recovering while bulks arrive makes the primary flush, and a flush shows
        // uncommitted cases before commit().
        int copies =
            Math.min(options.replicas() + 1, client.cluster().health().numberOfDataNodes());
        try {
          boolean started =
              client
                  .indices()
                  .create(
                      c ->
                          c.index(options.indexName())
                              .settings(CaseIndex.settings(options))
                              .mappings(CaseIndex.mapping())
                              .aliases(alias, a -> a.isWriteIndex(true))
                              .waitForActiveShards(w -> w.count(copies)))
                  .shardsAcknowledged();
          if (!started) {
            throw new StoreFailureException(
                "the new index's "
                    + copies
                    + " shard copies did not all start in time; wait for the cluster to be green");
          }
        } catch (OpenSearchException e) {
          if (!"resource_already_exists_exception".equals(errorType(e))) {
            throw e;
          }
          // Another casevault process created it first: check it below like any existing index.
        }
        existing = aliases();
      }
      checkIndex(
          existing.orElseThrow(
              () -> new StoreFailureException("the index behind " + alias + " vanished")));
    } catch (OpenSearchException | IOException e) {
      throw ClusterErrors.failure("cannot open the case index " + alias, e);
    }
  }

  /**
   * The indices behind the alias with their aliases, if it exists. Asked of the alias itself
   * ({@code GET /<alias>/_alias}) rather than of every index, so that a service user limited to
   * casevault's indices may ask.
   */
  private Optional<GetAliasResponse> aliases() throws IOException {
    try {
      return Optional.of(client.indices().getAlias(a -> a.index(alias)));
    } catch (OpenSearchException e) {
      if ("index_not_found_exception".equals(errorType(e)) || e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Refuses a name that is an index rather than an alias, an alias over several indices, an index
   * that another mapping version made, or one that refreshes on a timer.
   */
  private void checkIndex(GetAliasResponse aliases) throws IOException {
    if (aliases.result().size() != 1) {
      throw new CaseVaultException(
          "the alias "
              + alias
              + " must point to exactly one index, not "
              + aliases.result().keySet()
              + " (casevault switches it atomically after a reindex)");
    }
    if (!aliases.result().values().iterator().next().aliases().containsKey(alias)) {
      throw new CaseVaultException(
          alias + " is an index, not an alias: casevault reads and writes through an alias");
    }
    String index = aliases.result().keySet().iterator().next();
    JsonData version =
        client
            .indices()
            .getMapping(m -> m.index(index))
            .result()
            .get(index)
            .mappings()
            .meta()
            .get(CaseIndex.META_VERSION);
    if (version == null || version.to(Integer.class) != CaseIndex.MAPPING_VERSION) {
      throw new CaseVaultException(
          "the index "
              + index
              + " was not made by this casevault's mapping (version "
              + CaseIndex.MAPPING_VERSION
              + ", found "
              + (version == null ? "none" : version.toJson().toString())
              + "): reindex it into a new casevault index and move the alias");
    }
    String refresh =
        client
            .indices()
            .getSettings(s -> s.index(index).name("index.refresh_interval").flatSettings(true))
            .result()
            .get(index)
            .settings()
            .refreshInterval()
            .time();
    if (!"-1".equals(refresh)) {
      throw new CaseVaultException(
          "the index "
              + index
              + " refreshes every "
              + refresh
              + "; casevault needs index.refresh_interval -1 (writes become visible at commit)");
    }
  }

  @Override
  public void put(RedactedCase redactedCase) throws IOException {
    SupportCase c = redactedCase.content();
    ObjectNode document = CaseSource.encode(redactedCase);
    BulkOperation operation =
        BulkOperation.of(b -> b.index(i -> i.index(alias).id(c.id().value()).document(document)));
    synchronized (writeLock) {
      if (closed) {
        throw new StoreFailureException("the OpenSearch store is closed");
      }
      pending.add(operation);
      pendingChars += approximateChars(c);
      if (pending.size() >= BULK_CASES || pendingChars >= BULK_CHARS) {
        sendPending();
      }
    }
  }

  private static long approximateChars(SupportCase c) {
    long chars = 512 + c.subject().length() + c.description().length();
    for (Message message : c.messages()) {
      chars += 64 + message.text().length();
    }
    for (Note note : c.notes()) {
      chars += 64 + note.text().length();
    }
    return chars;
  }

  /**
   * Sends the buffered cases as one bulk request. A request the cluster failed for a passing reason
   * (a node died, a replica is being promoted, queues are full) is sent again, and of a partly
   * refused request only the cases refused for such a reason; once the pauses of {@link
   * ClusterRetry#WRITES} are spent, or for a refusal that will not pass, the whole call fails and
   * so does the next commit.
   */
  private void sendPending() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    List<BulkOperation> batch = List.copyOf(pending);
    pending.clear();
    pendingChars = 0;
    List<BulkOperation> unsent = batch;
    for (int attempt = 0; ; attempt++) {
      List<BulkOperation> sending = unsent;
      BulkResponse response;
      try {
        response = client.bulk(b -> b.operations(sending));
      } catch (IOException | RuntimeException e) {
        IOException failure =
            ClusterErrors.failure(
                "OpenSearch refused a bulk write of " + batch.size() + " cases", e);
        if (!ClusterRetry.passing(e)) {
          throw lost(failure);
        }
        awaitWriteRetry(attempt, failure);
        continue;
      }
      unsent = refusedForAPassingReason(sending, response, batch.size());
      if (unsent.isEmpty()) {
        return;
      }
      awaitWriteRetry(
          attempt,
          new StoreFailureException(
              "OpenSearch could not take "
                  + unsent.size()
                  + " of "
                  + batch.size()
                  + " cases for now ("
                  + firstError(response)
                  + ")"));
    }
  }

  /** Waits before the next attempt of a bulk write, or fails it if the attempts are spent. */
  private void awaitWriteRetry(int attempt, IOException failure) throws IOException {
    if (attempt >= ClusterRetry.WRITES.size()) {
      throw lost(failure);
    }
    try {
      ClusterRetry.pause(ClusterRetry.WRITES.get(attempt));
    } catch (IOException interrupted) {
      throw lost(interrupted);
    }
  }

  /**
   * The operations of a bulk request the cluster refused for a passing reason (429, 5xx), to be
   * sent again; throws if it refused any for a reason that will not pass (a mapping conflict).
   */
  private List<BulkOperation> refusedForAPassingReason(
      List<BulkOperation> sent, BulkResponse response, int batchSize) throws IOException {
    if (!response.errors()) {
      return List.of();
    }
    List<BulkOperation> again = new ArrayList<>();
    for (int i = 0; i < response.items().size(); i++) {
      BulkResponseItem item = response.items().get(i);
      if (item.error() == null) {
        continue;
      }
      if (!ClusterRetry.passingStatus(item.status())) {
        // The reason is left out on purpose: OpenSearch quotes field values in it.
        throw lost(
            new StoreFailureException(
                "OpenSearch refused case "
                    + item.id()
                    + " of a bulk write of "
                    + batchSize
                    + ": "
                    + item.error().type()
                    + " (HTTP "
                    + item.status()
                    + ")"));
      }
      again.add(sent.get(i));
    }
    return again;
  }

  private static String firstError(BulkResponse response) {
    for (BulkResponseItem item : response.items()) {
      if (item.error() != null) {
        return item.error().type() + ", HTTP " + item.status();
      }
    }
    return "no error given";
  }

  /** Remembers that cases put since the last commit were lost, so that commit() fails too. */
  private IOException lost(IOException failure) {
    if (lostSinceCommit == null) {
      lostSinceCommit = failure;
    }
    return failure;
  }

  @Override
  public void commit() throws IOException {
    synchronized (writeLock) {
      try {
        sendPending();
      } catch (IOException reportedBelow) {
        // lost() kept it: reported once, with the words every failed commit has
      }
      if (lostSinceCommit != null) {
        IOException lost = lostSinceCommit;
        lostSinceCommit = null;
        throw new StoreFailureException(
            "not every case put since the last commit was written: " + lost.getMessage(), lost);
      }
      RefreshResponse refresh;
      try {
        refresh =
            ClusterRetry.call(
                ClusterRetry.READS, () -> client.indices().refresh(r -> r.index(alias)));
      } catch (IOException | RuntimeException e) {
        throw ClusterErrors.failure("cannot make the written cases visible (refresh)", e);
      }
      ShardStatistics shards = refresh.shards();
      if (shards.failed() > 0 || shards.successful() == 0) {
        throw new StoreFailureException(
            "the refresh that makes written cases visible failed on "
                + shards.failed()
                + " of "
                + shards.total()
                + " shard copies");
      }
    }
  }

  /** The case with this id, if the scope may see it. */
  private Query byIdWithin(CaseId id, AccessScope scope) {
    Query byId = OpenSearchQueries.keywordTerm(CaseField.ID, id.value());
    Query visible = queries.scoped(CaseQuery.matchAll(), scope);
    return Query.of(q -> q.bool(b -> b.filter(byId).filter(visible)));
  }

  /** The source of the case with this id if the scope may see it, with only {@code includes}. */
  private Optional<ObjectNode> sourceOf(CaseId id, AccessScope scope, List<String> includes)
      throws IOException {
    SearchResponse<ObjectNode> response;
    try {
      Query query = byIdWithin(id, scope);
      response =
          ClusterRetry.call(
              ClusterRetry.READS,
              () ->
                  client.search(
                      s ->
                          s.index(alias)
                              .query(query)
                              .size(1)
                              .allowPartialSearchResults(false)
                              .source(src -> src.filter(f -> f.includes(includes))),
                      ObjectNode.class));
    } catch (IOException | RuntimeException e) {
      throw ClusterErrors.failure("cannot read case " + id, e);
    }
    if (response.hits().hits().isEmpty()) {
      return Optional.empty();
    }
    ObjectNode source = response.hits().hits().getFirst().source();
    return Optional.of(source == null ? JsonNodeFactory.instance.objectNode() : source);
  }

  @Override
  public Optional<SupportCase> get(CaseId id, AccessScope scope) throws IOException {
    Optional<ObjectNode> source = sourceOf(id, scope, CaseSource.includes(scope));
    if (source.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(CaseViews.restrict(CaseSource.decode(source.get()), scope));
  }

  @Override
  public Optional<String> customerOf(CaseId id, AccessScope scope) throws IOException {
    return sourceOf(id, scope, List.of(CaseField.CUSTOMER_ID.queryName()))
        .map(CaseSource::customerId);
  }

  @Override
  public Optional<List<SealedValue>> sealedValues(CaseId id, AccessScope scope) throws IOException {
    if (!scope.canSeeIdentities()) {
      return Optional.empty();
    }
    return sourceOf(id, scope, List.of(CaseIndex.SEALED)).map(CaseSource::sealed);
  }

  @Override
  public List<RedactedCase> storedCases(CaseId after, int size, AccessScope scope)
      throws IOException {
    StoredCases.requireWholeArchive(size, scope);
    Query everything = queries.scoped(CaseQuery.matchAll(), scope);
    SortOptions byId =
        SortOptions.of(
            o ->
                o.field(
                    f ->
                        f.field(CaseIndex.ID)
                            .order(org.opensearch.client.opensearch._types.SortOrder.Asc)));
    SearchResponse<ObjectNode> response;
    try {
      response =
          ClusterRetry.call(
              ClusterRetry.READS,
              () ->
                  client.search(
                      s -> {
                        s.index(alias)
                            .query(everything)
                            .size(size)
                            .trackTotalHits(t -> t.enabled(false))
                            .allowPartialSearchResults(false)
                            .sort(byId);
                        if (after != null) {
                          s.searchAfter(FieldValue.of(after.value()));
                        }
                        return s;
                      },
                      ObjectNode.class));
    } catch (IOException | RuntimeException e) {
      throw ClusterErrors.failure("cannot read stored cases", e);
    }
    List<RedactedCase> page = new ArrayList<>(response.hits().hits().size());
    for (var hit : response.hits().hits()) {
      ObjectNode source = hit.source();
      page.add(
          RedactedCase.readBackFromStore(CaseSource.decode(source), CaseSource.sealed(source)));
    }
    return page;
  }

  @Override
  public long count(AccessScope scope) throws IOException {
    try {
      Query query = queries.scoped(CaseQuery.matchAll(), scope);
      CountResponse counted =
          ClusterRetry.call(
              ClusterRetry.READS, () -> client.count(c -> c.index(alias).query(query)));
      requireEveryShard(counted.shards(), "count cases");
      return counted.count();
    } catch (IOException | RuntimeException e) {
      throw ClusterErrors.failure("cannot count cases", e);
    }
  }

  @Override
  public SearchResult search(SearchRequest request, AccessScope scope) throws IOException {
    List<FieldValue> after =
        request.after() == null ? null : SearchCursor.decode(request.after(), request.sort());
    List<CaseField> facetFields = request.facets().stream().filter(scope::canSee).toList();
    List<CaseField> highlightFields =
        CaseField.TEXT.concreteFields().stream().filter(scope::canSee).toList();
    Query query;
    Query highlightQuery;
    try {
      query = queries.scoped(request.query(), scope);
      highlightQuery = queries.highlightQuery(request.query(), scope);
    } catch (UncheckedIOException e) {
      throw ClusterErrors.failure("cannot analyse the query", e.getCause());
    } catch (OpenSearchException e) {
      throw ClusterErrors.failure("cannot analyse the query", e);
    }
    int fetch = request.size() == 0 ? 0 : request.size() + 1;
    SearchResponse<ObjectNode> response;
    try {
      response =
          ClusterRetry.call(
              ClusterRetry.READS,
              () ->
                  client.search(
                      s -> {
                        s.index(alias)
                            .query(query)
                            .size(fetch)
                            .trackTotalHits(t -> t.enabled(true))
                            .allowPartialSearchResults(false)
                            .sort(sortFor(request.sort()))
                            .source(
                                src -> src.filter(f -> f.includes(CaseSource.hitIncludes(scope))))
                            // The same query goes to the same shard copies, whose statistics (and
                            // so
                            // scores) agree from page to page; different queries spread over
                            // replicas.
                            .preference(preference(request, scope));
                        if (after != null) {
                          s.searchAfter(after);
                        }
                        if (fetch > 0 && !highlightFields.isEmpty()) {
                          s.highlight(
                              h -> {
                                h.type(t -> t.builtin(BuiltinHighlighterType.Unified))
                                    .encoder(HighlighterEncoder.Html)
                                    .preTags("<em>")
                                    .postTags("</em>")
                                    .numberOfFragments(1)
                                    // 0: whole sentences, however long, as the Lucene backend's
                                    // passages.
                                    .fragmentSize(0)
                                    .noMatchSize(0)
                                    .requireFieldMatch(true)
                                    .maxAnalyzerOffset(HIGHLIGHT_MAX_CHARS)
                                    .highlightQuery(highlightQuery);
                                for (CaseField field : highlightFields) {
                                  for (Language language : Language.values()) {
                                    h.fields(CaseIndex.text(field, language), f -> f);
                                  }
                                }
                                return h;
                              });
                        }
                        for (CaseField field : facetFields) {
                          s.aggregations(
                              field.queryName(),
                              a ->
                                  a.terms(
                                      t ->
                                          t.field(CaseIndex.keyword(field))
                                              .size(request.facetSize())
                                              // Each shard reports more values than asked, so that
                                              // the
                                              // top counts are exact for fields of modest
                                              // cardinality.
                                              .shardSize(Math.max(100, request.facetSize() * 3))));
                        }
                        return s;
                      },
                      ObjectNode.class));
    } catch (IOException | RuntimeException e) {
      java.util.Set<String> types = ClusterErrors.types(e);
      if (types.contains("too_many_clauses") || types.contains("too_many_nested_clauses")) {
        throw new CaseVaultException("the query is too complex; use fewer words or fields");
      }
      throw ClusterErrors.failure("the search failed", e);
    }
    List<org.opensearch.client.opensearch.core.search.Hit<ObjectNode>> found =
        response.hits().hits();
    int pageSize = Math.min(request.size(), found.size());
    List<Hit> hits = new ArrayList<>(pageSize);
    for (int i = 0; i < pageSize; i++) {
      hits.add(hit(found.get(i), request.sort(), scope, highlightFields));
    }
    String next = null;
    // One hit more than the page was fetched: only then is there a next page.
    if (pageSize > 0 && found.size() > request.size()) {
      next = SearchCursor.encode(request.sort(), found.get(pageSize - 1).sort());
    }
    return new SearchResult(
        response.hits().total().value(), hits, facets(response, facetFields), next);
  }

  private static Hit hit(
      org.opensearch.client.opensearch.core.search.Hit<ObjectNode> found,
      SortOrder sort,
      AccessScope scope,
      List<CaseField> highlightFields) {
    ObjectNode source = found.source();
    Map<CaseField, String> highlights = new EnumMap<>(CaseField.class);
    Map<String, List<String>> snippets = found.highlight();
    for (CaseField field : highlightFields) {
      for (Language language : Language.values()) {
        List<String> fragments = snippets.get(CaseIndex.text(field, language));
        if (fragments != null && !fragments.isEmpty() && !highlights.containsKey(field)) {
          highlights.put(field, fragments.getFirst());
        }
      }
    }
    float score = Float.NaN;
    if (sort == SortOrder.RELEVANCE) {
      FieldValue primary = found.sort().getFirst();
      score = (float) (primary.isDouble() ? primary.doubleValue() : primary.longValue());
    }
    return new Hit(
        CaseSource.id(source),
        score,
        CaseSource.created(source),
        CaseSource.status(source),
        scope.canSee(CaseField.SUBJECT) ? CaseSource.subject(source) : null,
        highlights,
        CaseSource.customerId(source));
  }

  private static Map<CaseField, Map<String, Long>> facets(
      SearchResponse<ObjectNode> response, List<CaseField> fields) {
    Map<CaseField, Map<String, Long>> result = new EnumMap<>(CaseField.class);
    for (CaseField field : fields) {
      Map<String, Long> values = new LinkedHashMap<>();
      Aggregate aggregate = response.aggregations().get(field.queryName());
      if (aggregate != null && aggregate.isSterms()) {
        for (StringTermsBucket bucket : aggregate.sterms().buckets().array()) {
          values.put(bucket.key(), bucket.docCount());
        }
      }
      result.put(field, values);
    }
    return result;
  }

  private static List<SortOptions> sortFor(SortOrder order) {
    SortOptions byId =
        SortOptions.of(
            s ->
                s.field(
                    f ->
                        f.field(CaseIndex.ID)
                            .order(org.opensearch.client.opensearch._types.SortOrder.Asc)));
    return switch (order) {
      case RELEVANCE ->
          List.of(
              SortOptions.of(
                  s ->
                      s.score(
                          sc -> sc.order(org.opensearch.client.opensearch._types.SortOrder.Desc))),
              byId);
      case NEWEST -> List.of(dateSort(CaseField.CREATED, true), byId);
      case OLDEST -> List.of(dateSort(CaseField.CREATED, false), byId);
      case RECENTLY_UPDATED -> List.of(dateSort(CaseField.UPDATED, true), byId);
    };
  }

  private static SortOptions dateSort(CaseField field, boolean newestFirst) {
    return SortOptions.of(
        s ->
            s.field(
                f ->
                    f.field(CaseIndex.keyword(field))
                        .order(
                            newestFirst
                                ? org.opensearch.client.opensearch._types.SortOrder.Desc
                                : org.opensearch.client.opensearch._types.SortOrder.Asc)));
  }

  /** A stable routing preference per query and scope (never the query text itself). */
  private static String preference(SearchRequest request, AccessScope scope) {
    String key =
        QueryPrinter.print(request.query())
            + '\0'
            + QueryPrinter.print(scope.documentFilter())
            + '\0'
            + request.sort().wireName();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "cv" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public StoreStats stats() throws IOException {
    try {
      CountResponse counted =
          ClusterRetry.call(ClusterRetry.READS, () -> client.count(c -> c.index(alias)));
      requireEveryShard(counted.shards(), "count cases");
      long cases = counted.count();
      IndicesStatsResponse stats =
          ClusterRetry.call(ClusterRetry.READS, () -> client.indices().stats(s -> s.index(alias)));
      long bytes = stats.all().total().store().sizeInBytes();
      return new StoreStats(cases, bytes, stats.shards().successful());
    } catch (IOException | RuntimeException e) {
      throw ClusterErrors.failure("cannot read the index statistics", e);
    }
  }

  /**
   * The cluster's health for casevault's index: green is OK; yellow (every primary assigned, some
   * replicas not, as after a node died) is DEGRADED; red, no elected cluster manager, or no answer
   * is UNAVAILABLE. Asked with short timeouts so that a health check never waits a minute for a
   * cluster that lost its quorum.
   */
  @Override
  public StoreHealth health() {
    HealthResponse health;
    try {
      health =
          client
              .cluster()
              .health(
                  h ->
                      h.index(alias)
                          .timeout(t -> t.time(HEALTH_TIMEOUT))
                          .clusterManagerTimeout(t -> t.time(HEALTH_TIMEOUT)));
    } catch (IOException | RuntimeException e) {
      IOException failure = ClusterErrors.failure("the cluster does not answer", e);
      return new StoreHealth(StoreHealth.Status.UNAVAILABLE, failure.getMessage());
    }
    String detail =
        health.status().jsonValue()
            + ": "
            + health.numberOfNodes()
            + " nodes, "
            + health.activeShards()
            + " shard copies active, "
            + health.unassignedShards()
            + " unassigned, "
            + health.initializingShards()
            + " initialising";
    return switch (health.status()) {
      case Green -> new StoreHealth(StoreHealth.Status.OK, detail);
      case Yellow -> new StoreHealth(StoreHealth.Status.DEGRADED, detail);
      case Red -> new StoreHealth(StoreHealth.Status.UNAVAILABLE, detail);
    };
  }

  /** A count from some shards only is a wrong answer, not a smaller one. */
  private static void requireEveryShard(
      org.opensearch.client.opensearch._types.ShardStatistics shards, String what)
      throws IOException {
    if (shards.failed() > 0 || shards.successful() < shards.total()) {
      throw new StoreFailureException(
          "cannot "
              + what
              + ": "
              + shards.successful()
              + " of "
              + shards.total()
              + " shards answered");
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    synchronized (writeLock) {
      // Like the Lucene store's rollback: cases put since the last commit are not promised, and
      // those still buffered here are dropped.
      pending.clear();
      pendingChars = 0;
    }
    transport.close();
  }

  private static String errorType(OpenSearchException e) {
    ErrorCause error = e.error();
    return error == null ? null : error.type();
  }
}
