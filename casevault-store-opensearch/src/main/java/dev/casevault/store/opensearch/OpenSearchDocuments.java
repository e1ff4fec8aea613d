package dev.casevault.store.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.casevault.redaction.RedactedCase;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.indices.CreateIndexRequest;

/**
 * What {@link OpenSearchCaseStore} writes to the cluster, as plain JSON: the document of a case
 * exactly as {@code put} serialises it, the body that creates its index, and how many cases go in
 * one bulk request. For tools that must send the very same thing another way, such as the
 * benchmark's raw {@code _bulk} baseline. Nothing here talks to a cluster.
 */
public final class OpenSearchDocuments {
  /** Cases per bulk request (a bulk is sent sooner when about 8 MiB of text is waiting). */
  public static final int BULK_CASES = OpenSearchCaseStore.BULK_CASES;

  /** The mapper of the store's transport ({@code SecureTransport}): the same bytes. */
  private static final JacksonJsonpMapper MAPPER = new JacksonJsonpMapper();

  private OpenSearchDocuments() {}

  /** The case's {@code _source}, UTF-8, byte for byte what {@code put} sends in its bulk. */
  public static byte[] source(RedactedCase redactedCase) {
    try {
      return MAPPER.objectMapper().writeValueAsBytes(CaseSource.encode(redactedCase));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * The body of {@code PUT /<index>} that gives an index the store's settings (shards, replicas, no
   * timed refresh, the analysis chains) and mapping, without the store's alias.
   */
  public static String createIndexBody(OpenSearchIndexOptions options) {
    CreateIndexRequest request =
        CreateIndexRequest.of(
            c ->
                c.index(options.indexName())
                    .settings(CaseIndex.settings(options))
                    .mappings(CaseIndex.mapping()));
    StringWriter body = new StringWriter();
    try (JsonGenerator generator = MAPPER.jsonProvider().createGenerator(body)) {
      request.serialize(generator, MAPPER);
    }
    return body.toString();
  }
}
