package dev.casevault.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.core.CaseVaultException;

/** Configuration documents (policies, settings, rules): parsed whole, errors naming where. */
public final class JsonDocuments {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonDocuments() {}

  /**
   * Parses {@code json}.
   *
   * @param source names the document in errors, e.g. its file
   * @throws CaseVaultException {@code source:line:column: not valid JSON: ...}
   */
  public static JsonNode parse(String json, String source) {
    try {
      JsonNode root = MAPPER.readTree(json);
      return root == null ? MAPPER.missingNode() : root;
    } catch (JsonProcessingException e) {
      throw new CaseVaultException(
          source
              + ":"
              + e.getLocation().getLineNr()
              + ":"
              + e.getLocation().getColumnNr()
              + ": not valid JSON: "
              + e.getOriginalMessage());
    }
  }

  /** Like {@link #parse}, and the document must be one JSON object. */
  public static JsonNode parseObject(String json, String source) {
    JsonNode root = parse(json, source);
    if (!root.isObject()) {
      throw new CaseVaultException(source + ": must be a JSON object");
    }
    return root;
  }
}
