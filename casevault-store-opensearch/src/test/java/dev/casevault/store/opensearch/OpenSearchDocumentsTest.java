package dev.casevault.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.Vault;
import dev.casevault.store.RandomCases;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The store's writes as plain JSON, for tools that send them another way. */
class OpenSearchDocumentsTest {
  private static final RedactionKeys KEYS = RedactionKeys.ephemeral();
  private static final Redactor REDACTOR =
      new Redactor(
          new PiiDetector(List.of(), 1_000_000_000L, 0),
          RedactionPolicy.defaults(),
          KEYS,
          Vault.inMemory(KEYS));
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aSourceIsTheStoresDocumentOnOneLine() throws Exception {
    long seed = new Random().nextLong();
    RandomCases random = new RandomCases(seed);
    for (int i = 0; i < 100; i++) {
      RedactedCase redacted = REDACTOR.redact(random.next(i));
      byte[] source = OpenSearchDocuments.source(redacted);
      JsonNode parsed = JSON.readTree(source);
      assertThat(parsed).as("seed %d", seed).isEqualTo(CaseSource.encode(redacted));
      assertThat(CaseSource.decode(parsed)).isEqualTo(redacted.content());
      // A bulk body is one action line and one document line: no raw line break may be inside.
      assertThat(new String(source, StandardCharsets.UTF_8)).doesNotContain("\n", "\r");
    }
  }

  @Test
  void theIndexBodyHasTheStoresSettingsAndMappingButNoAlias() throws Exception {
    OpenSearchIndexOptions options = OpenSearchIndexOptions.defaults().withShards(3, 2);
    JsonNode body = JSON.readTree(OpenSearchDocuments.createIndexBody(options));

    assertThat(body.has("aliases")).isFalse();
    JsonNode settings = body.path("settings");
    assertThat(settings.path("number_of_shards").asInt()).isEqualTo(3);
    assertThat(settings.path("number_of_replicas").asInt()).isEqualTo(2);
    assertThat(settings.path("refresh_interval").asText()).isEqualTo("-1");
    assertThat(settings.path("analysis").path("analyzer").has("casevault_en")).isTrue();
    assertThat(settings.path("analysis").path("analyzer").has("casevault_fr")).isTrue();
    JsonNode mappings = body.path("mappings");
    assertThat(mappings.path("dynamic").asText()).isEqualTo("strict");
    assertThat(mappings.path("_meta").path(CaseIndex.META_VERSION).asInt())
        .isEqualTo(CaseIndex.MAPPING_VERSION);
    assertThat(mappings.path("properties").path("subject").path("properties").path("fr"))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"text\",\"analyzer\":\"casevault_fr\",\"position_increment_gap\":100}"));
  }
}
