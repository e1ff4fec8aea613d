package dev.casevault.bench;

import static dev.casevault.bench.BenchSupport.commit;
import static dev.casevault.bench.BenchSupport.log;
import static dev.casevault.bench.BenchSupport.machine;
import static dev.casevault.bench.BenchSupport.options;
import static dev.casevault.bench.BenchSupport.writeValue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.access.AccessScope;
import dev.casevault.audit.AuditTrail;
import dev.casevault.corpus.CorpusWriter;
import dev.casevault.json.CaseLimits;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.Vault;
import dev.casevault.service.CaseVault;
import dev.casevault.service.IngestListener;
import dev.casevault.service.IngestOptions;
import dev.casevault.service.IngestReport;
import dev.casevault.service.Requester;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.StoreStats;
import dev.casevault.store.lucene.LuceneCaseStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The archive benchmark: for each corpus size, generate a corpus, ingest it through casevault's
 * ingest path and through a raw-Lucene baseline, measure search latency on a fixed query mix, and
 * write everything measured as JSON under {@code bench/results/}.
 *
 * <p>Usage: {@code bench/run [--cases 100000,1000000] [--queries 2000] [--work DIR] [--out FILE]}.
 */
public final class ArchiveBenchmark {
  private static final long SEED = 7;
  private static final int WARMUP_QUERIES = 300;
  private static final AccessScope EVERYTHING = AccessScope.dataDirectoryOwner();

