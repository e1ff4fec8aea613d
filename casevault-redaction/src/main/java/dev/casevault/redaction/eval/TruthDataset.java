package dev.casevault.redaction.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.casevault.core.CaseVaultException;
import dev.casevault.redaction.PiiType;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a generated corpus (cases as JSON Lines, see {@code casevault generate}) together with its
 * ground truth (one JSON line per planted value: {@code case, field, type, start, end, value}), one
 * case at a time. Both files are streamed: the truth file must list the cases' values in the order
 * of the cases file, as the generator writes it.
 *
 * <p>Every free-text field of every case ({@code subject}, {@code description}, {@code
 * messages[i].text}, {@code notes[i].text}) becomes one {@link LabelledText}, labelled or not, so
 * that whatever the detector finds in it is scored. Identity fields ({@code customer.*}, {@code
 * agent.*}, {@code notes[i].author}) are not: the redactor replaces them whole without detection.
 * Their truth rows are only counted.
 */
public final class TruthDataset {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /**
   * What was read.
   *
   * @param cases cases read
   * @param texts free-text fields handed on
   * @param scoredRows truth rows in free-text fields
   * @param identityRows truth rows in identity fields, not scored
   */
  public record Summary(long cases, long texts, long scoredRows, long identityRows) {}

  /** One ground-truth row. */
  private record TruthRow(
      long line, String caseId, String field, PiiType type, int start, int end, String value) {}

  private final BufferedReader cases;
  private final BufferedReader truth;
  private long casesLine;
  private long truthLine;
  private TruthRow pending;
  private long texts;
  private long scoredRows;
  private long identityRows;

  private TruthDataset(BufferedReader cases, BufferedReader truth) {
    this.cases = cases;
    this.truth = truth;
  }

  /**
   * Reads every case of {@code cases} with its rows of {@code truth} and hands each free-text field
   * to {@code sink}.
   *
   * @throws CaseVaultException when a file is not in the expected format or the two do not agree
   *     (the message names the file and line, never a value)
   */
  public static Summary read(
      BufferedReader cases, BufferedReader truth, Consumer<LabelledText> sink) throws IOException {
    return new TruthDataset(cases, truth).readAll(sink);
  }

  private Summary readAll(Consumer<LabelledText> sink) throws IOException {
    long caseCount = 0;
    pending = nextRow();
    for (String line = cases.readLine(); line != null; line = cases.readLine()) {
      casesLine++;
      if (line.isBlank()) {
        continue;
      }
      caseCount++;
      ParsedCase parsed = parseCase(line);
      Map<String, List<GoldSpan>> gold = new LinkedHashMap<>();
      while (pending != null && pending.caseId.equals(parsed.id)) {
        addRow(parsed, pending, gold);
        pending = nextRow();
      }
      parsed.fields.forEach(
          (field, text) ->
              sink.accept(
                  new LabelledText(
                      parsed.id, field, text, gold.getOrDefault(field, List.of()), List.of())));
      texts += parsed.fields.size();
    }
    if (pending != null) {
      throw new CaseVaultException(
          "truth line "
              + pending.line
              + ": case "
              + pending.caseId
              + " is not in the cases file, or the truth file is not in the order of the cases"
              + " file");
    }
    return new Summary(caseCount, texts, scoredRows, identityRows);
  }

  private void addRow(ParsedCase parsed, TruthRow row, Map<String, List<GoldSpan>> gold) {
    if (!isFreeText(row.field)) {
      identityRows++;
      return;
    }
    String text = parsed.fields.get(row.field);
    if (text == null) {
      throw new CaseVaultException(
          "truth line " + row.line + ": case " + row.caseId + " has no field " + row.field);
    }
    if (row.end > text.length() || !text.substring(row.start, row.end).equals(row.value)) {
      throw new CaseVaultException(
          "truth line "
              + row.line
              + ": the value does not match "
              + row.field
              + " of case "
              + row.caseId
              + " at ["
              + row.start
              + ", "
              + row.end
              + ")");
    }
    gold.computeIfAbsent(row.field, f -> new ArrayList<>())
        .add(new GoldSpan(row.type, row.start, row.end));
    scoredRows++;
  }

  /** The fields the detector scans: subject, description, and message and note texts. */
  static boolean isFreeText(String field) {
    return field.equals("subject")
        || field.equals("description")
        || ((field.startsWith("messages[") || field.startsWith("notes["))
            && field.endsWith("].text"));
  }

  /** A case's id and free-text fields, by field path, in file order. */
  private record ParsedCase(String id, Map<String, String> fields) {}

  private ParsedCase parseCase(String line) throws IOException {
    String id = null;
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw casesError("expected a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING
            && (name.equals("id") || name.equals("subject") || name.equals("description"))) {
          if (name.equals("id")) {
            id = parser.getText();
          } else {
            fields.put(name, parser.getText());
          }
        } else if (value == JsonToken.START_ARRAY
            && (name.equals("messages") || name.equals("notes"))) {
          readTexts(parser, name, fields);
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw casesError("invalid JSON");
    }
    if (id == null) {
      throw casesError("no \"id\" string");
    }
    return new ParsedCase(id, fields);
  }

  /** The {@code text} of every object in the array at the parser, as {@code name[i].text}. */
  private static void readTexts(JsonParser parser, String name, Map<String, String> fields)
      throws IOException {
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          if (parser.nextToken() == JsonToken.VALUE_STRING && field.equals("text")) {
            fields.put(name + "[" + index + "].text", parser.getText());
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
      index++;
    }
  }

  private CaseVaultException casesError(String reason) {
    return new CaseVaultException("cases line " + casesLine + ": " + reason);
  }

  private TruthRow nextRow() throws IOException {
    String line;
    do {
      line = truth.readLine();
      if (line == null) {
        return null;
      }
      truthLine++;
    } while (line.isBlank());
    String caseId = null;
    String field = null;
    String type = null;
    String value = null;
    int start = -1;
    int end = -1;
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw truthError("expected a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken token = parser.nextToken();
        boolean isString = token == JsonToken.VALUE_STRING;
        boolean isInt = token == JsonToken.VALUE_NUMBER_INT;
        switch (name) {
          case "case" -> caseId = isString ? parser.getText() : null;
          case "field" -> field = isString ? parser.getText() : null;
          case "type" -> type = isString ? parser.getText() : null;
          case "value" -> value = isString ? parser.getText() : null;
          case "start" -> start = isInt ? parser.getIntValue() : -1;
          case "end" -> end = isInt ? parser.getIntValue() : -1;
          default -> parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw truthError("invalid JSON");
    }
    if (caseId == null
        || field == null
        || type == null
        || value == null
        || start < 0
        || end <= start) {
      throw truthError("expected case, field, type, value and 0 <= start < end");
    }
    PiiType piiType;
    try {
      piiType = PiiType.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw truthError("unknown type " + (type.length() <= 32 ? type : type.substring(0, 32)));
    }
    return new TruthRow(truthLine, caseId, field, piiType, start, end, value);
  }

  private CaseVaultException truthError(String reason) {
    return new CaseVaultException("truth line " + truthLine + ": " + reason);
  }
}
