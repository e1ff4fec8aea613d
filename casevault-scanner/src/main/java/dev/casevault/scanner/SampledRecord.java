package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One record a probe read, held in memory only until it is classified: it may be personal data, and
 * nothing of it but its type of personal data and a redacted example leaves the scanner.
 *
 * @param id the record's identity in its store (a document id, a key, an object name)
 * @param content its content as a tree: JSON documents as they are, other stores' values wrapped
 */
public record SampledRecord(String id, JsonNode content) {
  public SampledRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(content, "content");
  }

  JsonNode idAsNode() {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(id);
  }

  @Override
  public String toString() {
    return "SampledRecord[content withheld]";
  }
}