  private ArchiveBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    List<Long> sizes =
        Arrays.stream(options.getOrDefault("--cases", "100000,1000000").split(","))
            .map(String::trim)
            .map(Long::parseLong)
            .toList();
    int queries = Integer.parseInt(options.getOrDefault("--queries", "2000"));
    Path work = Path.of(options.getOrDefault("--work", "bench/work"));
    Path out =
        Path.of(
            options.getOrDefault(
                "--out",
                "bench/results/archive-"
                    + Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "")
                    + ".json"));
    int threads = Runtime.getRuntime().availableProcessors();
    Files.createDirectories(work);
    List<Map<String, Object>> runs = new ArrayList<>();
    for (long size : sizes) {
      runs.add(run(size, queries, threads, work));
    }
    write(out, runs, threads);
    System.out.println("results: " + out);
  }

  private static Map<String, Object> run(long cases, int queries, int threads, Path work)
      throws Exception {
    Map<String, Object> result = new java.util.LinkedHashMap<>();
    result.put("cases", cases);
    Path corpus = work.resolve("corpus-" + cases + "-seed" + SEED + ".jsonl");
    if (!Files.exists(corpus)) {
      log("generating " + cases + " cases into " + corpus);
      Path partial = corpus.resolveSibling(corpus.getFileName() + ".partial");
      CorpusWriter.write(SEED, cases, partial, work.resolve("truth-" + cases + ".jsonl"), n -> {});
      Files.move(partial, corpus);
    }
    long corpusBytes = Files.size(corpus);
    result.put("corpusBytes", corpusBytes);
    result.put("meanCaseBytes", corpusBytes / (double) cases);

    // Both contenders first index a slice of the corpus untimed, so neither pays for the JIT's
    // warm-up in its measured run (the first one to run would otherwise be at a disadvantage).
    warmUp(corpus, work, threads);

    Path baselineIndex = fresh(work.resolve("baseline-index"));
    log("raw Lucene baseline: indexing " + cases + " cases");
    long started = System.nanoTime();
    long baselineCases = RawLuceneBaseline.index(corpus, baselineIndex, threads);
    double baselineSeconds = (System.nanoTime() - started) / 1e9;
    result.put(
        "baseline",
        Map.of(
            "cases", baselineCases,
            "seconds", baselineSeconds,
            "casesPerSecond", baselineCases / baselineSeconds,
            "megabytesPerSecond", corpusBytes / 1e6 / baselineSeconds,
            "indexBytesPerCase", folderBytes(baselineIndex) / (double) baselineCases));
    deleteTree(baselineIndex);

    // The same ingest path with a detector-free redactor (identity fields are still tokenised and
    // sealed): what personal-data detection costs the ingest.
    Path undetected = fresh(work.resolve("casevault-index-undetected"));
    log("casevault ingest without detection: " + cases + " cases");
    IngestReport withoutDetection = ingest(corpus, undetected, work, threads, false);
    deleteTree(undetected);
    result.put(
        "ingestWithoutDetection",
        Map.of(
            "cases", withoutDetection.accepted(),
            "seconds", withoutDetection.seconds(),
            "casesPerSecond", withoutDetection.casesPerSecond()));

    Path index = fresh(work.resolve("casevault-index"));
    log("casevault ingest: " + cases + " cases");
    IngestReport report = ingest(corpus, index, work, threads, true);
    if (report.rejected() != 0) {
      throw new IllegalStateException("the generated corpus had rejected lines");
    }
    result.put(
        "ingest",
        Map.of(
            "cases", report.accepted(),
            "seconds", report.seconds(),
            "casesPerSecond", report.casesPerSecond(),
            "megabytesPerSecond", report.megabytesPerSecond()));
    result.put(
        "ingestToBaselineRatio", report.casesPerSecond() / (baselineCases / baselineSeconds));
    result.put(
        "ingestWithToWithoutDetectionRatio",
        report.casesPerSecond() / withoutDetection.casesPerSecond());

    try (CaseVault vault = CaseVault.open(LuceneCaseStore.openReadOnly(index), work, false)) {
      StoreStats stats = vault.stats();
      result.put("indexBytesPerCase", stats.indexBytes() / (double) stats.cases());
      result.put("segments", stats.segments());
      result.put("search", searchLatency(vault, queries));
    }
    log("result: " + result);
    return result;
  }

  private static IngestReport ingest(
      Path corpus, Path index, Path work, int threads, boolean detect) throws IOException {
    try (CaseVault vault =
        detect
            ? CaseVault.open(LuceneCaseStore.open(index), work, true)
            : withoutDetection(LuceneCaseStore.open(index), work)) {
      return vault.ingest(
          List.of(corpus),
          new IngestOptions(
              CaseLimits.defaults(), work.resolve("rejects.jsonl"), Duration.ofSeconds(5), threads),
          IngestListener.SILENT,
          Requester.localOwner());
    }
  }

  private static CaseVault withoutDetection(LuceneCaseStore store, Path work) throws IOException {
    RedactionKeys keys = RedactionKeys.ephemeral();
    Vault vault = Vault.inMemory(keys);
    return new CaseVault(
        store,
        new Redactor(
            new PiiDetector(List.of(), 1_000_000_000L, 0), RedactionPolicy.defaults(), keys, vault),
        vault,
        AuditTrail.open(work.resolve(CaseVault.AUDIT_FOLDER), java.time.Clock.systemUTC()));
  }

  private static void warmUp(Path corpus, Path work, int threads) throws Exception {
    Path slice = work.resolve("warm-up.jsonl");
    try (Stream<String> lines = Files.lines(corpus)) {
      Files.write(slice, (Iterable<String>) lines.limit(20_000)::iterator);
    }
    log("warming up both contenders on " + slice);
    for (int round = 0; round < 2; round++) {
      RawLuceneBaseline.index(slice, fresh(work.resolve("warm-up-baseline")), threads);
      ingest(slice, fresh(work.resolve("warm-up-casevault")), work, threads, false);
      ingest(slice, fresh(work.resolve("warm-up-casevault")), work, threads, true);
    }
    deleteTree(work.resolve("warm-up-baseline"));
    deleteTree(work.resolve("warm-up-casevault"));
    Files.delete(slice);
  }

  /**
   * The query mix: two words drawn from the corpus's own vocabulary (words found in 0.5-10 % of a
   * sample of cases: specific enough to be what an agent types, common enough to have hits), one
   * keyword filter (status, channel or region), facets on status, product, region and channel, 10
   * hits with highlights, by relevance. Warmed up first; latencies are single-threaded.
   */
  private static Map<String, Object> searchLatency(CaseVault vault, int queries)
      throws IOException {
    List<SearchRequest> mix = BenchSupport.searchMix(SEED, WARMUP_QUERIES + queries);
    List<String> vocabulary = BenchSupport.vocabulary(SEED);
    long[] nanos = new long[queries];
    long totalHits = 0;
    for (int i = 0; i < mix.size(); i++) {
      long started = System.nanoTime();
      long total = vault.search(mix.get(i), EVERYTHING, Requester.localOwner()).value().total();
      long elapsed = System.nanoTime() - started;
      if (i >= WARMUP_QUERIES) {
        nanos[i - WARMUP_QUERIES] = elapsed;
        totalHits += total;
      }
    }
    Arrays.sort(nanos);
    return Map.of(
        "queries", queries,
        "vocabulary", vocabulary.size(),
        "meanHits", totalHits / (double) queries,
        "p50Millis", nanos[queries / 2] / 1e6,
        "p99Millis", nanos[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
        "maxMillis", nanos[queries - 1] / 1e6,
        "meanMillis", Arrays.stream(nanos).average().orElse(0) / 1e6);
  }

  /** Words by document frequency in a sample of 5,000 generated cases. */
  private static void write(Path out, List<Map<String, Object>> runs, int threads)
      throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream stream = Files.newOutputStream(out);
        JsonGenerator json = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("benchmark", "archive");
      json.writeStringField("date", Instant.now().toString());
      json.writeStringField("commit", commit());
      json.writeNumberField("threads", threads);
      json.writeFieldName("machine");
      writeValue(json, machine());
      json.writeArrayFieldStart("runs");
      for (Map<String, Object> run : runs) {
        writeValue(json, run);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static Path fresh(Path folder) throws IOException {
    deleteTree(folder);
    Files.createDirectories(folder);
    return folder;
  }

  private static long folderBytes(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
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
