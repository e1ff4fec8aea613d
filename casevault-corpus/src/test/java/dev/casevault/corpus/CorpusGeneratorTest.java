package dev.casevault.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.Author;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.Status;
import dev.casevault.core.SupportCase;
import dev.casevault.json.CaseJsonWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {
  private static final long SEED = 20_240_611L;
  private static final Pattern CASE_ID = Pattern.compile("CASE-(\\d{4})-\\d{7}");
  private static final Pattern PLAIN_EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
  private static final Map<String, Pattern> BAIT =
      Map.of(
          "error code", Pattern.compile("0x[0-9A-Fa-f]{8}"),
          "KB article", Pattern.compile("KB\\d{7}"),
          "case reference", Pattern.compile("CASE-\\d{4}-\\d{7}"),
          "request id",
              Pattern.compile(
                  "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
          "checksum", Pattern.compile("\\b[0-9a-f]{64}\\b"),
          "office build", Pattern.compile("\\b1[2-6]\\.0\\.\\d{4,5}\\.\\d{4,5}\\b"));

  private final CorpusGenerator generator = new CorpusGenerator(SEED);

  @Test
  void aCaseIsAPureFunctionOfSeedAndIndex() {
    GeneratedCase first = generator.generate(1234);
    for (long i = 0; i < 100; i++) {
      generator.generate(i);
    }
    GeneratedCase again = new CorpusGenerator(SEED).generate(1234);
    assertThat(again).isEqualTo(first);
    assertThat(generator.generate(1234)).isEqualTo(first);
    assertThat(CaseJsonWriter.toJson(again.supportCase()))
        .isEqualTo(CaseJsonWriter.toJson(first.supportCase()));
  }

  @Test
  void anotherSeedGivesOtherCases() {
    CorpusGenerator other = new CorpusGenerator(SEED + 1);
    for (long i = 0; i < 20; i++) {
      assertThat(other.generate(i)).isNotEqualTo(generator.generate(i));
    }
  }

  @Test
  void aNegativeIndexIsRefused() {
    assertThatThrownBy(() -> generator.generate(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyTypeAndBothLanguagesAppearInFiveThousandCases() {
    Map<String, Integer> types = new TreeMap<>();
    Map<Language, Integer> languages = new HashMap<>();
    for (long i = 0; i < 5000; i++) {
      GeneratedCase generated = generator.generate(i);
      languages.merge(generated.supportCase().language(), 1, Integer::sum);
      generated.planted().forEach(value -> types.merge(value.type(), 1, Integer::sum));
    }
    assertThat(types).as("seed %d", SEED).containsOnlyKeys(PlantedValue.TYPES);
    assertThat(languages.get(Language.FR) / 5000.0).isBetween(0.25, 0.35);
    assertThat(languages.get(Language.EN) / 5000.0).isBetween(0.65, 0.75);
  }

  @Test
  void plantedNumbersPassTheirChecksums() {
    Map<String, Integer> checked = new HashMap<>();
    for (long i = 0; i < 20_000; i++) {
      GeneratedCase generated = generator.generate(i);
      for (PlantedValue value : generated.planted()) {
        String where = generated.supportCase().id() + " " + value.field() + ": " + value.value();
        boolean valid =
            switch (value.type()) {
              case "CREDIT_CARD" -> {
                String digits = Checks.digitsOnly(value.value());
                yield Checks.luhn(digits) && (digits.length() == 15 || digits.length() == 16);
              }
              case "IBAN" -> Checks.ibanValid(value.value());
              case "FR_NIR" -> Checks.nirValid(value.value());
              case "UK_NINO" -> Checks.ninoValid(value.value());
              case "US_SSN" -> Checks.ssnValid(value.value());
              default -> true;
            };
        assertThat(valid).as("%s (seed %d)", where, SEED).isTrue();
        checked.merge(value.type(), 1, Integer::sum);
      }
    }
    assertThat(checked)
        .as("each kind was checked at least 50 times")
        .allSatisfy((type, count) -> assertThat(count).isGreaterThanOrEqualTo(50));
  }

  @Test
  void plantedValuesFollowFieldOrderAndNeverOverlap() {
    List<String> fieldOrder =
        List.of(
            "customer.name",
            "customer.email",
            "customer.phone",
            "customer.ip",
            "agent.name",
            "agent.email",
            "subject",
            "description");
    for (long i = 0; i < 3000; i++) {
      GeneratedCase generated = generator.generate(i);
      Map<String, Integer> lastEnd = new LinkedHashMap<>();
      int lastRank = -1;
      for (PlantedValue value : generated.planted()) {
        int rank = rank(value.field(), fieldOrder);
        assertThat(rank)
            .as("order of %s in %s", value.field(), generated.supportCase().id())
            .isGreaterThanOrEqualTo(lastRank);
        lastRank = rank;
        Integer previousEnd = lastEnd.put(value.field(), value.end());
        if (previousEnd != null) {
          assertThat(value.start())
              .as("overlap in %s of %s", value.field(), generated.supportCase().id())
              .isGreaterThanOrEqualTo(previousEnd);
        }
      }
    }
  }

  @Test
  void identityFieldsArePlantedWhole() {
    for (long i = 0; i < 2000; i++) {
      GeneratedCase generated = generator.generate(i);
      SupportCase c = generated.supportCase();
      Map<String, String> identity = new HashMap<>();
      if (c.customer() != null) {
        identity.put("customer.name", c.customer().name());
        identity.put("customer.email", c.customer().email());
        identity.put("customer.phone", c.customer().phone());
        identity.put("customer.ip", c.customer().ip());
      }
      if (c.agent() != null) {
        identity.put("agent.name", c.agent().name());
        identity.put("agent.email", c.agent().email());
      }
      identity.values().removeIf(value -> value == null);
      Map<String, PlantedValue> planted = new HashMap<>();
      generated.planted().stream()
          .filter(v -> identity.containsKey(v.field()))
          .forEach(v -> planted.put(v.field(), v));
      assertThat(planted.keySet()).isEqualTo(identity.keySet());
      planted.forEach(
          (field, value) -> {
            assertThat(value.start()).isZero();
            assertThat(value.value()).isEqualTo(identity.get(field));
          });
    }
  }

  @Test
  void namesAndAddressesInFreeTextAreAllInTheTruth() {
    int names = 0;
    int emails = 0;
    for (long i = 0; i < 5000; i++) {
      GeneratedCase generated = generator.generate(i);
      SupportCase c = generated.supportCase();
      for (Map.Entry<String, String> text : freeText(c).entrySet()) {
        List<PlantedValue> spans =
            generated.planted().stream().filter(v -> v.field().equals(text.getKey())).toList();
        Matcher email = PLAIN_EMAIL.matcher(text.getValue());
        while (email.find()) {
          // "user:password@host" inside a credential URL looks like an address; the URL covers it.
          assertThat(
                  covered(spans, "EMAIL", email.start(), email.end())
                      || covered(spans, "URL_CREDENTIALS", email.start(), email.end()))
              .as("unplanted e-mail %s in %s of %s", email.group(), text.getKey(), c.id())
              .isTrue();
          emails++;
        }
        for (String name : fullNames(c)) {
          for (int at = text.getValue().indexOf(name);
              at >= 0;
              at = text.getValue().indexOf(name, at + 1)) {
            assertThat(covered(spans, "PERSON", at, at + name.length()))
                .as("unplanted name %s in %s of %s", name, text.getKey(), c.id())
                .isTrue();
            names++;
          }
        }
      }
    }
    assertThat(names).isPositive();
    assertThat(emails).isPositive();
  }

  @Test
  void baitAppearsButIsNeverPlanted() {
    Map<String, Integer> seen = new TreeMap<>();
    for (long i = 0; i < 3000; i++) {
      GeneratedCase generated = generator.generate(i);
      for (Map.Entry<String, String> text : freeText(generated.supportCase()).entrySet()) {
        List<PlantedValue> spans =
            generated.planted().stream().filter(v -> v.field().equals(text.getKey())).toList();
        for (Map.Entry<String, Pattern> bait : BAIT.entrySet()) {
          Matcher matcher = bait.getValue().matcher(text.getValue());
          while (matcher.find()) {
            int start = matcher.start();
            int end = matcher.end();
            assertThat(spans)
                .as(
                    "%s %s in %s of %s",
                    bait.getKey(), matcher.group(), text.getKey(), generated.supportCase().id())
                .noneMatch(v -> v.start() < end && start < v.end());
            seen.merge(bait.getKey(), 1, Integer::sum);
          }
        }
      }
    }
    assertThat(seen).containsOnlyKeys(BAIT.keySet());
  }

  @Test
  void casesHaveTheShapeOfASupportArchive() {
    int cases = 5000;
    Set<String> ids = new HashSet<>();
    long bytes = 0;
    int oldCases = 0;
    int oldSettled = 0;
    Map<Author, Integer> authors = new HashMap<>();
    Instant first = Instant.parse("2006-01-01T00:00:00Z");
    Instant end = Instant.parse("2020-01-01T00:00:00Z");
    for (long i = 0; i < cases; i++) {
      SupportCase c = generator.generate(i).supportCase();
      bytes += CaseJsonWriter.toJson(c).getBytes(StandardCharsets.UTF_8).length + 1;
      Matcher id = CASE_ID.matcher(c.id().value());
      assertThat(id.matches()).as(c.id().value()).isTrue();
      assertThat(Integer.parseInt(id.group(1)))
          .isEqualTo(c.created().atZone(ZoneOffset.UTC).getYear());
      assertThat(ids.add(c.id().value())).isTrue();
      assertThat(c.created()).isAfterOrEqualTo(first).isBefore(end);
      assertThat(c.updated()).isAfterOrEqualTo(c.created());
      assertThat(c.messages()).hasSizeBetween(2, 12);
      Instant previous = c.created();
      for (Message message : c.messages()) {
        assertThat(message.at()).isAfter(previous);
        previous = message.at();
        authors.merge(message.from(), 1, Integer::sum);
      }
      assertThat(c.messages().getFirst().from()).isEqualTo(Author.AGENT);
      assertThat(c.notes()).hasSizeLessThanOrEqualTo(3);
      for (Note note : c.notes()) {
        assertThat(note.at()).isAfter(c.created()).isBeforeOrEqualTo(c.updated());
      }
      assertThat(c.tags())
          .hasSizeLessThanOrEqualTo(4)
          .doesNotHaveDuplicates()
          .allMatch(t -> t.matches("[a-z-]+"));
      assertThat(c.team())
          .matches("(tier1|tier2|billing)-" + c.region().toLowerCase(java.util.Locale.ROOT));
      assertThat(c.region()).isIn("EMEA", "AMER", "APAC");
      if (c.created().atZone(ZoneOffset.UTC).getYear() < 2019) {
        oldCases++;
        if (c.status() == Status.SOLVED || c.status() == Status.CLOSED) {
          oldSettled++;
        }
      }
    }
    assertThat(oldSettled / (double) oldCases).as("old cases settled").isGreaterThan(0.9);
    assertThat(authors).containsKeys(Author.AGENT, Author.CUSTOMER, Author.SYSTEM);
    assertThat(bytes / (double) cases).as("mean bytes per case").isBetween(1700.0, 2600.0);
  }

  @Test
  void frenchCasesAreInFrenchAndEnglishCasesInEnglish() {
    for (long i = 0; i < 1000; i++) {
      SupportCase c = generator.generate(i).supportCase();
      String all = String.join(" ", freeText(c).values());
      if (c.language() == Language.FR) {
        assertThat(all)
            .as(c.id().value())
            .containsPattern("(?i)\\b(le|la|les|de|des|je|mon|ma|vous|est)\\b");
        assertThat(all).doesNotContain("Thank you", "Hello,");
      } else {
        assertThat(all).as(c.id().value()).containsPattern("(?i)\\b(the|my|is|you|to|it|i|we)\\b");
        assertThat(all).doesNotContain("Bonjour", "Merci");
      }
    }
  }

  @Test
  void caseIdsStayDistinctBeyondTenMillionCases() {
    String below = generator.generate(9_999_999).supportCase().id().value();
    String above = generator.generate(10_000_000).supportCase().id().value();
    assertThat(below).matches("CASE-\\d{4}-\\d{7}");
    assertThat(above).matches("CASE-\\d{4}-10000000");
  }

  private static int rank(String field, List<String> order) {
    int rank = order.indexOf(field);
    if (rank >= 0) {
      return rank;
    }
    // After the description come the messages, then the notes, each in index order.
    Matcher indexed = Pattern.compile("(messages|notes)\\[(\\d+)]\\.(text|author)").matcher(field);
    assertThat(indexed.matches()).as(field).isTrue();
    int base = indexed.group(1).equals("messages") ? 100 : 10_000;
    return base
        + 2 * Integer.parseInt(indexed.group(2))
        + (indexed.group(3).equals("text") ? 1 : 0);
  }

  private static Map<String, String> freeText(SupportCase c) {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("subject", c.subject());
    texts.put("description", c.description());
    for (int i = 0; i < c.messages().size(); i++) {
      texts.put("messages[" + i + "].text", c.messages().get(i).text());
    }
    for (int i = 0; i < c.notes().size(); i++) {
      texts.put("notes[" + i + "].text", c.notes().get(i).text());
    }
    return texts;
  }

  private static List<String> fullNames(SupportCase c) {
    List<String> names = new ArrayList<>();
    if (c.customer() != null && c.customer().name() != null) {
      names.add(c.customer().name());
    }
    if (c.agent() != null) {
      names.add(c.agent().name());
    }
    return names;
  }

  private static boolean covered(List<PlantedValue> spans, String type, int start, int end) {
    return spans.stream()
        .anyMatch(v -> v.type().equals(type) && v.start() <= start && end <= v.end());
  }
}
