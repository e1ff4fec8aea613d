package dev.casevault.bench;

import static dev.casevault.bench.BenchSupport.commit;
import static dev.casevault.bench.BenchSupport.log;
import static dev.casevault.bench.BenchSupport.machine;
import static dev.casevault.bench.BenchSupport.options;
import static dev.casevault.bench.BenchSupport.writeValue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.SupportCase;
import dev.casevault.corpus.CorpusGenerator;
import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.ScanText;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The redaction throughput benchmark: single-threaded MB/s of the detection engine side by side
 * with a regex baseline ({@link RegexBaseline}) on the same texts, in one process.
 *
 * <p>Texts are the free-text fields (subject, description, message texts, note texts) of generated
 * cases ({@link CorpusGenerator}, fixed seed), split by the case's language and generated in memory
 * before any timing, until each language has {@code --mb} megabytes. A megabyte is 10^6 bytes of
 * the texts encoded as UTF-8.
 *
 * <p>Contenders, each measured over every text of a language, one text at a time:
 *
 * <ul>
 *   <li>{@code scan}: {@link ScanText#of} alone, the pre-filter pass every detector shares;
 *   <li>{@code patterns}: the engine's pattern layer, {@link PiiDetector#patternDetectors()};
 *   <li>{@code standard}: the whole engine, names and addresses included, {@link
 *       PiiDetector#standard()};
 *   <li>{@code regexPatterns}: the regex baseline of the same families as {@code patterns};
 *   <li>{@code regexWhole}: the regex baseline with its name and address passes, against {@code
 *       standard}.
 * </ul>
 *
 * <p>Each contender first runs one untimed pass over the texts (JIT warm-up); then the measured
 * passes go round-robin ({@code patterns}, {@code standard}, ..., then again), so that a machine
 * that slows down during the run slows every contender alike. Reported per language: the median,
 * minimum and maximum MB/s of the measured passes, the median MB per second of the thread's CPU
 * time (what a shared machine's other work does not inflate), and findings per MB by type (a
 * detector that finds nothing is fast, so the counts show that each contender did its job).
 *
 * <p>Usage: {@code bench/run redaction [--mb 10] [--seed 7] [--iterations 5] [--out FILE]}.
 */
public final class RedactionBenchmark {
  /** A generous budget: the benchmark measures speed, a time-out would end the run. */
  private static final long BUDGET_BASE_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static final long BUDGET_NANOS_PER_CHAR = 2_000;

  private RedactionBenchmark() {}

  /**
   * Something measured: a function of one text that returns a count (summed, so the work cannot be
   * elided), and for detectors the findings themselves (null for the pre-filter alone).
   */
  private record Contender(
      String name, ToIntFunction<String> run, Function<String, List<Finding>> findings) {
    static Contender detector(String name, Function<String, List<Finding>> findings) {
      return new Contender(name, text -> findings.apply(text).size(), findings);
    }
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> options = options(args);
    double megabytes = Double.parseDouble(options.getOrDefault("--mb", "10"));
    long seed = Long.parseLong(options.getOrDefault("--seed", "7"));
    int iterations = Integer.parseInt(options.getOrDefault("--iterations", "5"));
    Path out =
        Path.of(
            options.getOrDefault(
                "--out",
                "bench/results/redaction-"
                    + Instant.now().toString().replace(":", "").replaceAll("\\.\\d+", "")
                    + ".json"));
    if (megabytes <= 0 || iterations < 1) {
      throw new IllegalArgumentException("--mb must be positive and --iterations at least 1");
    }
    run((long) (megabytes * 1_000_000), seed, iterations, out);
    System.out.println("results: " + out);
  }

  /** Runs the whole benchmark and writes its JSON to {@code out}; returns what was written. */
  static Map<String, Object> run(long bytesPerLanguage, long seed, int iterations, Path out)
      throws IOException {
    Map<Language, List<String>> texts = texts(seed, bytesPerLanguage);
    List<Contender> contenders = contenders();
    Map<String, Object> languages = new LinkedHashMap<>();
    for (Language language : Language.values()) {
      languages.put(
          language.wireName(), measure(language, texts.get(language), contenders, iterations));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "redaction");
    result.put("date", Instant.now().toString());
    result.put("commit", commit());
    result.put("machine", machine());
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("seed", seed);
    setup.put("targetBytesPerLanguage", bytesPerLanguage);
    setup.put("iterations", iterations);
    setup.put("threads", 1);
    setup.put(
        "bytes", "UTF-8 bytes of the free-text fields: subject, description, messages, notes");
    setup.put("phoneRegionsOfBaseline", String.join(",", RegexBaseline.PHONE_REGIONS));
    result.put("setup", setup);
    result.put("languages", languages);
    write(out, result);
    printSummary(result);
    return result;
  }

  private static List<Contender> contenders() {
    PiiDetector patterns =
        new PiiDetector(PiiDetector.patternDetectors(), BUDGET_BASE_NANOS, BUDGET_NANOS_PER_CHAR);
    PiiDetector standard =
        new PiiDetector(PiiDetector.standardDetectors(), BUDGET_BASE_NANOS, BUDGET_NANOS_PER_CHAR);
    RegexBaseline regexPatterns = RegexBaseline.patterns();
    RegexBaseline regexWhole = RegexBaseline.withNames();
    return List.of(
        new Contender("scan", text -> ScanText.of(text, BUDGET_BASE_NANOS).tokenCount(), null),
        Contender.detector("patterns", patterns::detect),
        Contender.detector("standard", standard::detect),
        Contender.detector("regexPatterns", regexPatterns::detect),
        Contender.detector("regexWhole", regexWhole::detect));
  }

  /** The free-text fields of generated cases, by language, until each has {@code bytes}. */
  static Map<Language, List<String>> texts(long seed, long bytes) {
    CorpusGenerator generator = new CorpusGenerator(seed);
    Map<Language, List<String>> texts = new EnumMap<>(Language.class);
    Map<Language, Long> sizes = new EnumMap<>(Language.class);
    for (Language language : Language.values()) {
      texts.put(language, new ArrayList<>());
      sizes.put(language, 0L);
    }
    for (long index = 0; sizes.values().stream().anyMatch(size -> size < bytes); index++) {
      SupportCase c = generator.generate(index).supportCase();
      if (sizes.get(c.language()) >= bytes) {
        continue;
      }
      List<String> fields = new ArrayList<>();
      fields.add(c.subject());
      fields.add(c.description());
      c.messages().stream().map(Message::text).forEach(fields::add);
      c.notes().stream().map(Note::text).forEach(fields::add);
      for (String field : fields) {
        if (!field.isEmpty()) {
          texts.get(c.language()).add(field);
          sizes.merge(c.language(), utf8Bytes(field), Long::sum);
        }
      }
    }
    return texts;
  }

  private static Map<String, Object> measure(
      Language language, List<String> texts, List<Contender> contenders, int iterations) {
    long bytes = texts.stream().mapToLong(RedactionBenchmark::utf8Bytes).sum();
    double megabytes = bytes / 1e6;
    log(
        String.format(
            Locale.ROOT, "%s: %d texts, %.1f MB; warming up", language, texts.size(), megabytes));
    Map<String, Map<String, Long>> findingsByType = new LinkedHashMap<>();
    for (Contender contender : contenders) {
      // The warm-up pass counts the findings: detection is deterministic, so the measured passes
      // find the same.
      if (contender.findings() != null) {
        findingsByType.put(contender.name(), countByType(contender, texts));
      } else {
        pass(contender, texts);
      }
    }
    Map<String, double[]> speeds = new LinkedHashMap<>();
    Map<String, double[]> cpuSpeeds = new LinkedHashMap<>();
    for (Contender contender : contenders) {
      speeds.put(contender.name(), new double[iterations]);
      cpuSpeeds.put(contender.name(), new double[iterations]);
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < iterations; i++) {
      for (Contender contender : contenders) {
        long started = System.nanoTime();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long sink = pass(contender, texts);
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        double seconds = (System.nanoTime() - started) / 1e9;
        speeds.get(contender.name())[i] = megabytes / seconds;
        cpuSpeeds.get(contender.name())[i] = megabytes / cpuSeconds;
        if (sink < 0) {
          throw new IllegalStateException("negative count");
        }
      }
      log(language + ": measured pass " + (i + 1) + " of " + iterations);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("texts", texts.size());
    result.put("bytes", bytes);
    Map<String, Object> byContender = new LinkedHashMap<>();
    for (Contender contender : contenders) {
      double[] sorted = speeds.get(contender.name()).clone();
      Arrays.sort(sorted);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("medianMegabytesPerSecond", median(sorted));
      entry.put("minMegabytesPerSecond", sorted[0]);
      entry.put("maxMegabytesPerSecond", sorted[sorted.length - 1]);
      entry.put("megabytesPerSecond", speeds.get(contender.name()).clone());
      double[] cpuSorted = cpuSpeeds.get(contender.name()).clone();
      Arrays.sort(cpuSorted);
      entry.put("medianMegabytesPerCpuSecond", median(cpuSorted));
      entry.put("megabytesPerCpuSecond", cpuSpeeds.get(contender.name()).clone());
      Map<String, Long> types = findingsByType.get(contender.name());
      if (types != null) {
        long total = types.values().stream().mapToLong(Long::longValue).sum();
        entry.put("findings", total);
        entry.put("findingsPerMegabyte", total / megabytes);
        Map<String, Object> perType = new TreeMap<>();
        types.forEach((type, count) -> perType.put(type, count / megabytes));
        entry.put("findingsPerMegabyteByType", perType);
      }
      byContender.put(contender.name(), entry);
    }
    result.put("contenders", byContender);
    return result;
  }

  private static long pass(Contender contender, List<String> texts) {
    long sink = 0;
    for (String text : texts) {
      sink += contender.run().applyAsInt(text);
    }
    return sink;
  }

  private static Map<String, Long> countByType(Contender contender, List<String> texts) {
    Map<String, Long> counts = new TreeMap<>();
    for (String text : texts) {
      for (Finding finding : contender.findings().apply(text)) {
        counts.merge(finding.type().name(), 1L, Long::sum);
      }
    }
    return counts;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static long utf8Bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void printSummary(Map<String, Object> result) {
    System.out.println(
        "Redaction throughput, single thread, MB = 10^6 UTF-8 bytes (median [min-max] MB/s;"
            + " median MB per CPU second; findings per MB)");
    Map<?, ?> languages = (Map<?, ?>) result.get("languages");
    for (Map.Entry<?, ?> language : languages.entrySet()) {
      Map<?, ?> measured = (Map<?, ?>) language.getValue();
      System.out.printf(
          Locale.ROOT,
          "%s: %d texts, %.1f MB%n",
          language.getKey(),
          (Integer) measured.get("texts"),
          (Long) measured.get("bytes") / 1e6);
      Map<?, ?> contenders = (Map<?, ?>) measured.get("contenders");
      for (Map.Entry<?, ?> contender : contenders.entrySet()) {
        Map<?, ?> entry = (Map<?, ?>) contender.getValue();
        Object perMb = entry.get("findingsPerMegabyte");
        System.out.printf(
            Locale.ROOT,
            "  %-14s %9.1f [%.1f-%.1f]  cpu %.1f  %s%n",
            contender.getKey(),
            (Double) entry.get("medianMegabytesPerSecond"),
            (Double) entry.get("minMegabytesPerSecond"),
            (Double) entry.get("maxMegabytesPerSecond"),
            (Double) entry.get("medianMegabytesPerCpuSecond"),
            perMb == null ? "" : String.format(Locale.ROOT, "%.1f findings/MB", (Double) perMb));
      }
      System.out.printf(
          Locale.ROOT,
          "  patterns / regexPatterns: %.2fx; standard / regexWhole: %.2fx%n",
          ratio(contenders, "patterns", "regexPatterns"),
          ratio(contenders, "standard", "regexWhole"));
    }
  }

  private static double ratio(Map<?, ?> contenders, String engine, String baseline) {
    return (Double) ((Map<?, ?>) contenders.get(engine)).get("medianMegabytesPerSecond")
        / (Double) ((Map<?, ?>) contenders.get(baseline)).get("medianMegabytesPerSecond");
  }

  private static void write(Path out, Map<String, Object> result) throws IOException {
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (OutputStream stream = Files.newOutputStream(out);
        JsonGenerator json = new JsonFactory().createGenerator(stream, JsonEncoding.UTF8)) {
      json.useDefaultPrettyPrinter();
      writeValue(json, result);
    }
  }
}
