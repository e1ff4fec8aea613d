package dev.casevault.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.Channel;
import dev.casevault.core.Status;
import dev.casevault.corpus.CorpusGenerator;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SortOrder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the benchmarks share: options, the JSON result writer, the machine and commit measured. */
final class BenchSupport {
  private BenchSupport() {}

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
      }
      options.put(args[i], args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("option " + args[args.length - 1] + " needs a value");
    }
    return options;
  }

  static void writeValue(JsonGenerator json, Object value) throws IOException {
    switch (value) {
      case Map<?, ?> map -> {
        json.writeStartObject();
        for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
          json.writeFieldName(entry.getKey().toString());
          writeValue(json, entry.getValue());
        }
        json.writeEndObject();
      }
      case java.util.List<?> list -> {
        json.writeStartArray();
        for (Object item : list) {
          writeValue(json, item);
        }
        json.writeEndArray();
      }
      case double[] numbers -> {
        json.writeStartArray();
        for (double number : numbers) {
          writeValue(json, number);
        }
        json.writeEndArray();
      }
      case Double d -> json.writeNumber(Math.round(d * 1000) / 1000.0);
      case Number n -> json.writeNumber(n.longValue());
      case Boolean b -> json.writeBoolean(b);
      default -> json.writeString(value.toString());
    }
  }

  /**
   * The in-process query mix: two words drawn from the corpus's own vocabulary (words found in
   * 0.5-10 % of a sample of cases: specific enough to be what an agent types, common enough to have
   * hits), one keyword filter (status, channel or region), facets on status, product, region and
   * channel, 10 hits with highlights, by relevance.
   */
  static List<SearchRequest> searchMix(long seed, int count) {
    List<String> vocabulary = vocabulary(seed);
    Random random = new Random(seed);
    List<CaseField> facets =
        List.of(CaseField.STATUS, CaseField.PRODUCT, CaseField.REGION, CaseField.CHANNEL);
    List<SearchRequest> mix = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      CaseQuery words =
          CaseQuery.and(
              new CaseQuery.Term(CaseField.TEXT, vocabulary.get(random.nextInt(vocabulary.size()))),
              new CaseQuery.Term(
                  CaseField.TEXT, vocabulary.get(random.nextInt(vocabulary.size()))));
      CaseQuery filter =
          switch (random.nextInt(3)) {
            case 0 ->
                new CaseQuery.Term(CaseField.STATUS, Status.values()[random.nextInt(4)].wireName());
            case 1 ->
                new CaseQuery.Term(
                    CaseField.CHANNEL, Channel.values()[random.nextInt(4)].wireName());
            default ->
                new CaseQuery.Term(
                    CaseField.REGION, List.of("EMEA", "AMER", "APAC").get(random.nextInt(3)));
          };
      mix.add(
          new SearchRequest(
              CaseQuery.and(words, filter), SortOrder.RELEVANCE, 10, null, facets, 10));
    }
    return mix;
  }

  static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    machine.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  static String commit() {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (git.waitFor() != 0) {
        return "unknown";
      }
      Process status =
          new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
              .redirectErrorStream(true)
              .start();
      boolean dirty = status.getInputStream().readAllBytes().length > 0;
      status.waitFor();
      return dirty ? head + " (with uncommitted changes)" : head;
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  static void log(String message) {
    System.err.println("[bench " + Instant.now() + "] " + message);
  }

  /**
   * Words of the generated corpus that make realistic searches: in 0.5 % to 10 % of a sample of
   * cases (common enough to match, rare enough to be selective).
   */
  static List<String> vocabulary(long seed) {
    CorpusGenerator generator = new CorpusGenerator(seed);
    Map<String, Integer> documentFrequency = new HashMap<>();
    int sample = 5000;
    for (int i = 0; i < sample; i++) {
      var c = generator.generate(i).supportCase();
      Set<String> words = new HashSet<>();
      Stream.concat(
              Stream.of(c.subject(), c.description()),
              c.messages().stream().map(dev.casevault.core.Message::text))
          .forEach(
              text -> {
                for (String word : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                  if (word.length() >= 5) {
                    words.add(word);
                  }
                }
              });
      words.forEach(word -> documentFrequency.merge(word, 1, Integer::sum));
    }
    return documentFrequency.entrySet().stream()
        .filter(e -> e.getValue() >= sample * 0.005 && e.getValue() <= sample * 0.10)
        .map(Map.Entry::getKey)
        .sorted(Comparator.naturalOrder())
        .toList();
  }
}
