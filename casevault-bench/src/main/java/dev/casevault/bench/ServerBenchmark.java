package dev.casevault.bench;

import static dev.casevault.bench.BenchSupport.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.corpus.CorpusWriter;
import dev.casevault.json.CaseLimits;
import dev.casevault.server.Server;
import dev.casevault.server.ServerSettings;
import dev.casevault.service.CaseVault;
import dev.casevault.service.IngestListener;
import dev.casevault.service.IngestOptions;
import dev.casevault.service.IngestReport;
import dev.casevault.service.Requester;
import dev.casevault.store.lucene.LuceneCaseStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Search throughput and latency through the HTTPS API: N concurrent keep-alive clients on loopback,
 * for a supervisor (every case) and a restricted agent (one team's cases) over the same index,
 * measured in alternating rounds so that both see the same machine state.
 *
 * <p>Run with {@code bench/run server [--cases 1000000] [--clients 50] [--seconds 30]}. The index
 * is built once per corpus size under {@code bench/work/server-N} and reused.
 */
public final class ServerBenchmark {
  private static final long SEED = 7;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "bench password 0123456789";

  private ServerBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = BenchSupport.options(args);
    long cases = Long.parseLong(options.getOrDefault("--cases", "1000000"));
    int clients = Integer.parseInt(options.getOrDefault("--clients", "50"));
    int seconds = Integer.parseInt(options.getOrDefault("--seconds", "30"));
    int rounds = Integer.parseInt(options.getOrDefault("--rounds", "2"));
    // 0: each client sends its next request as soon as the last answer came (closed loop, finds
    // the capacity); above 0: requests per second in total, on a fixed schedule (open loop).
    double rate = Double.parseDouble(options.getOrDefault("--rate", "0"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "30"));
    Path work = Path.of(options.getOrDefault("--work", "bench/work"));
    Path out =
        Path.of(
            options.getOrDefault(
                "--out",
                "bench/results/server-"
                    + Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "")
                    + ".json"));

    Path data = work.resolve("server-" + cases);
    try (CaseVault vault =
        openIngested(work, data, cases, LuceneCaseStore.open(data.resolve("index")))) {
      ByteArrayOutputStream notices = new ByteArrayOutputStream();
      ServerSettings settings =
          new ServerSettings(
              new ServerSettings.HostPort("127.0.0.1", 0),
              null,
              null,
              null,
              null,
              List.of(),
              // The per-principal limit would otherwise be what this measures.
              1_000_000,
              60,
              null,
              null);
      try (Server server =
          Server.start(
              data,
              settings,
              vault,
              Clock.systemUTC(),
              new PrintStream(notices, true, StandardCharsets.UTF_8))) {
        Client setup = new Client(data.resolve("tls").resolve("ca.pem"), server.port());
        String admin =
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        ("admin:"
                                + Files.readString(data.resolve(Server.INITIAL_PASSWORD_FILE))
                                    .strip())
                            .getBytes(StandardCharsets.UTF_8));
        addUser(setup, admin, "bench-supervisor", List.of("supervisor"), Map.of());
        addUser(
            setup,
            admin,
            "bench-agent",
            List.of("agent"),
            Map.of("team", List.of("tier1-emea"), "agent", List.of("A-1042")));
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("supervisor", login(setup, "bench-supervisor"));
        tokens.put("agent", login(setup, "bench-agent"));

        List<byte[]> mix = queryMix(5000);
        log("warming up: " + clients + " clients, " + warmup + " s per principal");
        for (String token : tokens.values()) {
          load(server.port(), data, token, mix, clients, warmup, rate);
        }
        Map<String, List<Map<String, Object>>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
          for (Map.Entry<String, String> principal : tokens.entrySet()) {
            log("round " + (round + 1) + ": " + principal.getKey() + ", " + seconds + " s");
            Map<String, Object> result =
                load(server.port(), data, principal.getValue(), mix, clients, seconds, rate);
            log(principal.getKey() + ": " + result);
            results.computeIfAbsent(principal.getKey(), k -> new ArrayList<>()).add(result);
          }
        }
        write(out, cases, clients, seconds, rate, results);
        log("results: " + out);
      }
    }
  }

  /**
   * The service over the benchmark's data directory for {@code cases} cases, ingested on first use.
   * The bulk-read guard's caps are raised to their maximum over a one-minute window: the load
   * clients read far more than any person would, and what is measured is search, not the guard
   * refusing them.
   */
  static CaseVault openIngested(Path work, Path data, long cases, LuceneCaseStore store)
      throws IOException {
    Path done = data.resolve("ingested");
    if (!Files.exists(data)) {
      Files.createDirectories(
          data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Files.writeString(
        data.resolve("guard-rules.json"),
        "{\"version\": 1, \"window_minutes\": 1, \"default\":"
            + " {\"cases\": 1000000, \"customers\": 1000000, \"reveals\": 0},"
            + " \"roles\": {\"supervisor\": {\"cases\": 1000000, \"customers\": 1000000,"
            + " \"reveals\": 0}, \"agent\": {\"cases\": 1000000, \"customers\": 1000000,"
            + " \"reveals\": 0}}}\n");
    CaseVault vault = CaseVault.open(store, data, true);
    if (Files.exists(done)) {
      return vault;
    }
    Path corpus = work.resolve("corpus-" + cases + "-seed" + SEED + ".jsonl");
    if (!Files.exists(corpus)) {
      log("generating " + cases + " cases into " + corpus);
      Path partial = corpus.resolveSibling(corpus.getFileName() + ".partial");
      CorpusWriter.write(SEED, cases, partial, work.resolve("truth-" + cases + ".jsonl"), n -> {});
      Files.move(partial, corpus);
    }
    log("ingesting " + corpus + " into " + data);
    IngestReport report =
        vault.ingest(
            List.of(corpus),
            new IngestOptions(
                CaseLimits.defaults(),
                data.resolve("rejects.jsonl"),
                Duration.ofSeconds(5),
                Runtime.getRuntime().availableProcessors()),
            IngestListener.SILENT,
            Requester.localOwner());
    log("ingested " + report.accepted() + " cases in " + report.seconds() + " s");
    Files.writeString(done, report.accepted() + "\n");
    return vault;
  }

  /** Searches like an agent's: two common words, one filter, four facets, ten hits. */
  private static List<byte[]> queryMix(int count) throws IOException {
    List<String> vocabulary = BenchSupport.vocabulary(SEED);
    Random random = new Random(SEED);
    List<byte[]> mix = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put(
          "query",
          vocabulary.get(random.nextInt(vocabulary.size()))
              + " AND "
              + vocabulary.get(random.nextInt(vocabulary.size())));
      body.put(
          "filters",
          switch (random.nextInt(3)) {
            case 0 ->
                Map.of(
                    "status",
                    List.of("open", "pending", "solved", "closed").get(random.nextInt(4)));
            case 1 ->
                Map.of("channel", List.of("chat", "email", "phone", "web").get(random.nextInt(4)));
            default -> Map.of("region", List.of("EMEA", "AMER", "APAC").get(random.nextInt(3)));
          });
      body.put("facets", List.of("status", "product", "region", "channel"));
      body.put("size", 10);
      mix.add(JSON.writeValueAsBytes(body));
    }
    return mix;
  }

  /**
   * {@code clients} threads, each with its own keep-alive connection, for {@code seconds}. With a
   * {@code rate}, each thread sends on a fixed schedule and latency counts from the scheduled time,
   * so a slow answer also counts against the requests it delayed (no coordinated omission).
   */
  private static Map<String, Object> load(
      int port, Path data, String token, List<byte[]> mix, int clients, int seconds, double rate)
      throws Exception {
    long intervalNanos = rate > 0 ? (long) (clients / rate * 1e9) : 0;
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong errors = new AtomicLong();
    AtomicLong hits = new AtomicLong();
    List<long[]> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    int[] counts = new int[clients];
    for (int t = 0; t < clients; t++) {
      long[] latencies = new long[2_000_000];
      perThread.add(latencies);
      int index = t;
      Client client = new Client(data.resolve("tls").resolve("ca.pem"), port);
      Thread thread =
          new Thread(
              () -> {
                Random random = new Random(index);
                int n = 0;
                // Threads start spread over one interval, not all at once.
                long next = System.nanoTime() + intervalNanos * index / clients;
                while (System.nanoTime() < deadline && n < latencies.length) {
                  byte[] body = mix.get(random.nextInt(mix.size()));
                  long started = System.nanoTime();
                  if (intervalNanos > 0) {
                    long wait = next - started;
                    if (wait > 0) {
                      java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    started = next;
                    next += intervalNanos;
                  }
                  try {
                    // The whole body is read before parsing: a response left unread to its end
                    // makes the client drop the connection instead of keeping it alive.
                    HttpResponse<byte[]> response = client.search(token, body);
                    if (response.statusCode() != 200) {
                      errors.incrementAndGet();
                    } else {
                      hits.addAndGet(JSON.readTree(response.body()).get("total").longValue());
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                  } catch (InterruptedException e) {
                    return;
                  }
                  latencies[n++] = System.nanoTime() - started;
                }
                counts[index] = n;
              });
      threads.add(thread);
    }
    long started = System.nanoTime();
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < clients; t++) {
      System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("requests", total);
    result.put("seconds", elapsed);
    result.put("requestsPerSecond", total / elapsed);
    result.put("errors", errors.get());
    result.put("meanTotalHits", total == 0 ? 0.0 : hits.get() / (double) total);
    result.put("p50Millis", all[total / 2] / 1e6);
    result.put("p99Millis", all[(int) Math.ceil(total * 0.99) - 1] / 1e6);
    result.put("maxMillis", all[total - 1] / 1e6);
    return result;
  }

  private static void addUser(
      Client client,
      String admin,
      String name,
      List<String> roles,
      Map<String, List<String>> attributes)
      throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("password", PASSWORD);
    body.put("roles", roles);
    body.put("attributes", attributes);
    HttpResponse<String> response = client.post("/api/admin/users", admin, body);
    if (response.statusCode() != 201 && !response.body().contains("exists already")) {
      throw new IllegalStateException("adding " + name + ": " + response.body());
    }
  }

  private static String login(Client client, String name) throws Exception {
    HttpResponse<String> response =
        client.post("/api/login", null, Map.of("user", name, "password", PASSWORD));
    return "Bearer " + JSON.readTree(response.body()).get("token").textValue();
  }

  /** An HTTP/1.1 client trusting only the installation's CA. */
  private static final class Client {
    private final HttpClient http;
    private final int port;

    Client(Path caPem, int port) throws Exception {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(caPem)) {
        trust.setCertificateEntry(
            "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      this.http =
          HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build();
      this.port = port;
    }

    HttpResponse<byte[]> search(String token, byte[] body)
        throws IOException, InterruptedException {
      return http.send(
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/search"))
              .header("Authorization", token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> post(String path, String authorization, Object body)
        throws IOException, InterruptedException {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  private static void write(
      Path out,
      long cases,
      int clients,
      int seconds,
      double rate,
      Map<String, List<Map<String, Object>>> results)
      throws IOException {
    Map<String, Object> summary = new LinkedHashMap<>();
    Map<String, Double> throughput = new LinkedHashMap<>();
    Map<String, Double> p99 = new LinkedHashMap<>();
    results.forEach(
        (principal, rounds) -> {
          throughput.put(
              principal,
              rounds.stream()
                  .mapToDouble(r -> (Double) r.get("requestsPerSecond"))
                  .average()
                  .orElse(0));
          p99.put(
              principal,
              rounds.stream().mapToDouble(r -> (Double) r.get("p99Millis")).max().orElse(0));
        });
    summary.put("meanRequestsPerSecond", throughput);
    summary.put("worstP99Millis", p99);
    // Cost per request of the restricted agent relative to the supervisor (1.0 = the same).
    summary.put(
        "restrictedToAdminCostRatio", throughput.get("supervisor") / throughput.get("agent"));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("benchmark", "server search over HTTPS");
    document.put("cases", cases);
    document.put("clients", clients);
    document.put("secondsPerRound", seconds);
    document.put("offeredRequestsPerSecond", rate > 0 ? (Object) rate : "closed loop");
    document.put("machine", BenchSupport.machine());
    document.put("commit", BenchSupport.commit());
    document.put("rounds", results);
    document.put("summary", summary);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream file = Files.newOutputStream(out);
        JsonGenerator json = new JsonFactory().createGenerator(file)) {
      json.useDefaultPrettyPrinter();
      BenchSupport.writeValue(json, document);
    }
  }
}
