package dev.casevault.bench;

import static dev.casevault.bench.BenchSupport.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.access.AccessScope;
import dev.casevault.audit.Actor;
import dev.casevault.service.CaseVault;
import dev.casevault.service.Requester;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.lucene.LuceneCaseStore;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Search throughput with the audit log on versus off, side by side in one run: N threads (one
 * principal each, as N agents would be) search the same index with the same query mix, either
 * through {@link CaseVault#search} (the audited path: the event of each search, naming its hits, is
 * durable before the answer returns, and the bulk-read guard counts them) or straight on the store
 * with the same scope (no audit: what the search costs without it). Rounds alternate so both see
 * the same machine state. In process, no HTTP: the difference is the audit's cost alone.
 *
 * <p>Run with {@code bench/run audit-search [--cases 1000000] [--clients 50] [--seconds 20]
 * [--rounds 4] [--warmup 60]}; it reuses the index of {@code bench/run server} under {@code
 * bench/work/server-N}.
 */
public final class AuditSearchBenchmark {
  private static final long SEED = 7;

  private AuditSearchBenchmark() {}

  private interface Search {
    long run(int client, SearchRequest request) throws IOException;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchSupport.options(args);
    long cases = Long.parseLong(options.getOrDefault("--cases", "1000000"));
    int clients = Integer.parseInt(options.getOrDefault("--clients", "50"));
    int seconds = Integer.parseInt(options.getOrDefault("--seconds", "20"));
    int rounds = Integer.parseInt(options.getOrDefault("--rounds", "4"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "60"));
    Path work = Path.of(options.getOrDefault("--work", "bench/work"));
    Path out =
        Path.of(
            options.getOrDefault(
                "--out",
                "bench/results/audit-search-"
                    + Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "")
                    + ".json"));
    String load = Files.readString(Path.of("/proc/loadavg")).strip();
    LuceneCaseStore store = LuceneCaseStore.open(work.resolve("server-" + cases).resolve("index"));
    try (CaseVault vault =
        ServerBenchmark.openIngested(work, work.resolve("server-" + cases), cases, store)) {
      AccessScope everything = AccessScope.dataDirectoryOwner();
      List<Requester> requesters = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        requesters.add(
            new Requester(
                new Actor(
                    "user:bench-" + i, "password", List.of("supervisor"), "127.0.0.1", "bench"),
                "1"));
      }
      Search audited =
          (client, request) ->
              vault.search(request, everything, requesters.get(client)).value().total();
      Search unaudited = (client, request) -> store.search(request, everything).total();
      List<SearchRequest> mix = BenchSupport.searchMix(SEED, 5000);
      log("warming up: " + clients + " clients, " + warmup + " s each way");
      run(unaudited, mix, clients, warmup);
      run(audited, mix, clients, warmup);
      List<Map<String, Object>> off = new ArrayList<>();
      List<Map<String, Object>> on = new ArrayList<>();
      // ABBA order: the index keeps warming for minutes, and whichever runs second in a round
      // would get the warmer index every time.
      for (int round = 0; round < rounds; round++) {
        boolean offFirst = round % 2 == 0;
        for (boolean audit : offFirst ? new boolean[] {false, true} : new boolean[] {true, false}) {
          Map<String, Object> result = run(audit ? audited : unaudited, mix, clients, seconds);
          (audit ? on : off).add(result);
          log("round " + (round + 1) + " audit " + (audit ? "on: " : "off: ") + result);
        }
      }
      double offMedian = median(off);
      double onMedian = median(on);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("benchmark", "audit-search");
      result.put("commit", BenchSupport.commit());
      result.put("machine", BenchSupport.machine());
      result.put("loadAverageAtStart", load);
      result.put("cases", cases);
      result.put("clients", clients);
      result.put("secondsPerRound", seconds);
      result.put("auditOff", off);
      result.put("auditOn", on);
      result.put("medianSearchesPerSecondOff", offMedian);
      result.put("medianSearchesPerSecondOn", onMedian);
      result.put("ratioOnOverOff", onMedian / offMedian);
      Files.createDirectories(out.getParent());
      try (OutputStream file = Files.newOutputStream(out);
          JsonGenerator json = new JsonFactory().createGenerator(file)) {
        json.useDefaultPrettyPrinter();
        BenchSupport.writeValue(json, result);
      }
      log(
          String.format(
              "audit off %.0f/s, on %.0f/s, ratio %.3f; results: %s",
              offMedian, onMedian, onMedian / offMedian, out));
    }
  }

  private static double median(List<Map<String, Object>> rounds) {
    double[] values =
        rounds.stream().mapToDouble(r -> (Double) r.get("searchesPerSecond")).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  /** N threads searching in a closed loop for the given time; throughput and latencies. */
  private static Map<String, Object> run(
      Search search, List<SearchRequest> mix, int clients, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong next = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      // Room for 2,000 searches a second per thread, far above what two cores answer.
      long[] mine = new long[seconds * 2_000 + 1];
      latencies.add(mine);
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    int n = 0;
                    try {
                      while (System.nanoTime() < end && n < mine.length) {
                        SearchRequest request =
                            mix.get((int) (next.getAndIncrement() % mix.size()));
                        long started = System.nanoTime();
                        search.run(client, request);
                        mine[n++] = System.nanoTime() - started;
                      }
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                    mine[mine.length - 1] = n; // the count, kept in the last slot
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    List<Long> all = new ArrayList<>();
    for (long[] mine : latencies) {
      int n = (int) mine[mine.length - 1];
      for (int i = 0; i < n; i++) {
        all.add(mine[i]);
      }
    }
    long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("searches", (long) sorted.length);
    result.put("searchesPerSecond", sorted.length / (double) seconds);
    result.put("p50Millis", sorted[sorted.length / 2] / 1e6);
    result.put("p99Millis", sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6);
    result.put("maxMillis", sorted[sorted.length - 1] / 1e6);
    return result;
  }
}
