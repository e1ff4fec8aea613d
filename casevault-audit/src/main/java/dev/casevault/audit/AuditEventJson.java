package dev.casevault.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.core.WireEnum;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The encoding of an {@link AuditEvent} as one compact JSON object (UTF-8), keys in a fixed order,
 * absent values left out. This is the byte string the Merkle tree hashes, so it never changes for a
 * given version {@code v}; readers refuse an entry that is not an event.
 */
public final class AuditEventJson {
  public static final int VERSION = 1;
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private AuditEventJson() {}

  public static byte[] encode(AuditEvent event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
      out.writeStartObject();
      out.writeNumberField("v", VERSION);
      out.writeStringField("id", event.id());
      out.writeStringField("time", event.time().toString());
      out.writeStringField("action", event.action().wireName());
      out.writeStringField("outcome", event.outcome().wireName());
      Actor actor = event.actor();
      out.writeObjectFieldStart("actor");
      out.writeStringField("id", actor.id());
      out.writeStringField("method", actor.method());
      writeStrings(out, "roles", actor.roles());
      optional(out, "ip", actor.sourceIp());
      optional(out, "user_agent", actor.userAgent());
      out.writeEndObject();
      optional(out, "policy_version", event.policyVersion());
      AuditTarget target = event.target();
      out.writeObjectFieldStart("target");
      if (!target.cases().isEmpty()) {
        writeStrings(out, "cases", target.cases());
      }
      if (!target.customers().isEmpty()) {
        writeStrings(out, "customers", target.customers());
      }
      if (!target.fields().isEmpty()) {
        writeStrings(out, "fields", target.fields());
      }
      if (target.total() != null) {
        out.writeNumberField("total", target.total());
      }
      optional(out, "query_hash", target.queryHash());
      if (!target.details().isEmpty()) {
        out.writeObjectFieldStart("details");
        for (Map.Entry<String, String> detail : target.details().entrySet()) {
          out.writeStringField(detail.getKey(), detail.getValue());
        }
        out.writeEndObject();
      }
      out.writeEndObject();
      optional(out, "purpose", event.purpose());
      optional(out, "reason", event.reason());
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads an entry back.
   *
   * @throws IllegalArgumentException naming what is wrong, when the entry is not an event of a
   *     known version
   */
  public static AuditEvent decode(byte[] entry) {
    JsonNode root;
    try {
      root = MAPPER.readTree(entry);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    if (root.path("v").asInt(-1) != VERSION) {
      throw new IllegalArgumentException("unknown event version " + root.path("v"));
    }
    JsonNode actor = object(root, "actor");
    JsonNode target = object(root, "target");
    TreeMap<String, String> details = new TreeMap<>();
    target
        .path("details")
        .properties()
        .forEach(e -> details.put(e.getKey(), e.getValue().asText()));
    Instant time;
    try {
      time = Instant.parse(text(root, "time"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("time: not an instant");
    }
    return new AuditEvent(
        text(root, "id"),
        time,
        WireEnum.parse(AuditAction.class, text(root, "action"))
            .orElseThrow(() -> new IllegalArgumentException("action: unknown")),
        WireEnum.parse(AuditEvent.Outcome.class, text(root, "outcome"))
            .orElseThrow(() -> new IllegalArgumentException("outcome: unknown")),
        new Actor(
            text(actor, "id"),
            text(actor, "method"),
            strings(actor, "roles"),
            optionalText(actor, "ip"),
            optionalText(actor, "user_agent")),
        optionalText(root, "policy_version"),
        new AuditTarget(
            strings(target, "cases"),
            strings(target, "customers"),
            strings(target, "fields"),
            target.has("total") ? target.get("total").asLong() : null,
            optionalText(target, "query_hash"),
            details),
        optionalText(root, "purpose"),
        optionalText(root, "reason"));
  }

  private static JsonNode object(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    String value = optionalText(node, field);
    if (value == null) {
      throw new IllegalArgumentException(field + ": missing");
    }
    return value;
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isTextual() ? null : value.asText();
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    node.path(field).forEach(v -> out.add(v.asText()));
    return out;
  }

  private static void writeStrings(JsonGenerator out, String field, List<String> values)
      throws IOException {
    out.writeArrayFieldStart(field);
    for (String value : values) {
      out.writeString(value);
    }
    out.writeEndArray();
  }

  private static void optional(JsonGenerator out, String field, String value) throws IOException {
    if (value != null) {
      out.writeStringField(field, value);
    }
  }
}
