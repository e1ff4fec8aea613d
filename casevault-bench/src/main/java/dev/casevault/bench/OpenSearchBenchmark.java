package dev.casevault.bench;

import static dev.casevault.bench.BenchSupport.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.access.AccessPolicy;
import dev.casevault.access.AccessScope;
import dev.casevault.access.Permission;
import dev.casevault.access.Principal;
import dev.casevault.core.CaseField;
import dev.casevault.corpus.CorpusGenerator;
import dev.casevault.opensearch.testkit.OpenSearchCluster;
import dev.casevault.redaction.CaseQuarantinedException;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.Vault;
import dev.casevault.store.CaseStore;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.lucene.LuceneCaseStore;
import dev.casevault.store.opensearch.OpenSearchCaseStore;
import dev.casevault.store.opensearch.OpenSearchDocuments;
import dev.casevault.store.opensearch.OpenSearchIndexOptions;
import dev.casevault.store.opensearch.OpenSearchSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The Lucene store and the OpenSearch store side by side in one run, and the OpenSearch store
 * against a raw {@code _bulk} of the very same documents.
 *
 * <p>A secured cluster is started under {@code bench/work/} for the run and removed at its end. The
 * corpus (the archive benchmark's generator and seed) is redacted once, a chunk at a time so that a
 * million cases need not be held at once; each chunk's redacted cases go to every contender in
 * turn, in the order A B C for one chunk and C B A for the next, so that warm-up and the background
 * work one leaves behind (merges) favour none: the Lucene store and the OpenSearch store ({@code
 * put} from the ingest's number of threads, then {@code commit}), and the raw baseline (the store's
 * own JSON of those cases, serialised before the clock starts, sent in bulks of the store's size
 * one at a time, then a refresh). Then single-threaded search latency over the archive benchmark's
 * query mix on both stores, for a scope that sees everything and for an agent's restricted scope,
 * and bytes on disk per case.
 *
 * <p>Usage: {@code bench/run opensearch [--cases 1000000] [--queries 2000] [--nodes 3] [--heap-mb
 * 1024] [--shards 1] [--replicas 1] [--chunk 20000] [--warmup 10000] [--threads N] [--work DIR]
 * [--out FILE]}.
 */
public final class OpenSearchBenchmark {
  private static final long SEED = 7;
  private static final int WARMUP_QUERIES = 300;
  private static final int SAMPLED_SOURCES = 50;
  private static final String STORE_ALIAS = "casevault-bench-store";
  private static final String RAW_INDEX = "casevault-bench-raw";
  private static final String WARMUP_ALIAS = "casevault-bench-warmup-store";
  private static final String WARMUP_RAW_INDEX = "casevault-bench-warmup-raw";
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenSearchBenchmark() {}

  /** What one run measures and where. */
  record Settings(
      long cases,
      int queries,
      int nodes,
      int heapMegabytes,
      int shards,
      int replicas,
      int chunk,
      int warmup,
      int threads,
      Path work,
      Path out) {
    Settings {
      if (cases < 1 || queries < 1 || chunk < 1 || warmup < 0 || threads < 1) {
        throw new IllegalArgumentException(
            "cases, queries, chunk and threads must be positive, warmup not negative");
      }
      if (replicas >= nodes) {
        throw new IllegalArgumentException(
            replicas + " replicas need more than " + nodes + " nodes to be assigned");
      }
    }

    static Settings parse(Map<String, String> options) {
      OpenSearchIndexOptions defaults = OpenSearchIndexOptions.defaults();
      return new Settings(
          Long.parseLong(options.getOrDefault("--cases", "1000000")),
          Integer.parseInt(options.getOrDefault("--queries", "2000")),
          Integer.parseInt(options.getOrDefault("--nodes", "3")),
          Integer.parseInt(options.getOrDefault("--heap-mb", "1024")),
          Integer.parseInt(options.getOrDefault("--shards", Integer.toString(defaults.shards()))),
          Integer.parseInt(
              options.getOrDefault("--replicas", Integer.toString(defaults.replicas()))),
          Integer.parseInt(options.getOrDefault("--chunk", "20000")),
          Integer.parseInt(options.getOrDefault("--warmup", "10000")),
          Integer.parseInt(
              options.getOrDefault(
                  "--threads", Integer.toString(Runtime.getRuntime().availableProcessors()))),
          Path.of(options.getOrDefault("--work", "bench/work")),
          Path.of(
              options.getOrDefault(
                  "--out",
                  "bench/results/opensearch-"
                      + Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "")
                      + ".json")));
    }
  }

  /** Who is measured. */
  enum Contender {
    LUCENE("lucene"),
    OPENSEARCH("opensearch"),
    RAW_BULK("rawBulk");

    final String key;

    Contender(String key) {
      this.key = key;
    }
  }

  /** One chunk of redacted cases and the raw baseline's bulk bodies of exactly them. */
  private record Chunk(List<RedactedCase> cases, List<byte[]> bulkBodies, long sourceBytes) {}

  /** What the ingest measured, the corpus it stored, and ids of stored cases to check. */
  private record Ingested(
      Map<String, Object> rates, Map<String, Object> corpus, List<String> sampleIds) {}

  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(BenchSupport.options(args));
    run(settings);
    System.out.println("results: " + settings.out());
  }

  /** Runs the whole benchmark and writes its JSON to {@code settings.out()}. */
  static void run(Settings settings) throws Exception {
    String loadBefore = loadAverage();
    String stamp = Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "");
    Path clusterFolder = settings.work().resolve("opensearch-cluster-" + stamp);
    Path luceneFolder = settings.work().resolve("opensearch-bench-lucene-" + stamp);
    Files.createDirectories(settings.work());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "opensearch");
    result.put("date", Instant.now().toString());
    result.put("commit", BenchSupport.commit());
    result.put("machine", BenchSupport.machine());
    result.put("loadAverageBefore", loadBefore);
    result.put("settings", settingsJson(settings));

    log("starting a secured " + settings.nodes() + "-node cluster in " + clusterFolder);
    try (OpenSearchCluster cluster =
            OpenSearchCluster.start(
                clusterFolder,
                settings.nodes(),
                OpenSearchCluster.Options.secured()
                    .withHeapMegabytes(settings.heapMegabytes())
                    // The full JIT: the nodes run for minutes, not for a test.
                    .withJvmOptions(List.of())
                    .withSetting("indices.query.bool.max_clause_count", "8192"));
        ExecutorService putters = Executors.newFixedThreadPool(settings.threads())) {
      result.put("cluster", Map.of("startupSeconds", cluster.startupTime().toMillis() / 1000.0));
      ClusterHttp http =
          new ClusterHttp(
              cluster.httpUrls(),
              cluster.sslContext(),
              cluster.serviceUser(),
              cluster.servicePassword());
      // The service user has casevault's production role, which neither deletes indices nor reads
      // the nodes' statistics: the bench's own housekeeping and records go through the admin.
      ClusterHttp admin =
          new ClusterHttp(
              cluster.httpUrls(),
              cluster.sslContext(),
              cluster.adminUser(),
              cluster.adminPassword());
      OpenSearchSettings connection =
          new OpenSearchSettings(
              cluster.httpUrls(),
              cluster.trustStore(),
              cluster.storePassword(),
              cluster.serviceUser(),
              cluster.servicePassword());
      RedactionKeys keys = RedactionKeys.ephemeral();
      Redactor redactor =
          new Redactor(
              PiiDetector.standard(), RedactionPolicy.defaults(), keys, Vault.inMemory(keys));
      CorpusGenerator generator = new CorpusGenerator(SEED);

      if (settings.warmup() > 0) {
        warmUp(settings, connection, http, admin, putters, redactor, generator, luceneFolder);
      }
      OpenSearchIndexOptions index =
          new OpenSearchIndexOptions(STORE_ALIAS, settings.shards(), settings.replicas());
      try (LuceneCaseStore lucene = LuceneCaseStore.open(luceneFolder);
          OpenSearchCaseStore opensearch = OpenSearchCaseStore.open(connection, index)) {
        createRawIndex(http, RAW_INDEX, settings);
        result.put("sameSettingsAndMapping", sameSettingsAndMapping(http, index));
        Ingested ingested =
            ingest(settings, lucene, opensearch, http, putters, redactor, generator);
        result.put("corpus", ingested.corpus());
        result.put("ingest", ingested.rates());
        result.put("checks", checks(lucene, opensearch, http, ingested.sampleIds()));
        result.put("disk", disk(lucene, http, index));
        result.put("nodes", nodeStats(admin));
        result.put("search", search(settings, lucene, opensearch, redactor));
      }
    } finally {
      deleteTree(luceneFolder);
    }
    result.put("loadAverageAfter", loadAverage());
    write(settings.out(), result);
    log("result: " + settings.out());
  }

  private static Map<String, Object> settingsJson(Settings settings) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cases", settings.cases());
    json.put("queries", settings.queries());
    json.put("warmupQueries", WARMUP_QUERIES);
    json.put("nodes", settings.nodes());
    json.put("heapMegabytesPerNode", settings.heapMegabytes());
    json.put("shards", settings.shards());
    json.put("replicas", settings.replicas());
    json.put("chunkCases", settings.chunk());
    json.put("warmupCases", settings.warmup());
    json.put("putThreads", settings.threads());
    json.put("bulkCases", OpenSearchDocuments.BULK_CASES);
    json.put("seed", SEED);
    return json;
  }

  /**
   * Each contender indexes the first {@code warmup} cases once, untimed, into indices that are then
   * deleted: the JIT of this JVM and of the nodes is warm before anything is measured.
   */
  private static void warmUp(
      Settings settings,
      OpenSearchSettings connection,
      ClusterHttp http,
      ClusterHttp admin,
      ExecutorService putters,
      Redactor redactor,
      CorpusGenerator generator,
      Path luceneFolder)
      throws Exception {
    log("warming up every contender on " + settings.warmup() + " cases");
    Path warmupFolder = luceneFolder.resolveSibling(luceneFolder.getFileName() + "-warmup");
    Chunk chunk = prepare(0, settings.warmup(), redactor, generator, WARMUP_RAW_INDEX);
    OpenSearchIndexOptions index =
        new OpenSearchIndexOptions(WARMUP_ALIAS, settings.shards(), settings.replicas());
    try (LuceneCaseStore lucene = LuceneCaseStore.open(warmupFolder);
        OpenSearchCaseStore opensearch = OpenSearchCaseStore.open(connection, index)) {
      createRawIndex(http, WARMUP_RAW_INDEX, settings);
      putAll(lucene, chunk.cases(), putters, settings.threads());
      putAll(opensearch, chunk.cases(), putters, settings.threads());
      sendAll(http, chunk.bulkBodies(), WARMUP_RAW_INDEX);
    } finally {
      deleteTree(warmupFolder);
    }
    admin.send("DELETE", "/" + index.indexName(), null);
    admin.send("DELETE", "/" + WARMUP_RAW_INDEX, null);
  }

  private static void createRawIndex(ClusterHttp http, String name, Settings settings)
      throws IOException {
    OpenSearchIndexOptions options =
        new OpenSearchIndexOptions(name, settings.shards(), settings.replicas());
    // As the store does: every copy started before the first write.
    http.json(
        "PUT",
        "/" + name + "?wait_for_active_shards=" + (settings.replicas() + 1),
        OpenSearchDocuments.createIndexBody(options));
  }

  /**
   * Whether the raw index and the store's index have the same settings (less those that name the
   * index itself) and the same mapping: the baseline must write into an equal index.
   */
  private static boolean sameSettingsAndMapping(ClusterHttp http, OpenSearchIndexOptions store)
      throws IOException {
    String storeIndex = store.indexName();
    JsonNode storeSettings = http.json("GET", "/" + storeIndex + "/_settings", null);
    JsonNode rawSettings = http.json("GET", "/" + RAW_INDEX + "/_settings", null);
    JsonNode storeMapping = http.json("GET", "/" + storeIndex + "/_mapping", null);
    JsonNode rawMapping = http.json("GET", "/" + RAW_INDEX + "/_mapping", null);
    JsonNode a = withoutIdentity(storeSettings.path(storeIndex).path("settings").path("index"));
    JsonNode b = withoutIdentity(rawSettings.path(RAW_INDEX).path("settings").path("index"));
    boolean same =
        a.equals(b)
            && storeMapping
                .path(storeIndex)
                .path("mappings")
                .equals(rawMapping.path(RAW_INDEX).path("mappings"));
    if (!same) {
      throw new IllegalStateException(
          "the raw index differs from the store's in its settings or mapping: " + a + " / " + b);
    }
    return true;
  }

  private static JsonNode withoutIdentity(JsonNode indexSettings) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        (com.fasterxml.jackson.databind.node.ObjectNode) indexSettings.deepCopy();
    copy.remove(List.of("uuid", "creation_date", "provided_name", "version"));
    return copy;
  }

  /**
   * The measured ingest: chunk after chunk, redacted once, then given to each contender in turn (A
   * B C, then C B A). Each contender's time is its {@code put}s and {@code commit} (or bulks and
   * refresh) of every chunk.
   */
  private static Ingested ingest(
      Settings settings,
      LuceneCaseStore lucene,
      OpenSearchCaseStore opensearch,
      ClusterHttp http,
      ExecutorService putters,
      Redactor redactor,
      CorpusGenerator generator)
      throws Exception {
    Map<Contender, List<Double>> seconds = new EnumMap<>(Contender.class);
    for (Contender contender : Contender.values()) {
      seconds.put(contender, new ArrayList<>());
    }
    long stored = 0;
    long sourceBytes = 0;
    double redactionSeconds = 0;
    // A uniform sample of the stored ids (reservoir sampling), for checks() to compare sources.
    List<String> sampleIds = new ArrayList<>();
    Random random = new Random(SEED);
    int chunks = (int) ((settings.cases() + settings.chunk() - 1) / settings.chunk());
    for (int k = 0; k < chunks; k++) {
      long from = (long) k * settings.chunk();
      long to = Math.min(settings.cases(), from + settings.chunk());
      long started = System.nanoTime();
      Chunk chunk = prepare(from, to, redactor, generator, RAW_INDEX);
      redactionSeconds += (System.nanoTime() - started) / 1e9;
      for (RedactedCase c : chunk.cases()) {
        stored++;
        String id = c.content().id().value();
        if (sampleIds.size() < SAMPLED_SOURCES) {
          sampleIds.add(id);
        } else if (random.nextLong(stored) < SAMPLED_SOURCES) {
          sampleIds.set(random.nextInt(SAMPLED_SOURCES), id);
        }
      }
      sourceBytes += chunk.sourceBytes();
      for (Contender contender : order(k)) {
        double took =
            switch (contender) {
              case LUCENE -> putAll(lucene, chunk.cases(), putters, settings.threads());
              case OPENSEARCH -> putAll(opensearch, chunk.cases(), putters, settings.threads());
              case RAW_BULK -> sendAll(http, chunk.bulkBodies(), RAW_INDEX);
            };
        seconds.get(contender).add(took);
      }
      log(
          String.format(
              "chunk %d/%d: lucene %.2f s, opensearch %.2f s, raw bulk %.2f s",
              k + 1,
              chunks,
              seconds.get(Contender.LUCENE).getLast(),
              seconds.get(Contender.OPENSEARCH).getLast(),
              seconds.get(Contender.RAW_BULK).getLast()));
    }
    Map<String, Object> corpus = new LinkedHashMap<>();
    corpus.put("generated", settings.cases());
    corpus.put("stored", stored);
    corpus.put("quarantined", settings.cases() - stored);
    corpus.put("sourceBytes", sourceBytes);
    corpus.put("meanSourceBytesPerCase", sourceBytes / (double) stored);
    corpus.put("redactionSecondsUntimed", redactionSeconds);

    Map<String, Object> ingest = new LinkedHashMap<>();
    Map<Contender, Double> rates = new EnumMap<>(Contender.class);
    for (Contender contender : Contender.values()) {
      List<Double> perChunk = seconds.get(contender);
      double total = perChunk.stream().mapToDouble(Double::doubleValue).sum();
      rates.put(contender, stored / total);
      Map<String, Object> measured = new LinkedHashMap<>();
      measured.put("cases", stored);
      measured.put("seconds", total);
      measured.put("casesPerSecond", stored / total);
      measured.put("sourceMegabytesPerSecond", sourceBytes / 1e6 / total);
      measured.put("chunkSeconds", perChunk.stream().mapToDouble(Double::doubleValue).toArray());
      ingest.put(contender.key, measured);
    }
    // How much faster the raw baseline wrote the same documents: casevault's overhead (1 = none).
    ingest.put(
        "overheadRatioRawToCasevault",
        rates.get(Contender.RAW_BULK) / rates.get(Contender.OPENSEARCH));
    ingest.put(
        "luceneToOpenSearchRatio", rates.get(Contender.LUCENE) / rates.get(Contender.OPENSEARCH));
    log(
        String.format(
            "ingest: lucene %.0f cases/s, opensearch %.0f, raw bulk %.0f; raw / casevault %.3f",
            rates.get(Contender.LUCENE),
            rates.get(Contender.OPENSEARCH),
            rates.get(Contender.RAW_BULK),
            rates.get(Contender.RAW_BULK) / rates.get(Contender.OPENSEARCH)));
    return new Ingested(ingest, corpus, sampleIds);
  }

  /** A B C for even chunks, C B A for odd ones. */
  static List<Contender> order(int chunk) {
    List<Contender> order = new ArrayList<>(List.of(Contender.values()));
    if (chunk % 2 == 1) {
      java.util.Collections.reverse(order);
    }
    return order;
  }

  /**
   * Generates and redacts cases {@code [from, to)} on every core (untimed), and serialises the raw
   * baseline's bulk bodies of exactly those redacted cases: the store's own document JSON, in bulks
   * of the store's size.
   */
  private static Chunk prepare(
      long from, long to, Redactor redactor, CorpusGenerator generator, String rawIndex) {
    List<RedactedCase> cases =
        IntStream.range(0, (int) (to - from))
            .parallel()
            .mapToObj(i -> redact(redactor, generator, from + i))
            .filter(Objects::nonNull)
            .toList();
    List<byte[]> bodies = new ArrayList<>();
    long sourceBytes = 0;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i < cases.size(); i++) {
      RedactedCase c = cases.get(i);
      byte[] source = OpenSearchDocuments.source(c);
      sourceBytes += source.length;
      body.writeBytes(bulkAction(rawIndex, c.content().id().value()));
      body.write('\n');
      body.writeBytes(source);
      body.write('\n');
      if ((i + 1) % OpenSearchDocuments.BULK_CASES == 0 || i == cases.size() - 1) {
        bodies.add(body.toByteArray());
        body.reset();
      }
    }
    return new Chunk(cases, bodies, sourceBytes);
  }

  /** The redacted case, or null for a case the redactor quarantined (no contender gets it). */
  private static RedactedCase redact(Redactor redactor, CorpusGenerator generator, long index) {
    try {
      return redactor.redact(generator.generate(index).supportCase());
    } catch (CaseQuarantinedException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bulkAction(String index, String id) {
    try {
      Map<String, String> target = new LinkedHashMap<>();
      target.put("_id", id);
      target.put("_index", index);
      return JSON.writeValueAsBytes(Map.of("index", target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Seconds to {@code put} the cases from {@code threads} threads and {@code commit}. */
  private static double putAll(
      CaseStore store, List<RedactedCase> cases, ExecutorService putters, int threads)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    List<Future<Void>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      running.add(
          putters.submit(
              () -> {
                for (int i = next.getAndIncrement(); i < cases.size(); i = next.getAndIncrement()) {
                  store.put(cases.get(i));
                }
                return null;
              }));
    }
    for (Future<Void> putter : running) {
      putter.get();
    }
    store.commit();
    return (System.nanoTime() - started) / 1e9;
  }

  /** Seconds to send the bulk bodies one after the other and refresh the index. */
  private static double sendAll(ClusterHttp http, List<byte[]> bodies, String index)
      throws IOException {
    long started = System.nanoTime();
    for (byte[] body : bodies) {
      http.bulk(body);
    }
    http.refresh(index);
    return (System.nanoTime() - started) / 1e9;
  }

  /**
   * Every contender holds every case, and the raw index holds the store's documents byte for byte
   * (a sample of them): otherwise the ratio would compare different work.
   */
  private static Map<String, Object> checks(
      LuceneCaseStore lucene, OpenSearchCaseStore opensearch, ClusterHttp http, List<String> ids)
      throws IOException {
    AccessScope everything = AccessScope.dataDirectoryOwner();
    long luceneCount = lucene.count(everything);
    long opensearchCount = opensearch.count(everything);
    long rawCount = http.json("GET", "/" + RAW_INDEX + "/_count", null).path("count").asLong();
    if (luceneCount != opensearchCount || rawCount != opensearchCount) {
      throw new IllegalStateException(
          "the contenders hold different counts: lucene "
              + luceneCount
              + ", opensearch "
              + opensearchCount
              + ", raw "
              + rawCount);
    }
    int identical = 0;
    for (String id : ids) {
      byte[] stored = http.source(STORE_ALIAS, id);
      byte[] raw = http.source(RAW_INDEX, id);
      if (!Arrays.equals(stored, raw)) {
        throw new IllegalStateException("the raw index's source of " + id + " differs");
      }
      identical++;
    }
    return Map.of(
        "casesInEachContender", opensearchCount, "sampledSourcesByteIdentical", identical);
  }

  /**
   * Bytes on disk: the Lucene store's folder after its last commit; the OpenSearch indices' store
   * size from {@code _stats} after their last refresh, not force-merged, primaries alone and with
   * replicas (the translog is reported apart: it is trimmed after flushes).
   */
  private static Map<String, Object> disk(
      LuceneCaseStore lucene, ClusterHttp http, OpenSearchIndexOptions index) throws IOException {
    Map<String, Object> disk = new LinkedHashMap<>();
    var stats = lucene.stats();
    disk.put(
        "lucene",
        Map.of(
            "indexBytes",
            stats.indexBytes(),
            "bytesPerCase",
            stats.indexBytes() / (double) stats.cases(),
            "segments",
            stats.segments()));
    disk.put("opensearch", indexStats(http, index.indexName()));
    disk.put("rawBulk", indexStats(http, RAW_INDEX));
    disk.put("forceMerged", false);
    // The translog of each shard copy grows until this size before a flush empties it.
    disk.put(
        "translogFlushThresholdSize",
        http.json(
                "GET",
                "/"
                    + index.indexName()
                    + "/_settings/index.translog.flush_threshold_size"
                    + "?include_defaults=true&flat_settings=true",
                null)
            .path(index.indexName())
            .path("defaults")
            .path("index.translog.flush_threshold_size")
            .asText());
    return disk;
  }

  private static Map<String, Object> indexStats(ClusterHttp http, String index) throws IOException {
    JsonNode all = http.json("GET", "/" + index + "/_stats/docs,store,translog,segments", null);
    JsonNode primaries = all.path("_all").path("primaries");
    JsonNode total = all.path("_all").path("total");
    long docs = primaries.path("docs").path("count").asLong();
    long primaryBytes = primaries.path("store").path("size_in_bytes").asLong();
    long totalBytes = total.path("store").path("size_in_bytes").asLong();
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("docs", docs);
    stats.put("primaryStoreBytes", primaryBytes);
    stats.put("totalStoreBytes", totalBytes);
    stats.put("primaryBytesPerCase", primaryBytes / (double) docs);
    stats.put("totalBytesPerCase", totalBytes / (double) docs);
    stats.put("totalTranslogBytes", total.path("translog").path("size_in_bytes").asLong());
    stats.put("primarySegments", primaries.path("segments").path("count").asLong());
    return stats;
  }

  /**
   * Each node's version, Java, and heap in use and at most after the ingest: for the record, not a
   * target (heap in use depends on when the collector last ran).
   */
  private static List<Map<String, Object>> nodeStats(ClusterHttp http) throws IOException {
    List<Map<String, Object>> nodes = new ArrayList<>();
    JsonNode info = http.json("GET", "/_nodes/jvm", null).path("nodes");
    JsonNode stats = http.json("GET", "/_nodes/stats/jvm", null).path("nodes");
    for (Map.Entry<String, JsonNode> node : info.properties()) {
      JsonNode mem = stats.path(node.getKey()).path("jvm").path("mem");
      nodes.add(
          Map.of(
              "name", node.getValue().path("name").asText(),
              "opensearch", node.getValue().path("version").asText(),
              "java", node.getValue().path("jvm").path("version").asText(),
              "heapUsedBytes", mem.path("heap_used_in_bytes").asLong(),
              "heapMaxBytes", mem.path("heap_max_in_bytes").asLong()));
    }
    nodes.sort(Comparator.comparing(n -> n.get("name").toString()));
    return nodes;
  }

  /**
   * Single-threaded latency of the archive benchmark's query mix on both stores, for every case
   * (the data directory's owner) and for an agent of the default policy (team {@code tier1-emea} or
   * agent {@code A-1042}, without confidential notes), the backends alternating query by query.
   */
  private static Map<String, Object> search(
      Settings settings, LuceneCaseStore lucene, OpenSearchCaseStore opensearch, Redactor redactor)
      throws IOException {
    Map<String, AccessScope> scopes = new LinkedHashMap<>();
    scopes.put("everything", AccessScope.dataDirectoryOwner());
    scopes.put("restricted", agentScope(redactor));
    List<CaseStore> stores = List.of(lucene, opensearch);
    List<String> names = List.of("lucene", "opensearch");
    List<SearchRequest> mix = BenchSupport.searchMix(SEED, WARMUP_QUERIES + settings.queries());
    log("searching: " + mix.size() + " queries per backend and scope");
    Map<String, Object> search = new LinkedHashMap<>();
    for (Map.Entry<String, AccessScope> scope : scopes.entrySet()) {
      long[][] nanos = new long[stores.size()][settings.queries()];
      long[] hits = new long[stores.size()];
      int differingTotals = 0;
      for (int i = 0; i < mix.size(); i++) {
        long[] totals = new long[stores.size()];
        for (int s = 0; s < stores.size(); s++) {
          int b = i % 2 == 0 ? s : stores.size() - 1 - s;
          long started = System.nanoTime();
          totals[b] = stores.get(b).search(mix.get(i), scope.getValue()).total();
          long elapsed = System.nanoTime() - started;
          if (i >= WARMUP_QUERIES) {
            nanos[b][i - WARMUP_QUERIES] = elapsed;
            hits[b] += totals[b];
          }
        }
        if (totals[0] != totals[1]) {
          differingTotals++;
        }
      }
      Map<String, Object> measured = new LinkedHashMap<>();
      for (int b = 0; b < stores.size(); b++) {
        measured.put(names.get(b), latencies(nanos[b], hits[b]));
      }
      measured.put("visibleCases", opensearch.count(scope.getValue()));
      // Both backends hold the same cases and analyse them alike: their totals must agree.
      measured.put("queriesWithDifferentTotals", differingTotals);
      search.put(scope.getKey(), measured);
      log("search, " + scope.getKey() + ": " + measured);
    }
    return search;
  }

  private static AccessScope agentScope(Redactor redactor) {
    Principal agent =
        new Principal(
            "user:bench-agent",
            Principal.AuthenticationMethod.PASSWORD,
            Set.of("agent"),
            Map.of("team", List.of("tier1-emea"), "agent", List.of("A-1042")));
    // As CaseVault.storedForm: ids that are personal data are stored as tokens.
    AccessPolicy.StoredForm storedForm =
        (field, value) ->
            field == CaseField.CUSTOMER_ID || field == CaseField.AGENT_ID
                ? redactor.storedIdentifier(value)
                : value;
    return AccessPolicy.defaults().scope(agent, Permission.SEARCH, storedForm);
  }

  static Map<String, Object> latencies(long[] nanos, long totalHits) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("queries", n);
    summary.put("meanHits", totalHits / (double) n);
    summary.put("p50Millis", sorted[n / 2] / 1e6);
    summary.put("p99Millis", sorted[(int) Math.ceil(n * 0.99) - 1] / 1e6);
    summary.put("maxMillis", sorted[n - 1] / 1e6);
    summary.put("meanMillis", Arrays.stream(sorted).average().orElse(0) / 1e6);
    return summary;
  }

  private static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).strip();
  }

  private static void write(Path out, Map<String, Object> result) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream file = Files.newOutputStream(out);
        JsonGenerator json = new JsonFactory().createGenerator(file)) {
      json.useDefaultPrettyPrinter();
      BenchSupport.writeValue(json, result);
    }
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
