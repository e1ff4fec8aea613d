package dev.casevault.scanner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Small helpers for reading the JSON that services answer with. */
final class Json {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private Json() {}

  /** A tree as JSON with object keys sorted: the same structure gives the same text. */
  static String canonical(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "";
    }
    try {
      return CANONICAL.writeValueAsString(CANONICAL.treeToValue(node, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree always serialises", e);
    }
  }

  /** A text field, or null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }

  /** A number given as a number or a numeric string, or null. */
  static Long number(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    try {
      return Long.parseLong(value.asText().strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
