package dev.casevault.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.SupportCase;
import dev.casevault.json.CaseLimits;
import dev.casevault.json.CaseLineReader;
import dev.casevault.json.ParsedLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusGeneratorTest {
  private static final Set<String> TYPES =
      Set.of(
          "PERSON",
          "EMAIL",
          "PHONE",
          "IP_ADDRESS",
          "CREDIT_CARD",
          "IBAN",
          "US_SSN",
          "FR_NIR",
          "UK_NINO",
          "STREET_ADDRESS",
          "DATE_OF_BIRTH",
          "URL_CREDENTIALS",
          "SECRET");

  @TempDir Path folder;

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    Path a = folder.resolve("a.jsonl");
    Path b = folder.resolve("b.jsonl");
    Path c = folder.resolve("c.jsonl");
    CorpusWriter.write(9, 2000, a, folder.resolve("a.truth"), n -> {});
    CorpusWriter.write(9, 2000, b, folder.resolve("b.truth"), n -> {});
    CorpusWriter.write(10, 2000, c, folder.resolve("c.truth"), n -> {});
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    assertThat(Files.readAllBytes(folder.resolve("a.truth")))
        .isEqualTo(Files.readAllBytes(folder.resolve("b.truth")));
    assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
  }

  @Test
  void theParallelWriterEqualsSequentialGeneration() throws IOException {
    Path out = folder.resolve("cases.jsonl");
    CorpusWriter.write(4, 3500, out, folder.resolve("truth"), n -> {});
    List<String> lines = Files.readAllLines(out);
    CorpusGenerator generator = new CorpusGenerator(4);
    assertThat(lines).hasSize(3500);
    for (int i = 0; i < lines.size(); i += 7) {
      assertThat(lines.get(i))
          .isEqualTo(dev.casevault.json.CaseJsonWriter.toJson(generator.generate(i).supportCase()));
    }
  }

  @Test
  void everyTruthOffsetPointsAtItsValueInTheWrittenCase() throws IOException {
    Path out = folder.resolve("cases.jsonl");
    Path truth = folder.resolve("cases.jsonl.truth.jsonl");
    CorpusWriter.Summary summary = CorpusWriter.write(21, 20_000, out, truth, n -> {});
    Map<String, SupportCase> cases = new HashMap<>();
    try (InputStream in = Files.newInputStream(out);
        CaseLineReader reader = new CaseLineReader(in, CaseLimits.defaults(), null)) {
      for (ParsedLine line = reader.next(); line != null; line = reader.next()) {
        assertThat(line)
            .as("line %d is valid", line.lineNumber())
            .isInstanceOf(ParsedLine.Accepted.class);
        SupportCase c = ((ParsedLine.Accepted) line).supportCase();
        assertThat(cases.put(c.id().value(), c)).as("ids are unique").isNull();
      }
    }
    assertThat(cases).hasSize(20_000);
    long checked = 0;
    Map<String, Integer> types = new TreeMap<>();
    try (JsonParser json = new JsonFactory().createParser(truth.toFile())) {
      while (json.nextToken() == JsonToken.START_OBJECT) {
        Map<String, String> entry = new HashMap<>();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
          String name = json.currentName();
          json.nextToken();
          entry.put(name, json.getText());
        }
        String text = fieldText(cases.get(entry.get("case")), entry.get("field"));
        int start = Integer.parseInt(entry.get("start"));
        int end = Integer.parseInt(entry.get("end"));
        assertThat(text.substring(start, end)).as("%s", entry).isEqualTo(entry.get("value"));
        assertThat(TYPES).contains(entry.get("type"));
        types.merge(entry.get("type"), 1, Integer::sum);
        checked++;
      }
    }
    assertThat(checked).isEqualTo(summary.plantedValues());
    assertThat(types.keySet())
        .as("every type is planted")
        .isEqualTo(new java.util.TreeSet<>(TYPES));
    assertThat(
            cases.values().stream()
                .map(SupportCase::language)
                .collect(java.util.stream.Collectors.toSet()))
        .isEqualTo(EnumSet.allOf(Language.class));
    double meanBytes = Files.size(out) / 20_000.0;
    assertThat(meanBytes).as("cases of about 2 KB").isBetween(1500.0, 3000.0);
  }

  @Test
  void plantedNumbersPassTheirChecksums() {
    CorpusGenerator generator = new CorpusGenerator(77);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      for (PlantedValue value : generator.generate(i).planted()) {
        String compact = value.value().replaceAll("[ -]", "");
        switch (value.type()) {
          case "CREDIT_CARD" -> {
            assertThat(luhnValid(compact)).as(value.value()).isTrue();
            seen.add(value.type());
          }
          case "IBAN" -> {
            assertThat(ibanValid(compact)).as(value.value()).isTrue();
            seen.add(value.type());
          }
          case "FR_NIR" -> {
            long body = Long.parseLong(compact.substring(0, 13));
            assertThat(Integer.parseInt(compact.substring(13))).isEqualTo(97 - body % 97);
            seen.add(value.type());
          }
          default -> {}
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrder("CREDIT_CARD", "IBAN", "FR_NIR");
  }

  @Test
  void theChecksumHelpersAgreeWithPublishedExamples() {
    assertThat(luhnValid("4111111111111111")).isTrue();
    assertThat(luhnValid("4111111111111112")).isFalse();
    assertThat(PersonalData.luhnCheckDigit("411111111111111")).isEqualTo(1);
    assertThat(ibanValid("GB82WEST12345698765432")).isTrue();
    assertThat(ibanValid("FR1420041010050500013M02606")).isTrue();
    assertThat(PersonalData.ibanCheckDigits("GB", "WEST12345698765432")).isEqualTo("82");
  }

  private static boolean luhnValid(String digits) {
    String payload = digits.substring(0, digits.length() - 1);
    return PersonalData.luhnCheckDigit(payload) == digits.charAt(digits.length() - 1) - '0';
  }

  private static final Map<String, Integer> IBAN_LENGTHS =
      Map.of("FR", 27, "DE", 22, "GB", 22, "ES", 24, "IT", 27, "BE", 16, "CH", 21, "NL", 18);

  private static boolean ibanValid(String iban) {
    Integer length = IBAN_LENGTHS.get(iban.substring(0, 2));
    return length != null
        && iban.length() == length
        && PersonalData.mod97(iban.substring(4) + iban.substring(0, 4)) == 1;
  }

  private static String fieldText(SupportCase c, String field) {
    if (field.startsWith("messages[")) {
      Message m = c.messages().get(index(field));
      return m.text();
    }
    if (field.startsWith("notes[")) {
      Note n = c.notes().get(index(field));
      return field.endsWith(".author") ? n.author() : n.text();
    }
    return switch (field) {
      case "subject" -> c.subject();
      case "description" -> c.description();
      case "customer.name" -> c.customer().name();
      case "customer.email" -> c.customer().email();
      case "customer.phone" -> c.customer().phone();
      case "customer.ip" -> c.customer().ip();
      case "agent.name" -> c.agent().name();
      case "agent.email" -> c.agent().email();
      default -> throw new AssertionError("unexpected field " + field);
    };
  }

  private static int index(String field) {
    return Integer.parseInt(field.substring(field.indexOf('[') + 1, field.indexOf(']')));
  }
}
