package dev.casevault.store.lucene;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.Language;
import dev.casevault.core.SupportCase;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.SealedValue;
import dev.casevault.store.CaseStore;
import dev.casevault.store.CaseViews;
import dev.casevault.store.Hit;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SearchResult;
import dev.casevault.store.SortOrder;
import dev.casevault.store.StoreHealth;
import dev.casevault.store.StoreStats;
import dev.casevault.store.StoredCases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.SortedSetSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * The embedded backend: one Lucene index in a folder.
 *
 * <p>A store opened for writing holds the index's write lock, so one process writes at a time;
 * stores opened read-only ({@link #openReadOnly}) see the last commit and can run beside it.
 */
public final class LuceneCaseStore implements CaseStore {
  private static final int HIGHLIGHT_MAX_CHARS = 100_000;

  static {
    // A text term expands to one clause per text field and language; the query parser caps a
    // query at 256 leaves, so this bound is never the first to be hit.
    IndexSearcher.setMaxClauseCount(8192);
  }

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final CaseAnalyzers analyzers = new CaseAnalyzers();
  private final CaseDocuments documents = new CaseDocuments();
  private final LuceneQueries queries = new LuceneQueries(analyzers);

  /** Commits made by this store, and the last of them that readers were reopened on. */
  private final AtomicLong commits = new AtomicLong();

  private volatile long commitsVisible;
  private final Object refreshLock = new Object();

  private LuceneCaseStore(Directory directory, IndexWriter writer) throws IOException {
    this.directory = directory;
    this.writer = writer;
    SearcherFactory factory =
        new SearcherFactory() {
          @Override
          public IndexSearcher newSearcher(IndexReader reader, IndexReader previous)
              throws IOException {
            return new FacetedSearcher(reader, facetState(reader));
          }
        };
    // Readers see the last commit, not the writer's buffers: what a read returns is always
    // durable, and a write becomes visible exactly at commit(), as the CaseStore contract says.
    this.searchers = new SearcherManager(directory, factory);
  }

  /** Opens (creating if needed) the index in {@code folder} for reading and writing. */
  public static LuceneCaseStore open(Path folder) throws IOException {
    Files.createDirectories(folder);
    Directory directory = FSDirectory.open(folder);
    IndexWriter writer = null;
    try {
      IndexWriterConfig config = new IndexWriterConfig(new CaseAnalyzers().perField());
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      config.setRAMBufferSizeMB(256);
      config.setCommitOnClose(false);
      // Ingest commits every few seconds, so most flushed segments are small and soon merged:
      // packing each into a compound file first would copy every byte once more for nothing.
      config.setUseCompoundFile(false);
      writer = new IndexWriter(directory, config);
      if (!DirectoryReader.indexExists(directory)) {
        writer.commit(); // so that readers can open an empty index
      }
      return new LuceneCaseStore(directory, writer);
    } catch (LockObtainFailedException e) {
      directory.close();
      throw new CaseVaultException(
          "the index in " + folder + " is being written by another casevault process");
    } catch (IOException | RuntimeException e) {
      // Release the write lock before giving up, or this process would hold it until it exits.
      try {
        if (writer != null) {
          writer.rollback();
        }
        directory.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Opens the last commit of the index in {@code folder} for reading only. */
  public static LuceneCaseStore openReadOnly(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new CaseVaultException("no case index in " + folder + " (run casevault ingest first)");
    }
    Directory directory = FSDirectory.open(folder);
    if (!DirectoryReader.indexExists(directory)) {
      directory.close();
      throw new CaseVaultException("no case index in " + folder + " (run casevault ingest first)");
    }
    return new LuceneCaseStore(directory, null);
  }

  @Override
  public void put(RedactedCase redactedCase) throws IOException {
    if (writer == null) {
      throw new IllegalStateException("this store was opened read-only");
    }
    writer.updateDocument(
        new Term(IndexFields.ID, redactedCase.content().id().value()),
        documents.toDocument(redactedCase));
  }

  @Override
  public void commit() throws IOException {
    if (writer == null) {
      throw new IllegalStateException("this store was opened read-only");
    }
    writer.commit();
    // Readers reopen on their next read rather than now: an ingest commits every few seconds and
    // would otherwise rebuild the facet ordinal map each time for no reader.
    commits.incrementAndGet();
  }

  /** The case with this id, if the scope may see it. */
  private Query byIdWithin(CaseId id, AccessScope scope) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(IndexFields.ID, id.value())), Occur.MUST)
        .add(queries.scoped(CaseQuery.matchAll(), scope), Occur.FILTER)
        .build();
  }

  @Override
  public Optional<SupportCase> get(CaseId id, AccessScope scope) throws IOException {
    Query byId = byIdWithin(id, scope);
    FacetedSearcher searcher = acquire();
    try {
      TopDocs top = searcher.search(byId, 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.of(CaseViews.restrict(load(searcher, top.scoreDocs[0].doc), scope));
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public Optional<String> customerOf(CaseId id, AccessScope scope) throws IOException {
    FacetedSearcher searcher = acquire();
    try {
      TopDocs top = searcher.search(byIdWithin(id, scope), 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      SupportCase c = load(searcher, top.scoreDocs[0].doc);
      return Optional.ofNullable(c.customer() == null ? null : c.customer().id());
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public Optional<List<SealedValue>> sealedValues(CaseId id, AccessScope scope) throws IOException {
    if (!scope.canSeeIdentities()) {
      return Optional.empty();
    }
    Query byId = byIdWithin(id, scope);
    FacetedSearcher searcher = acquire();
    try {
      TopDocs top = searcher.search(byId, 1);
      if (top.scoreDocs.length == 0) {
        return Optional.empty();
      }
      BytesRef sealed =
          searcher
              .storedFields()
              .document(top.scoreDocs[0].doc, Set.of(IndexFields.SEALED))
              .getBinaryValue(IndexFields.SEALED);
      return Optional.of(sealedValues(sealed));
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public List<RedactedCase> storedCases(CaseId after, int size, AccessScope scope)
      throws IOException {
    StoredCases.requireWholeArchive(size, scope);
    FacetedSearcher searcher = acquire();
    try {
      List<RedactedCase> page = new ArrayList<>(size);
      Terms ids = MultiTerms.getTerms(searcher.getIndexReader(), IndexFields.ID);
      if (ids == null) {
        return page; // nothing committed yet
      }
      // The id terms in order, from just after the cursor: a page costs its own size, not a pass
      // over the cases before it.
      TermsEnum terms = ids.iterator();
      BytesRef id;
      if (after == null) {
        id = terms.next();
      } else {
        id =
            switch (terms.seekCeil(new BytesRef(after.value()))) {
              case END -> null;
              case FOUND -> terms.next();
              case NOT_FOUND -> terms.term();
            };
      }
      for (; id != null && page.size() < size; id = terms.next()) {
        // A term may outlive its document until a merge: the search sees live documents only.
        TopDocs top =
            searcher.search(new TermQuery(new Term(IndexFields.ID, BytesRef.deepCopyOf(id))), 1);
        if (top.scoreDocs.length == 0) {
          continue;
        }
        Document stored =
            searcher
                .storedFields()
                .document(top.scoreDocs[0].doc, Set.of(IndexFields.SOURCE, IndexFields.SEALED));
        page.add(
            RedactedCase.readBackFromStore(
                CaseCodec.decode(stored.getBinaryValue(IndexFields.SOURCE)),
                sealedValues(stored.getBinaryValue(IndexFields.SEALED))));
      }
      return page;
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public long count(AccessScope scope) throws IOException {
    FacetedSearcher searcher = acquire();
    try {
      return searcher.count(queries.scoped(CaseQuery.matchAll(), scope));
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public SearchResult search(SearchRequest request, AccessScope scope) throws IOException {
    Query query = queries.scoped(request.query(), scope);
    Sort sort = sortFor(request.sort());
    FieldDoc after =
        request.after() == null ? null : SearchCursor.decode(request.after(), request.sort());
    List<CaseField> facetFields = request.facets().stream().filter(scope::canSee).toList();
    FacetedSearcher searcher = acquire();
    try {
      TopFieldCollectorManager top =
          new TopFieldCollectorManager(sort, request.size() + 1, after, Integer.MAX_VALUE);
      IndexSearcher scoring =
          scope.documentFilter() instanceof CaseQuery.MatchAll
              ? searcher
              : new ScopeBlindSearcher(searcher.getIndexReader());
      Object[] collected =
          scoring.search(query, new MultiCollectorManager(top, new FacetsCollectorManager()));
      TopDocs topDocs = (TopDocs) collected[0];
      FacetsCollector facetHits = (FacetsCollector) collected[1];
      long total = topDocs.totalHits.value();
      ScoreDoc[] page =
          request.size() == 0
              ? new ScoreDoc[0]
              : Arrays.copyOf(
                  topDocs.scoreDocs, Math.min(request.size(), topDocs.scoreDocs.length));
      List<Hit> hits = hits(searcher, request, scope, page);
      String next = null;
      // One hit more than the page was collected: only then is there a next page.
      if (page.length > 0 && topDocs.scoreDocs.length > request.size()) {
        FieldDoc last = (FieldDoc) page[page.length - 1];
        next = SearchCursor.encode(request.sort(), last);
      }
      return new SearchResult(
          total, hits, facets(searcher, facetHits, facetFields, request.facetSize()), next);
    } catch (IndexSearcher.TooManyClauses e) {
      throw new CaseVaultException("the query is too complex; use fewer words or fields");
    } finally {
      searchers.release(searcher);
    }
  }

  @Override
  public StoreStats stats() throws IOException {
    FacetedSearcher searcher = acquire();
    try {
      long bytes = 0;
      for (String file : directory.listAll()) {
        try {
          bytes += directory.fileLength(file);
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException mergedAway) {
          // an ingest running beside us deleted it between the listing and now
        }
      }
      IndexReader reader = searcher.getIndexReader();
      return new StoreStats(reader.numDocs(), bytes, reader.leaves().size());
    } finally {
      searchers.release(searcher);
    }
  }

  /**
   * An embedded index has no copies to lose: it is OK unless its writer hit an unrecoverable error
   * (a full disk, a failed fsync), after which it takes no more writes until reopened.
   */
  @Override
  public StoreHealth health() {
    Throwable tragedy = writer == null ? null : writer.getTragicException();
    if (tragedy != null) {
      return new StoreHealth(
          StoreHealth.Status.UNAVAILABLE,
          "the embedded index stopped taking writes after "
              + tragedy.getClass().getSimpleName()
              + "; restart casevault once the cause (disk space, permissions) is fixed");
    }
    return new StoreHealth(StoreHealth.Status.OK, "embedded Lucene index");
  }

  @Override
  public void close() throws IOException {
    try {
      searchers.close();
    } finally {
      try {
        if (writer != null) {
          writer.rollback(); // uncommitted puts are not promised; commit() is the durability point
        }
      } finally {
        directory.close();
      }
    }
  }

  private FacetedSearcher acquire() throws IOException {
    long target = commits.get();
    if (commitsVisible < target) {
      // Every read after commit() returned sees that commit: a reader waits for a refresh in
      // progress, and a failed refresh is retried by the next read.
      synchronized (refreshLock) {
        if (commitsVisible < target) {
          searchers.maybeRefreshBlocking();
          commitsVisible = target;
        }
      }
    }
    return (FacetedSearcher) searchers.acquire();
  }

  private static Sort sortFor(SortOrder order) {
    SortField byId = KeywordField.newSortField(IndexFields.ID, false, SortedSetSelector.Type.MIN);
    return switch (order) {
      case RELEVANCE -> new Sort(SortField.FIELD_SCORE, byId);
      case NEWEST -> new Sort(dateSort(CaseField.CREATED, true), byId);
      case OLDEST -> new Sort(dateSort(CaseField.CREATED, false), byId);
      case RECENTLY_UPDATED -> new Sort(dateSort(CaseField.UPDATED, true), byId);
    };
  }

  private static SortField dateSort(CaseField field, boolean newestFirst) {
    return LongField.newSortField(
        IndexFields.keyword(field), newestFirst, SortedNumericSelector.Type.MIN);
  }

  private List<Hit> hits(
      FacetedSearcher searcher, SearchRequest request, AccessScope scope, ScoreDoc[] page)
      throws IOException {
    Map<Integer, SupportCase> cases = new HashMap<>();
    for (ScoreDoc doc : page) {
      cases.put(doc.doc, load(searcher, doc.doc));
    }
    Map<CaseField, String[]> snippets = highlight(searcher, request, scope, page, cases);
    List<Hit> hits = new ArrayList<>(page.length);
    for (int i = 0; i < page.length; i++) {
      SupportCase c = cases.get(page[i].doc);
      Map<CaseField, String> highlights = new EnumMap<>(CaseField.class);
      for (Map.Entry<CaseField, String[]> field : snippets.entrySet()) {
        String snippet = field.getValue()[i];
        if (snippet != null) {
          highlights.put(field.getKey(), snippet);
        }
      }
      float score =
          request.sort() == SortOrder.RELEVANCE
              ? (Float) ((FieldDoc) page[i]).fields[0]
              : Float.NaN;
      hits.add(
          new Hit(
              c.id(),
              score,
              c.created(),
              c.status(),
              scope.canSee(CaseField.SUBJECT) ? c.subject() : null,
              highlights,
              c.customer() == null ? null : c.customer().id()));
    }
    return hits;
  }

  /** Snippets per visible text field, one per hit (null where the field has no match). */
  private Map<CaseField, String[]> highlight(
      FacetedSearcher searcher,
      SearchRequest request,
      AccessScope scope,
      ScoreDoc[] page,
      Map<Integer, SupportCase> cases)
      throws IOException {
    Map<CaseField, String[]> result = new EnumMap<>(CaseField.class);
    if (page.length == 0) {
      return result;
    }
    List<CaseField> fields =
        CaseField.TEXT.concreteFields().stream().filter(scope::canSee).toList();
    List<String> indexFields = new ArrayList<>();
    for (CaseField field : fields) {
      for (Language language : Language.values()) {
        indexFields.add(IndexFields.text(field, language));
      }
    }
    UnifiedHighlighter highlighter =
        new SourceHighlighter(
            UnifiedHighlighter.builder(searcher, analyzers.perField())
                .withFormatter(new DefaultPassageFormatter("<em>", "</em>", " … ", true))
                .withMaxLength(HIGHLIGHT_MAX_CHARS)
                .withMaxNoHighlightPassages(0),
            cases);
    int[] docIds = new int[page.length];
    int[] passages = new int[indexFields.size()];
    for (int i = 0; i < page.length; i++) {
      docIds[i] = page[i].doc;
    }
    Arrays.fill(passages, 1);
    Map<String, String[]> byIndexField =
        highlighter.highlightFields(
            indexFields.toArray(String[]::new),
            queries.highlightQuery(request.query(), scope),
            docIds,
            passages);
    for (CaseField field : fields) {
      String[] merged = new String[page.length];
      for (Language language : Language.values()) {
        String[] snippets = byIndexField.get(IndexFields.text(field, language));
        for (int i = 0; snippets != null && i < page.length; i++) {
          if (merged[i] == null) {
            merged[i] = snippets[i];
          }
        }
      }
      result.put(field, merged);
    }
    return result;
  }

  /** The sealed values of a stored {@code _sealed} field; a case without any has none. */
  private static List<SealedValue> sealedValues(BytesRef sealed) {
    return sealed == null
        ? List.of()
        : SealedValue.decodeAll(
            Arrays.copyOfRange(sealed.bytes, sealed.offset, sealed.offset + sealed.length));
  }

  private static SupportCase load(IndexSearcher searcher, int doc) throws IOException {
    return CaseCodec.decode(
        searcher
            .storedFields()
            .document(doc, Set.of(IndexFields.SOURCE))
            .getBinaryValue(IndexFields.SOURCE));
  }

  private static Map<CaseField, Map<String, Long>> facets(
      FacetedSearcher searcher, FacetsCollector hits, List<CaseField> fields, int perFacet)
      throws IOException {
    Map<CaseField, Map<String, Long>> result = new EnumMap<>(CaseField.class);
    if (fields.isEmpty()) {
      return result;
    }
    SortedSetDocValuesFacetCounts counts =
        searcher.facetState == null
            ? null
            : new SortedSetDocValuesFacetCounts(searcher.facetState, hits);
    for (CaseField field : fields) {
      Map<String, Long> values = new LinkedHashMap<>();
      FacetResult top = counts == null ? null : topChildren(counts, field, perFacet);
      if (top != null) {
        for (LabelAndValue entry : top.labelValues) {
          values.put(entry.label, entry.value.longValue());
        }
      }
      result.put(field, values);
    }
    return result;
  }

  private static FacetResult topChildren(
      SortedSetDocValuesFacetCounts counts, CaseField field, int perFacet) throws IOException {
    try {
      return counts.getTopChildren(perFacet, field.queryName());
    } catch (IllegalArgumentException noValuesIndexedYet) {
      return null;
    }
  }

  private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
    try {
      return new DefaultSortedSetDocValuesReaderState(reader, documents.facetsConfig());
    } catch (IllegalArgumentException noFacetFieldYet) {
      return null; // an empty index has no facet doc values to map
    }
  }

  /**
   * Scores that owe nothing to cases outside the scope. BM25 weighs a word by how many cases of the
   * whole index contain it and a text's length by the index's average: under a restricted scope,
   * the order of hits would then depend on hidden cases, and a reader who knows a visible case
   * could learn from it how common a word is among cases they may not see. This searcher answers
   * every term and field statistic with the same constants, so relevance comes only from the
   * matching case itself (term frequency and its own length).
   */
  static final class ScopeBlindSearcher extends IndexSearcher {
    /** A nominal collection: what the constants describe, not this index. */
    private static final long DOCS = 1_000_000;

    private static final long TOKENS_PER_DOC = 100;

    ScopeBlindSearcher(IndexReader reader) {
      super(reader);
    }

    @Override
    public CollectionStatistics collectionStatistics(String field) {
      return new CollectionStatistics(
          field, DOCS, DOCS, DOCS * TOKENS_PER_DOC, DOCS * TOKENS_PER_DOC);
    }

    @Override
    public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) {
      return new TermStatistics(term.bytes(), 1, 1);
    }
  }

  /** A searcher together with the facet ordinal map of its reader, built once per refresh. */
  private static final class FacetedSearcher extends IndexSearcher {
    final SortedSetDocValuesReaderState facetState;

    FacetedSearcher(IndexReader reader, SortedSetDocValuesReaderState facetState) {
      super(reader);
      this.facetState = facetState;
    }
  }

  /**
   * Text fields are not stored separately: the highlighter reads them from the stored case that was
   * already decoded for the hit, re-analysing it (the index keeps no offsets, which keeps it small
   * and ingest fast; highlighting re-analyses only one page of hits).
   */
  private static final class SourceHighlighter extends UnifiedHighlighter {
    private final Map<Integer, SupportCase> cases;

    SourceHighlighter(UnifiedHighlighter.Builder builder, Map<Integer, SupportCase> cases) {
      super(builder);
      this.cases = cases;
    }

    @Override
    protected OffsetSource getOffsetSource(String field) {
      return OffsetSource.ANALYSIS;
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(
        String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold) throws IOException {
      List<CharSequence[]> values = new ArrayList<>();
      for (int doc = docIter.nextDoc();
          doc != DocIdSetIterator.NO_MORE_DOCS;
          doc = docIter.nextDoc()) {
        SupportCase c = cases.get(doc);
        CharSequence[] perField = new CharSequence[fields.length];
        for (int i = 0; i < fields.length; i++) {
          perField[i] = CaseTexts.joined(c, fields[i], MULTIVAL_SEP_CHAR);
        }
        values.add(perField);
      }
      return values;
    }
  }
}
