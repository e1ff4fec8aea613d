package dev.casevault.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.casevault.access.AccessScope;
import dev.casevault.core.Agent;
import dev.casevault.core.Author;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.Customer;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.NoteVisibility;
import dev.casevault.core.SupportCase;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.Vault;
import dev.casevault.store.CaseViews;
import dev.casevault.store.RandomCases;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

class CaseSourceTest {
  private static final RedactionKeys KEYS = RedactionKeys.ephemeral();
  private static final Redactor REDACTOR =
      new Redactor(
          new PiiDetector(List.of(), 1_000_000_000L, 0),
          RedactionPolicy.defaults(),
          KEYS,
          Vault.inMemory(KEYS));
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RedactedCase redact(SupportCase c) throws Exception {
    return REDACTOR.redact(c);
  }

  /** Through the wire and back, as the cluster would return the source. */
  private static JsonNode wire(ObjectNode doc) throws Exception {
    return JSON.readTree(JSON.writeValueAsString(doc));
  }

  @Test
  void aStoredCaseComesBackExactly() throws Exception {
    long seed = new Random().nextLong();
    RandomCases random = new RandomCases(seed);
    for (int i = 0; i < 200; i++) {
      RedactedCase redacted = redact(random.next(i));
      assertThat(CaseSource.decode(wire(CaseSource.encode(redacted))))
          .as("seed %d", seed)
          .isEqualTo(redacted.content());
      assertThat(CaseSource.sealed(wire(CaseSource.encode(redacted)))).isEqualTo(redacted.sealed());
    }
  }

  @Test
  void nanosecondsAbsentValuesAndTheOrderOfNotesSurvive() throws Exception {
    Instant at = Instant.parse("2019-12-05T10:15:00.123456789Z");
    SupportCase c =
        new SupportCase(
            new dev.casevault.core.CaseId("CASE-1"),
            at,
            at.plusNanos(1),
            dev.casevault.core.Status.OPEN,
            "teams",
            dev.casevault.core.Channel.WEB,
            Language.FR,
            null,
            null,
            List.of(),
            new Customer(null, null, null, null, null),
            new Agent("agent-1", null, null),
            "",
            "Numéro de facture",
            List.of(new Message(at, Author.SYSTEM, "")),
            List.of(
                new Note(at, null, NoteVisibility.CONFIDENTIAL, "c1"),
                new Note(at, "a", NoteVisibility.INTERNAL, "i1"),
                new Note(at, null, NoteVisibility.CONFIDENTIAL, "c2")));
    RedactedCase redacted = redact(c);
    assertThat(CaseSource.decode(wire(CaseSource.encode(redacted)))).isEqualTo(redacted.content());
  }

  @Test
  void aFilteredSourceDecodesToTheScopesView() throws Exception {
    RandomCases random = new RandomCases(11);
    AccessScope scope =
        AccessScope.restrictedTo(
            CaseQuery.matchAll(), Set.of(CaseField.SUBJECT, CaseField.INTERNAL_NOTES));
    for (int i = 0; i < 50; i++) {
      RedactedCase redacted = redact(random.next(i));
      JsonNode filtered = filter(wire(CaseSource.encode(redacted)), CaseSource.includes(scope));
      assertThat(filtered.has(CaseIndex.SEALED)).isFalse();
      assertThat(filtered.has("customer")).isFalse();
      assertThat(filtered.has(CaseField.CONFIDENTIAL_NOTES.queryName())).isFalse();
      assertThat(CaseViews.restrict(CaseSource.decode(filtered), scope))
          .isEqualTo(CaseViews.restrict(redacted.content(), scope));
    }
  }

  @Test
  void aHitFetchesOnlyItsSummaryAndWhoseCaseItIs() {
    AccessScope noSubject =
        AccessScope.restrictedTo(CaseQuery.matchAll(), Set.of(CaseField.DESCRIPTION));
    assertThat(CaseSource.hitIncludes(noSubject))
        .containsExactlyInAnyOrder("id", "created", "status", "language", "customer.id");
  }

  /** OpenSearch's source includes, for the paths casevault uses: fields and {@code a.b}. */
  private static JsonNode filter(JsonNode doc, List<String> includes) {
    ObjectNode out = JSON.createObjectNode();
    for (String path : includes) {
      String[] parts = path.split("\\.", 2);
      JsonNode value = doc.get(parts[0]);
      if (value == null) {
        continue;
      }
      if (parts.length == 1) {
        out.set(parts[0], value);
      } else if (value.has(parts[1])) {
        out.withObject("/" + parts[0]).set(parts[1], value.get(parts[1]));
      }
    }
    return out;
  }

  @Test
  void theMappingDeclaresEveryConcreteFieldOfACase() {
    TypeMapping mapping = CaseIndex.mapping();
    for (CaseField field : EnumSet.allOf(CaseField.class)) {
      if (!field.isConcrete()) {
        continue;
      }
      String[] path = field.queryName().split("\\.");
      Property property = mapping.properties().get(path[0]);
      assertThat(property).as(field.queryName()).isNotNull();
      if (path.length == 2) {
        property = property.object().properties().get(path[1]);
        assertThat(property).as(field.queryName()).isNotNull();
      }
      switch (field.kind()) {
        case TEXT -> {
          for (Language language : Language.values()) {
            Property text = property.object().properties().get(language.wireName());
            assertThat(text.text().analyzer()).isEqualTo(CaseIndex.analyzer(language));
          }
        }
        case KEYWORD, IDENTITY -> assertThat(property.isKeyword()).as(field.queryName()).isTrue();
        case DATE -> assertThat(property.isDate()).isTrue();
      }
    }
    assertThat(mapping.properties().get(CaseIndex.SEALED).isBinary()).isTrue();
  }
}
