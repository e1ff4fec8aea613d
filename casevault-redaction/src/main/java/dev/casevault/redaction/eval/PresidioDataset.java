package dev.casevault.redaction.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.casevault.core.CaseVaultException;
import dev.casevault.redaction.PiiType;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads Presidio's labelled evaluation data (presidio-research's {@code generated_*.json}): a JSON
 * array of {@code {"full_text": str, "spans": [{"entity_type": str, "start_position": int,
 * "end_position": int, ...}], ...}}, one sample at a time.
 *
 * <p>Labels map to casevault types: PERSON→PERSON, EMAIL_ADDRESS→EMAIL, PHONE_NUMBER→PHONE,
 * IP_ADDRESS→IP_ADDRESS, CREDIT_CARD→CREDIT_CARD, IBAN_CODE→IBAN, US_SSN→US_SSN and
 * ADDRESS→STREET_ADDRESS. Presidio labels one address as several ADDRESS fragments (building
 * number, street, unit, zip code) with the city as a LOCATION; casevault finds an address as one
 * span. So ADDRESS and LOCATION spans separated only by whitespace and punctuation are merged, and
 * a merged run that holds at least one ADDRESS becomes one STREET_ADDRESS span. Every other label
 * (LOCATION outside an address, ORGANIZATION, DATE_TIME, DOMAIN_NAME, TITLE, PREFIX,
 * US_DRIVER_LICENSE...) becomes an {@link IgnoredSpan}.
 */
public final class PresidioDataset {
  static final Map<String, PiiType> LABELS =
      Map.of(
          "PERSON", PiiType.PERSON,
          "EMAIL_ADDRESS", PiiType.EMAIL,
          "PHONE_NUMBER", PiiType.PHONE,
          "IP_ADDRESS", PiiType.IP_ADDRESS,
          "CREDIT_CARD", PiiType.CREDIT_CARD,
          "IBAN_CODE", PiiType.IBAN,
          "US_SSN", PiiType.US_SSN);

  static final String ADDRESS = "ADDRESS";
  static final String LOCATION = "LOCATION";

  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * What was read.
   *
   * @param samples samples read
   * @param addressFragments ADDRESS spans in the data
   * @param mergedAddresses STREET_ADDRESS spans they were merged into
   * @param ignoredLabels how many spans of each unscored label
   */
  public record Summary(
      long samples, long addressFragments, long mergedAddresses, Map<String, Long> ignoredLabels) {
    public Summary {
      ignoredLabels = java.util.Collections.unmodifiableMap(new TreeMap<>(ignoredLabels));
    }
  }

  /** A span as the data set labels it. */
  record RawSpan(String label, int start, int end) {}

  private long samples;
  private long addressFragments;
  private long mergedAddresses;
  private final Map<String, Long> ignoredLabels = new TreeMap<>();

  private PresidioDataset() {}

  /**
   * Reads every sample of {@code in} and hands it to {@code sink}.
   *
   * @throws CaseVaultException when the data is not in this format (the message never quotes it)
   */
  public static Summary read(InputStream in, Consumer<LabelledText> sink) throws IOException {
    PresidioDataset dataset = new PresidioDataset();
    try (JsonParser parser = JSON.createParser(in)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new CaseVaultException("not a Presidio data set: expected a JSON array");
      }
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        sink.accept(dataset.sample(parser));
      }
    } catch (JsonProcessingException e) {
      throw new CaseVaultException("invalid JSON " + where(e.getLocation()));
    }
    return new Summary(
        dataset.samples, dataset.addressFragments, dataset.mergedAddresses, dataset.ignoredLabels);
  }

  private static String where(JsonLocation location) {
    return location == null
        ? ""
        : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private LabelledText sample(JsonParser parser) throws IOException {
    String id = "sample " + samples;
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new CaseVaultException(id + ": expected a JSON object");
    }
    String text = null;
    List<RawSpan> spans = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("full_text") && value == JsonToken.VALUE_STRING) {
        text = parser.getText();
      } else if (name.equals("spans") && value == JsonToken.START_ARRAY) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          spans.add(span(parser, id));
        }
      } else {
        parser.skipChildren();
      }
    }
    if (text == null) {
      throw new CaseVaultException(id + ": no \"full_text\" string");
    }
    for (RawSpan span : spans) {
      if (span.start < 0 || span.end <= span.start || span.end > text.length()) {
        throw new CaseVaultException(
            id + ": span [" + span.start + ", " + span.end + ") is empty or outside the text");
      }
    }
    samples++;
    return labelled(id, text, spans);
  }

  private static RawSpan span(JsonParser parser, String id) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new CaseVaultException(id + ": a span is not a JSON object");
    }
    String label = null;
    int start = -1;
    int end = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "entity_type" -> label = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        case "start_position" ->
            start = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
        case "end_position" ->
            end = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : -1;
        default -> parser.skipChildren();
      }
    }
    if (label == null || start < 0 || end < 0) {
      throw new CaseVaultException(
          id + ": a span lacks entity_type, start_position or end_position");
    }
    return new RawSpan(label, start, end);
  }

  private LabelledText labelled(String id, String text, List<RawSpan> spans) {
    List<GoldSpan> gold = new ArrayList<>();
    List<IgnoredSpan> ignored = new ArrayList<>();
    List<RawSpan> addressParts = new ArrayList<>();
    for (RawSpan span : spans) {
      PiiType type = LABELS.get(span.label);
      if (type != null) {
        gold.add(new GoldSpan(type, span.start, span.end));
      } else if (span.label.equals(ADDRESS) || span.label.equals(LOCATION)) {
        addressParts.add(span);
        if (span.label.equals(ADDRESS)) {
          addressFragments++;
        }
      } else {
        ignore(ignored, span);
      }
    }
    for (RawSpan run : mergeAddresses(text, addressParts)) {
      if (run.label.equals(ADDRESS)) {
        gold.add(new GoldSpan(PiiType.STREET_ADDRESS, run.start, run.end));
        mergedAddresses++;
      } else {
        ignore(ignored, run);
      }
    }
    gold.sort(Comparator.comparingInt(GoldSpan::start));
    return new LabelledText(id, "full_text", text, gold, ignored);
  }

  private void ignore(List<IgnoredSpan> ignored, RawSpan span) {
    ignored.add(new IgnoredSpan(span.label, span.start, span.end));
    ignoredLabels.merge(span.label, 1L, Long::sum);
  }

  /**
   * ADDRESS and LOCATION spans joined into runs where only whitespace and punctuation separate
   * them. A run is labelled ADDRESS when it holds an ADDRESS fragment, LOCATION otherwise (a city
   * or country on its own, which casevault does not detect).
   */
  static List<RawSpan> mergeAddresses(String text, List<RawSpan> parts) {
    List<RawSpan> sorted = new ArrayList<>(parts);
    sorted.sort(Comparator.comparingInt(RawSpan::start));
    List<RawSpan> runs = new ArrayList<>();
    RawSpan run = null;
    for (RawSpan part : sorted) {
      if (run != null && onlySeparators(text, run.end, part.start)) {
        String label = run.label.equals(ADDRESS) || part.label.equals(ADDRESS) ? ADDRESS : LOCATION;
        run = new RawSpan(label, run.start, Math.max(run.end, part.end));
      } else {
        if (run != null) {
          runs.add(run);
        }
        run = part;
      }
    }
    if (run != null) {
      runs.add(run);
    }
    return runs;
  }

  /** Whether {@code text[from, to)} holds no letter or digit (true when empty or overlapping). */
  private static boolean onlySeparators(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isLetterOrDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
