package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.casevault.redaction.DetectionFailedException;
import dev.casevault.redaction.DetectionTimeoutException;
import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns an observation into a result: sampled records through casevault's detectors (only the
 * types, the fields and a shape-only example leave this class, never a value), the dataset
 * fingerprint, ransom indicators, totals and severity.
 */
final class Classifier {
  /** Longest text examined per field of a sampled record: bounds detection time per record. */
  static final int MAX_FIELD_CHARS = 64 * 1024;

  static final int MAX_FIELDS_PER_TYPE = 5;
  static final int EXAMPLE_CHARS = 40;

  /**
   * Store names left behind by attacks that wiped or ransomed open databases: the "meow" bot's
   * {@code *-meow} indices, ransom notes ({@code read_me}, {@code how_to_recover...}, {@code
   * warning}, {@code readme_to_recover}).
   */
  private static final Pattern RANSOM =
      Pattern.compile(
          "(.*-meow|read[_-]?me.*|how[_-]?to[_-]?recover.*|warning|recover[_-]?your[_-]?data.*"
              + "|please[_-]?read.*)");

  private final PiiDetector detector;

  Classifier(PiiDetector detector) {
    this.detector = detector;
  }

  ScanResult classify(Endpoint endpoint, Observation observation) {
    List<String> notes = new ArrayList<>(observation.notes());
    Map<PiiType, TypeTally> tallies = new EnumMap<>(PiiType.class);
    List<StoreReport> stores = new ArrayList<>();
    List<String> ransom = new ArrayList<>();
    boolean unexamined = false;
    for (StoreSample store : observation.stores()) {
      Set<PiiType> inStore = new TreeSet<>();
      for (SampledRecord record : store.samples()) {
        Set<PiiType> inRecord = new TreeSet<>();
        unexamined |= !examine(record.content(), "", inRecord, tallies);
        // A key or document id can be personal data too ("session:jane@example.com").
        unexamined |= !examine(record.idAsNode(), "(id)", inRecord, tallies);
        for (PiiType type : inRecord) {
          tallies.get(type).records++;
        }
        // A key named like a ransom note (Redis, say); not a file name such as README.md,
        // which buckets hold for good reasons.
        if (record.id().indexOf('.') < 0
            && RANSOM.matcher(record.id().toLowerCase(Locale.ROOT)).matches()) {
          ransom.add(store.name() + "/" + record.id());
        }
        inStore.addAll(inRecord);
      }
      stores.add(
          new StoreReport(
              store.name(),
              store.documents(),
              store.bytes(),
              store.samples().size(),
              List.copyOf(inStore)));
      if (RANSOM.matcher(store.name().toLowerCase(Locale.ROOT)).matches()) {
        ransom.add(store.name());
      }
    }
    if (unexamined) {
      notes.add("some sampled text could not be fully examined for personal data");
    }
    List<PersonalDataFound> personalData = new ArrayList<>();
    tallies.forEach(
        (type, tally) ->
            personalData.add(
                new PersonalDataFound(
                    type, tally.records, List.copyOf(tally.fields), tally.example)));
    Long documents = sum(observation.stores(), StoreSample::documents);
    Long bytes = sum(observation.stores(), StoreSample::bytes);
    List<PiiType> types = List.copyOf(tallies.keySet());
    SeverityRules.Assessment assessment =
        SeverityRules.assess(observation.verdict(), types, documents, ransom);
    return new ScanResult(
        endpoint.host(),
        endpoint.port(),
        endpoint.url() == null ? null : endpoint.url().toString(),
        observation.service(),
        observation.verdict(),
        assessment.severity(),
        assessment.reason(),
        observation.tls(),
        observation.info(),
        documents,
        bytes,
        stores,
        personalData,
        observation.verdict().exposed() ? fingerprint(observation.stores()) : null,
        ransom,
        notes);
  }

  private static final class TypeTally {
    int records;
    final Set<String> fields = new LinkedHashSet<>();
    String example;
  }

  /** Runs the detectors over every text in the tree; false if some text was not examined. */
  private boolean examine(
      JsonNode node, String path, Set<PiiType> inRecord, Map<PiiType, TypeTally> tallies) {
    if (node == null) {
      return true;
    }
    if (node.isObject()) {
      boolean complete = true;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        complete &= examine(field.getValue(), child, inRecord, tallies);
      }
      return complete;
    }
    if (node.isArray()) {
      boolean complete = true;
      for (JsonNode element : node) {
        complete &= examine(element, path + "[]", inRecord, tallies);
      }
      return complete;
    }
    if (!node.isValueNode() || node.isNull() || node.isBoolean()) {
      return true;
    }
    String text = node.asText();
    boolean complete = text.length() <= MAX_FIELD_CHARS;
    if (!complete) {
      text = text.substring(0, MAX_FIELD_CHARS);
    }
    List<Finding> findings;
    try {
      findings = detector.detect(text);
    } catch (DetectionTimeoutException | DetectionFailedException e) {
      return false;
    }
    for (Finding finding : findings) {
      inRecord.add(finding.type());
      TypeTally tally = tallies.computeIfAbsent(finding.type(), type -> new TypeTally());
      if (tally.fields.size() < MAX_FIELDS_PER_TYPE) {
        tally.fields.add(path.isEmpty() ? "(value)" : path);
      }
      if (tally.example == null) {
        tally.example = shape(text.substring(finding.start(), finding.end()));
      }
    }
    return complete;
  }

  /**
   * A value's shape: letters become {@code x}, digits {@code 9}, other characters stay (an
   * {@code @}, a dash, a space); cut at {@value #EXAMPLE_CHARS} characters. Enough to see what was
   * found and in which format, nothing of the value itself.
   */
  static String shape(String value) {
    StringBuilder out = new StringBuilder();
    value
        .codePoints()
        .limit(EXAMPLE_CHARS)
        .forEach(
            c -> {
              if (Character.isLetter(c)) {
                out.append('x');
              } else if (Character.isDigit(c)) {
                out.append('9');
              } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append(' ');
              } else {
                out.appendCodePoint(c);
              }
            });
    if (value.codePointCount(0, value.length()) > EXAMPLE_CHARS) {
      out.append('…');
    }
    return out.toString();
  }

  /**
   * The dataset fingerprint: SHA-256 over every open store's name, record count and structure hash,
   * in name order, then the sorted ids of the sampled records. The same data copied to another host
   * or cluster gets the same fingerprint; the cluster's own identity is left out on purpose.
   */
  static String fingerprint(List<StoreSample> stores) {
    if (stores.isEmpty()) {
      return null;
    }
    StringBuilder canonical = new StringBuilder("casevault-dataset-v1\n");
    List<StoreSample> sorted = new ArrayList<>(stores);
    sorted.sort(Comparator.comparing(StoreSample::name));
    TreeSet<String> ids = new TreeSet<>();
    for (StoreSample store : sorted) {
      canonical
          .append(store.name())
          .append('\t')
          .append(store.documents())
          .append('\t')
          .append(sha256(store.structure()))
          .append('\n');
      for (SampledRecord record : store.samples()) {
        ids.add(store.name() + "/" + record.id());
      }
    }
    canonical.append("ids\t").append(sha256(String.join("\n", ids))).append('\n');
    return "sha256:" + sha256(canonical.toString()).substring(0, 32);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  private static Long sum(
      List<StoreSample> stores, java.util.function.Function<StoreSample, Long> field) {
    Long total = null;
    for (StoreSample store : stores) {
      Long value = field.apply(store);
      if (value != null) {
        total = (total == null ? 0 : total) + value;
      }
    }
    return total;
  }
}
