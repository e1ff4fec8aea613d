package dev.casevault.bench;

import static dev.casevault.bench.BenchSupport.commit;
import static dev.casevault.bench.BenchSupport.log;
import static dev.casevault.bench.BenchSupport.machine;
import static dev.casevault.bench.BenchSupport.options;
import static dev.casevault.bench.BenchSupport.writeValue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.audit.Actor;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEventJson;
import dev.casevault.audit.AuditTarget;
import dev.casevault.audit.AuditTrail;
import dev.casevault.audit.Rfc6962;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Durable appends per second to the real audit log ({@link AuditTrail}: encoding, group commit,
 * signed checkpoints) from N concurrent writer threads.
 *
 * <p>For each round and each writer count, a fresh log is opened in a new folder under {@code
 * --work}; each writer loops {@link AuditTrail#record} with a new realistic event (a {@code
 * case.search} by an agent with two roles, an IP address and a browser's User-Agent, ten case ids,
 * their ten customers' stored ids or identity tokens, a query hash and a total), so the encoding
 * and the leaf hash are part of the cost. After {@code --warmup} seconds the next {@code --seconds}
 * are measured: the calls that return in that window count, and the latency of each is the time
 * {@code record()} took (System.nanoTime around the call; building the event is outside it). The
 * folder is deleted afterwards.
 *
 * <p>Measured besides: the log's own entry count over the window (entries per second as the log
 * sees them), the mean entry size, the checkpoints written in the window (read from the {@code
 * checkpoints} file), the process's CPU time and the machine's CPU use. {@link
 * dev.casevault.audit.AuditLog} does not expose its batches; on a JDK with JFR's {@code
 * jdk.FileForce} event (JDK 25), a JFR recording counts the fsyncs of the {@code entries} file (one
 * per group commit) and their durations, which gives the mean batch size and the fraction of the
 * window the writer thread spent in fsync. Reference measurements on the same folder: a plain loop
 * of one append and {@link FileChannel#force} on one file (fsyncs per second), the same on two
 * files per step as one group commit does (the ceiling on group commits per second), and the CPU
 * cost of building, encoding and leaf-hashing an event on one thread.
 *
 * <p>Usage: {@code bench/run audit [--seconds 10] [--rounds 3] [--writers 1,8,64] [--warmup 3]
 * [--fsync-seconds 3] [--jfr true] [--work bench/work] [--out FILE]}.
 */
public final class AuditBenchmark {
  private static final long NANOS = 1_000_000_000L;
  private static final String FILE_FORCE = "jdk.FileForce";
  private static final String USER_AGENT =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/142.0.0.0 Safari/537.36";

  private AuditBenchmark() {}

  /** What a run does; durations in seconds. */
  record Settings(
      double seconds,
      double warmupSeconds,
      int rounds,
      List<Integer> writers,
      double fsyncSeconds,
      boolean jfr,
      Path work,
      Path out) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    Settings settings =
        new Settings(
            Double.parseDouble(options.getOrDefault("--seconds", "10")),
            Double.parseDouble(options.getOrDefault("--warmup", "3")),
            Integer.parseInt(options.getOrDefault("--rounds", "3")),
            Arrays.stream(options.getOrDefault("--writers", "1,8,64").split(","))
                .map(String::strip)
                .map(Integer::valueOf)
                .toList(),
            Double.parseDouble(options.getOrDefault("--fsync-seconds", "3")),
            Boolean.parseBoolean(options.getOrDefault("--jfr", "true")),
            Path.of(options.getOrDefault("--work", "bench/work")),
            Path.of(
                options.getOrDefault(
                    "--out",
                    "bench/results/audit-append-"
                        + Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "")
                        + ".json")));
    if (settings.seconds() <= 0
        || settings.warmupSeconds() < 0
        || settings.rounds() < 1
        || settings.fsyncSeconds() <= 0
        || settings.writers().isEmpty()
        || settings.writers().stream().anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException(
          "--seconds and --fsync-seconds must be positive, --warmup not negative, --rounds and"
              + " every --writers count at least 1");
    }
    run(settings);
    System.out.println("results: " + settings.out());
  }

  /** Runs the whole benchmark and writes its JSON; returns what was written. */
  static Map<String, Object> run(Settings settings) throws IOException, InterruptedException {
    String loadAtStart = loadAverage();
    Instant started = Instant.now();
    Path folder =
        settings
            .work()
            .resolve(
                "audit-append-" + started.toString().replace(":", "").replaceAll("\\.\\d+", ""))
            .toAbsolutePath();
    Files.createDirectories(folder);
    log("audit append benchmark in " + folder + ", load average " + loadAtStart);
    Map<String, Object> result = new LinkedHashMap<>();
    try {
      FileStore store = Files.getFileStore(folder);
      boolean jfr = settings.jfr() && fileForceEventAvailable();
      if (settings.jfr() && !jfr) {
        log("JFR's jdk.FileForce event is not available on this JDK: no fsync counts");
      }
      Events sample = new Events(0);
      byte[] sampleEntry = AuditEventJson.encode(sample.next(Instant.now()));
      Map<String, Object> cpuReference = cpuReference(Math.min(2, settings.fsyncSeconds()));
      log("event: " + sampleEntry.length + " bytes encoded; CPU reference " + cpuReference);

      List<Map<String, Object>> rounds = new ArrayList<>();
      for (int round = 1; round <= settings.rounds(); round++) {
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("round", round);
        measured.put("loadAverageAtStart", loadAverage());
        Map<String, Object> plain =
            fsyncReference(folder, settings.fsyncSeconds(), sampleEntry.length, false);
        Map<String, Object> pair =
            fsyncReference(folder, settings.fsyncSeconds(), sampleEntry.length, true);
        log(
            String.format(
                Locale.ROOT,
                "round %d: plain fsync loop %.0f fsyncs/s (p50 %.2f ms); two files per step %.0f"
                    + " steps/s",
                round,
                (Double) plain.get("fsyncsPerSecond"),
                (Double) plain.get("p50Millis"),
                (Double) pair.get("stepsPerSecond")));
        measured.put("fsyncReference", plain);
        measured.put("fsyncReferenceTwoFiles", pair);
        List<Map<String, Object>> byWriters = new ArrayList<>();
        for (int writers : settings.writers()) {
          Path dir = folder.resolve("log-round" + round + "-writers" + writers);
          Map<String, Object> one = measure(dir, writers, settings, jfr);
          deleteTree(dir);
          log("round " + round + ", writers " + writers + ": " + summary(one));
          byWriters.add(one);
        }
        measured.put("writers", byWriters);
        rounds.add(measured);
      }

      result.put("benchmark", "audit append");
      result.put("date", started.toString());
      result.put("commit", commit());
      result.put("machine", machine());
      result.put("loadAverageAtStart", loadAtStart);
      result.put("loadAverageAtEnd", loadAverage());
      Map<String, Object> setup = new LinkedHashMap<>();
      setup.put("secondsPerMeasurement", settings.seconds());
      setup.put("warmupSeconds", settings.warmupSeconds());
      setup.put("rounds", settings.rounds());
      setup.put("writers", settings.writers());
      setup.put("fsyncReferenceSeconds", settings.fsyncSeconds());
      setup.put("fsyncCountsFromJfr", jfr);
      setup.put("folder", folder.toString());
      setup.put("fileSystem", store.type() + " on " + store.name());
      setup.put(
          "event",
          "case.search, success, actor user:agent-N (session, roles agent and team-lead, IPv4,"
              + " browser User-Agent), policy version 3, 10 case ids, 10 customers (7 in 10 a"
              + " C-number, 3 in 10 an EMAIL# identity token), a 64-hex query hash, a total; new"
              + " random id per event");
      setup.put("sampleEntryBytes", sampleEntry.length);
      setup.put("sampleEntry", new String(sampleEntry, StandardCharsets.UTF_8));
      setup.put("checkpointIntervalMillis", AuditTrail.CHECKPOINT_INTERVAL.toMillis());
      setup.put("checkpointEveryEntries", AuditTrail.CHECKPOINT_EVERY);
      setup.put(
          "latency",
          "System.nanoTime around AuditTrail.record(event), calls that returned in the window");
      result.put("setup", setup);
      result.put("cpuReference", cpuReference);
      result.put("rounds", rounds);
      result.put("medians", medians(rounds, settings.writers()));
    } finally {
      deleteTree(folder);
    }
    write(settings.out(), result);
    printSummary(result);
    return result;
  }

  /**
   * Realistic events of one writer: agents searching, each result ten cases of ten customers.
   * Targets and actors come from small pools built up front; the event itself (its random id) is
   * new each time, as a server builds one per request.
   */
  static final class Events {
    private final SplittableRandom random;
    private final List<AuditTarget> targets = new ArrayList<>();
    private final List<Actor> actors = new ArrayList<>();

    Events(long seed) {
      this.random = new SplittableRandom(seed);
      HexFormat hex = HexFormat.of();
      for (int i = 0; i < 256; i++) {
        List<String> cases = new ArrayList<>();
        List<String> customers = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
          cases.add(
              String.format(
                  Locale.ROOT,
                  "CASE-%d-%07d",
                  2005 + random.nextInt(21),
                  random.nextInt(10_000_000)));
          customers.add(
              random.nextInt(10) < 7
                  ? String.format(Locale.ROOT, "C-%010d", random.nextLong(10_000_000_000L))
                  : "EMAIL#" + hex.formatHex(bytes(12)));
        }
        targets.add(
            AuditTarget.NONE
                .withCases(cases, customers)
                .withQuery(hex.formatHex(bytes(32)), 10L + random.nextInt(5000)));
      }
      for (int i = 0; i < 64; i++) {
        actors.add(
            new Actor(
                String.format(Locale.ROOT, "user:agent-%04d", random.nextInt(10_000)),
                "session",
                List.of("agent", "team-lead"),
                "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256),
                USER_AGENT));
      }
    }

    private byte[] bytes(int n) {
      byte[] out = new byte[n];
      for (int i = 0; i < n; i++) {
        out[i] = (byte) random.nextInt(256);
      }
      return out;
    }

    /** A new event; {@link AuditTrail#record} stamps the time. */
    AuditEvent next() {
      return AuditEvent.of(
              AuditAction.SEARCH,
              AuditEvent.Outcome.SUCCESS,
              actors.get(random.nextInt(actors.size())),
              "3")
          .withTarget(targets.get(random.nextInt(targets.size())));
    }

    /** A new event with its time set, as the log would encode it. */
    AuditEvent next(Instant time) {
      AuditEvent event = next();
      return new AuditEvent(
          event.id(),
          time,
          event.action(),
          event.outcome(),
          event.actor(),
          event.policyVersion(),
          event.target(),
          event.purpose(),
          event.reason());
    }
  }

  /** One writer thread's loop and what it measured. */
  private static final class Writer implements Runnable {
    private final AuditTrail trail;
    private final Events events;
    private final long windowStart;
    private final long windowEnd;
    private long[] latencies = new long[4096];
    private int count;
    private volatile Throwable failure;

    Writer(AuditTrail trail, Events events, long windowStart, long windowEnd) {
      this.trail = trail;
      this.events = events;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }

    @Override
    public void run() {
      try {
        long sink = 0;
        while (System.nanoTime() < windowEnd) {
          AuditEvent event = events.next();
          long called = System.nanoTime();
          sink += trail.record(event).index();
          long returned = System.nanoTime();
          if (returned >= windowStart && returned < windowEnd) {
            if (count == latencies.length) {
              latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = returned - called;
          }
        }
        if (sink < 0) {
          throw new IllegalStateException("negative index");
        }
      } catch (Throwable t) {
        failure = t;
      }
    }
  }

  /** The state of a measurement at one instant. */
  private record Snapshot(
      long nanos,
      Instant instant,
      long logSize,
      long checkpoints,
      long processCpuNanos,
      long[] machineCpu) {}

  private static Snapshot snapshot(AuditTrail trail, Path dir) throws IOException {
    return new Snapshot(
        System.nanoTime(),
        Instant.now(),
        trail.log().size(),
        countRecords(dir.resolve("checkpoints")),
        processCpuNanos(),
        machineCpu());
  }

  private static Map<String, Object> measure(Path dir, int writers, Settings settings, boolean jfr)
      throws IOException, InterruptedException {
    Recording recording = jfr ? startForceRecording() : null;
    Snapshot first;
    Snapshot last;
    long logSize;
    List<Writer> loops = new ArrayList<>();
    try (AuditTrail trail = AuditTrail.open(dir, Clock.systemUTC())) {
      long start = System.nanoTime();
      long windowStart = start + (long) (settings.warmupSeconds() * NANOS);
      long windowEnd = windowStart + (long) (settings.seconds() * NANOS);
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        Writer loop = new Writer(trail, new Events(1000L * writers + w), windowStart, windowEnd);
        loops.add(loop);
        threads.add(Thread.ofPlatform().name("audit-bench-writer-" + w).start(loop));
      }
      sleepUntil(windowStart);
      first = snapshot(trail, dir);
      sleepUntil(windowEnd);
      last = snapshot(trail, dir);
      for (Thread thread : threads) {
        thread.join();
      }
      for (Writer loop : loops) {
        if (loop.failure != null) {
          throw new IllegalStateException("a writer failed: " + loop.failure, loop.failure);
        }
      }
      logSize = trail.log().size();
    }
    long checkpointsAfterClose = countRecords(dir.resolve("checkpoints"));
    double entryBytes = meanEntryBytes(dir.resolve("entries"), logSize);

    int total = loops.stream().mapToInt(loop -> loop.count).sum();
    long[] all = new long[total];
    int at = 0;
    for (Writer loop : loops) {
      System.arraycopy(loop.latencies, 0, all, at, loop.count);
      at += loop.count;
    }
    Arrays.sort(all);
    double window = settings.seconds();
    double snapshotSeconds = (last.nanos() - first.nanos()) / 1e9;
    long appended = last.logSize() - first.logSize();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("writers", writers);
    result.put("seconds", window);
    result.put("events", total);
    result.put("eventsPerSecond", total / window);
    result.put("logEntriesPerSecond", appended / snapshotSeconds);
    result.put("meanMillis", total == 0 ? 0.0 : Arrays.stream(all).average().orElse(0) / 1e6);
    result.put("p50Millis", percentile(all, 0.50) / 1e6);
    result.put("p99Millis", percentile(all, 0.99) / 1e6);
    result.put("p999Millis", percentile(all, 0.999) / 1e6);
    result.put("maxMillis", total == 0 ? 0.0 : all[total - 1] / 1e6);
    result.put("meanEntryBytes", entryBytes);
    result.put("bytesOnDiskPerEntry", entryBytes + Integer.BYTES + Rfc6962.HASH_BYTES);
    result.put("checkpointsInWindow", last.checkpoints() - first.checkpoints());
    result.put(
        "checkpointsPerSecond", (last.checkpoints() - first.checkpoints()) / snapshotSeconds);
    result.put("checkpointsInLog", checkpointsAfterClose);
    result.put("entriesInLog", logSize);
    result.put(
        "processCpuCores",
        (last.processCpuNanos() - first.processCpuNanos()) / 1e9 / snapshotSeconds);
    result.put("machineCpuBusy", busyFraction(first.machineCpu(), last.machineCpu()));
    result.put("loadAverageAfter", loadAverage());
    if (recording != null) {
      result.putAll(forceStats(recording, dir, first, last, appended));
    }
    return result;
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
      Thread.sleep(Duration.ofNanos(Math.min(left, 50_000_000L)));
    }
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.max(0, (int) Math.ceil(sorted.length * p) - 1)];
  }

  private static boolean fileForceEventAvailable() {
    if (!FlightRecorder.isAvailable()) {
      return false;
    }
    for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
      if (type.getName().equals(FILE_FORCE)) {
        return true;
      }
    }
    return false;
  }

  private static Recording startForceRecording() {
    Recording recording = new Recording();
    recording.setName("audit-bench-fsyncs");
    recording.enable(FILE_FORCE).withThreshold(Duration.ZERO).withoutStackTrace();
    recording.setToDisk(true);
    recording.start();
    return recording;
  }

  /**
   * Fsyncs of the log's files that ended in the window, from the JFR recording: one force of {@code
   * entries} (and one of {@code leaf-hashes}) per group commit, one of {@code checkpoints} per
   * checkpoint.
   */
  private static Map<String, Object> forceStats(
      Recording recording, Path dir, Snapshot first, Snapshot last, long appended)
      throws IOException {
    recording.stop();
    Path file = dir.resolveSibling(dir.getFileName() + ".jfr");
    List<RecordedEvent> events;
    try {
      recording.dump(file);
      events = RecordingFile.readAllEvents(file);
    } finally {
      recording.close();
      Files.deleteIfExists(file);
    }
    String entries = dir.resolve("entries").toString();
    String leafHashes = dir.resolve("leaf-hashes").toString();
    String checkpoints = dir.resolve("checkpoints").toString();
    List<Long> entryForces = new ArrayList<>();
    long leafHashForces = 0;
    long checkpointForces = 0;
    long writerForceNanos = 0;
    for (RecordedEvent event : events) {
      Instant end = event.getEndTime();
      if (end.isBefore(first.instant()) || !end.isBefore(last.instant())) {
        continue;
      }
      String path = event.getString("path");
      long nanos = event.getDuration().toNanos();
      if (entries.equals(path)) {
        entryForces.add(nanos);
        writerForceNanos += nanos;
      } else if (leafHashes.equals(path)) {
        leafHashForces++;
        writerForceNanos += nanos;
      } else if (checkpoints.equals(path)) {
        checkpointForces++;
      }
    }
    long[] durations = entryForces.stream().mapToLong(Long::longValue).sorted().toArray();
    double seconds = Duration.between(first.instant(), last.instant()).toNanos() / 1e9;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("groupCommits", (long) durations.length);
    result.put("groupCommitsPerSecond", durations.length / seconds);
    result.put(
        "meanEntriesPerGroupCommit",
        durations.length == 0 ? 0.0 : appended / (double) durations.length);
    result.put("leafHashFsyncs", leafHashForces);
    result.put("checkpointFsyncs", checkpointForces);
    result.put("entriesFsyncP50Millis", percentile(durations, 0.50) / 1e6);
    result.put("entriesFsyncP99Millis", percentile(durations, 0.99) / 1e6);
    result.put("writerFsyncBusyFraction", writerForceNanos / 1e9 / seconds);
    return result;
  }

  /**
   * Appends records of {@code recordBytes} to a new file in {@code folder} and forces after each
   * (plain); or also 32 bytes to a second file and forces both, as one group commit of one entry
   * does ({@code twoFiles}).
   */
  static Map<String, Object> fsyncReference(
      Path folder, double seconds, int recordBytes, boolean twoFiles) throws IOException {
    Path data = folder.resolve("fsync-reference");
    Path hashes = folder.resolve("fsync-reference-hashes");
    ByteBuffer record = ByteBuffer.allocate(Integer.BYTES + recordBytes);
    new SplittableRandom(1).nextBytes(record.array());
    ByteBuffer hash = ByteBuffer.allocate(Rfc6962.HASH_BYTES);
    long[] latencies = new long[4096];
    int steps = 0;
    long elapsed;
    try (FileChannel first =
            FileChannel.open(data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileChannel second =
            FileChannel.open(hashes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      long position = 0;
      long started = System.nanoTime();
      long end = started + (long) (seconds * NANOS);
      while (System.nanoTime() < end) {
        long step = System.nanoTime();
        position += writeFully(first, record.clear(), position);
        if (twoFiles) {
          writeFully(second, hash.clear(), (long) steps * Rfc6962.HASH_BYTES);
        }
        first.force(false);
        if (twoFiles) {
          second.force(false);
        }
        if (steps == latencies.length) {
          latencies = Arrays.copyOf(latencies, steps * 2);
        }
        latencies[steps++] = System.nanoTime() - step;
      }
      elapsed = System.nanoTime() - started;
    } finally {
      Files.deleteIfExists(data);
      Files.deleteIfExists(hashes);
    }
    long[] sorted = Arrays.copyOf(latencies, steps);
    Arrays.sort(sorted);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put(
        "loop",
        twoFiles
            ? "append " + recordBytes + "+4 bytes to one file and 32 to another, force both"
            : "append " + recordBytes + "+4 bytes, force(false)");
    result.put("steps", (long) steps);
    result.put(twoFiles ? "stepsPerSecond" : "fsyncsPerSecond", steps / (elapsed / 1e9));
    result.put("p50Millis", percentile(sorted, 0.50) / 1e6);
    result.put("p99Millis", percentile(sorted, 0.99) / 1e6);
    result.put("maxMillis", percentile(sorted, 1.0) / 1e6);
    return result;
  }

  private static int writeFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    int written = 0;
    while (buffer.hasRemaining()) {
      written += channel.write(buffer, position + written);
    }
    return written;
  }

  /** Events per second one thread builds, encodes and leaf-hashes: the CPU part of an append. */
  static Map<String, Object> cpuReference(double seconds) {
    Events events = new Events(99);
    long sink = 0;
    long count = 0;
    long cpuStarted = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long started = System.nanoTime();
    long end = started + (long) (seconds * NANOS);
    while (System.nanoTime() < end) {
      byte[] entry = AuditEventJson.encode(events.next(Instant.now()));
      sink += Rfc6962.leafHash(entry)[0] + entry.clone().length;
      count++;
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStarted) / 1e9;
    if (sink == Long.MIN_VALUE) {
      throw new IllegalStateException("unreachable");
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("what", "build an event, encode it, SHA-256 leaf hash, copy; one thread");
    result.put("eventsPerSecond", count / elapsed);
    result.put("eventsPerCpuSecond", count / cpu);
    return result;
  }

  /** The number of whole length-prefixed records in a file (a record being written is left out). */
  static long countRecords(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    long count = 0;
    long size = Files.size(file);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      long at = 0;
      while (at + Integer.BYTES <= size) {
        int length = in.readInt();
        if (length <= 0 || at + Integer.BYTES + length > size) {
          break;
        }
        in.skipNBytes(length);
        at += Integer.BYTES + length;
        count++;
      }
    }
    return count;
  }

  /**
   * The mean size of the log's entries; checks that the first one decodes as an event, so that the
   * benchmark is known to have measured real events.
   */
  private static double meanEntryBytes(Path entries, long count) throws IOException {
    if (count == 0) {
      return 0;
    }
    try (InputStream in = Files.newInputStream(entries)) {
      DataInputStream data = new DataInputStream(in);
      byte[] first = data.readNBytes(data.readInt());
      AuditEventJson.decode(first);
    }
    return (Files.size(entries) - (double) Integer.BYTES * count) / count;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Busy and total jiffies of all cores from /proc/stat, or empty where there is none. */
  private static long[] machineCpu() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      long idle = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) {
        long value = Long.parseLong(fields[i]);
        total += value;
        if (i == 4 || i == 5) { // idle, iowait
          idle += value;
        }
      }
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new long[0];
    }
  }

  private static double busyFraction(long[] first, long[] last) {
    if (first.length < 2 || last.length < 2 || last[1] == first[1]) {
      return -1;
    }
    return (last[0] - first[0]) / (double) (last[1] - first[1]);
  }

  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Map<String, Object> medians(
      List<Map<String, Object>> rounds, List<Integer> writerCounts) {
    Map<String, Object> medians = new LinkedHashMap<>();
    medians.put(
        "fsyncsPerSecond",
        median(rounds, r -> (Double) ((Map<?, ?>) r.get("fsyncReference")).get("fsyncsPerSecond")));
    medians.put(
        "twoFileStepsPerSecond",
        median(
            rounds,
            r -> (Double) ((Map<?, ?>) r.get("fsyncReferenceTwoFiles")).get("stepsPerSecond")));
    List<Map<String, Object>> byWriters = new ArrayList<>();
    for (int i = 0; i < writerCounts.size(); i++) {
      int index = i;
      List<Map<?, ?>> runs =
          rounds.stream()
              .<Map<?, ?>>map(r -> (Map<?, ?>) ((List<?>) r.get("writers")).get(index))
              .toList();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("writers", writerCounts.get(i));
      for (String field :
          List.of(
              "eventsPerSecond",
              "logEntriesPerSecond",
              "p50Millis",
              "p99Millis",
              "maxMillis",
              "meanEntryBytes",
              "checkpointsPerSecond",
              "meanEntriesPerGroupCommit",
              "groupCommitsPerSecond",
              "writerFsyncBusyFraction",
              "processCpuCores",
              "machineCpuBusy")) {
        if (runs.get(0).containsKey(field)) {
          entry.put(field, medianOf(runs, r -> ((Number) r.get(field)).doubleValue()));
        }
      }
      double[] throughput =
          runs.stream().mapToDouble(r -> (Double) r.get("eventsPerSecond")).sorted().toArray();
      entry.put("minEventsPerSecond", throughput[0]);
      entry.put("maxEventsPerSecond", throughput[throughput.length - 1]);
      entry.put(
          "worstMaxMillis",
          runs.stream().mapToDouble(r -> (Double) r.get("maxMillis")).max().orElse(0));
      byWriters.add(entry);
    }
    medians.put("writers", byWriters);
    return medians;
  }

  private static double median(
      List<Map<String, Object>> items, ToDoubleFunction<Map<String, Object>> value) {
    double[] sorted = items.stream().mapToDouble(value).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double medianOf(List<Map<?, ?>> items, ToDoubleFunction<Map<?, ?>> value) {
    double[] sorted = items.stream().mapToDouble(value).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String summary(Map<?, ?> measured) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%,.0f events/s (log: %,.0f entries/s); record() p50 %.2f ms, p99 %.2f ms, max"
                    + " %.1f ms; entry %.0f bytes; %.2f checkpoints/s",
                number(measured, "eventsPerSecond"),
                number(measured, "logEntriesPerSecond"),
                number(measured, "p50Millis"),
                number(measured, "p99Millis"),
                // In the medians, the worst round's maximum.
                number(
                    measured,
                    measured.containsKey("worstMaxMillis") ? "worstMaxMillis" : "maxMillis"),
                number(measured, "meanEntryBytes"),
                number(measured, "checkpointsPerSecond")));
    if (measured.containsKey("meanEntriesPerGroupCommit")) {
      line.append(
          String.format(
              Locale.ROOT,
              "; %.1f entries per group commit (%,.0f commits/s, writer in fsync %.0f %%)",
              number(measured, "meanEntriesPerGroupCommit"),
              number(measured, "groupCommitsPerSecond"),
              100 * number(measured, "writerFsyncBusyFraction")));
    }
    if (measured.containsKey("processCpuCores")) {
      line.append(
          String.format(Locale.ROOT, "; CPU %.2f cores", number(measured, "processCpuCores")));
    }
    return line.toString();
  }

  private static double number(Map<?, ?> map, String field) {
    return ((Number) map.get(field)).doubleValue();
  }

  private static void printSummary(Map<String, Object> result) {
    Map<?, ?> medians = (Map<?, ?>) result.get("medians");
    int rounds = ((List<?>) result.get("rounds")).size();
    System.out.printf(
        Locale.ROOT,
        "Audit log durable appends (AuditTrail.record): medians of %d round(s), max the worst"
            + " round's, [min-max events/s]; load average at start %s; plain fsync loop %,.0f"
            + " fsyncs/s, two files per step %,.0f steps/s%n",
        rounds,
        result.get("loadAverageAtStart"),
        number(medians, "fsyncsPerSecond"),
        number(medians, "twoFileStepsPerSecond"));
    for (Object item : (List<?>) medians.get("writers")) {
      Map<?, ?> entry = (Map<?, ?>) item;
      System.out.printf(
          Locale.ROOT,
          "%2d writer%s: %s [%,.0f-%,.0f events/s]%n",
          ((Number) entry.get("writers")).intValue(),
          ((Number) entry.get("writers")).intValue() == 1 ? "" : "s",
          summary(entry),
          number(entry, "minEventsPerSecond"),
          number(entry, "maxEventsPerSecond"));
    }
  }

  private static void write(Path out, Map<String, Object> result) throws IOException {
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream stream = Files.newOutputStream(out);
        JsonGenerator json = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8)) {
      json.useDefaultPrettyPrinter();
      writeValue(json, result);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
