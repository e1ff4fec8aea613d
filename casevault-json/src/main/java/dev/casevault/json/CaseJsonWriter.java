package dev.casevault.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.core.Agent;
import dev.casevault.core.Customer;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.SupportCase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes cases in the ingest format, one JSON object per line, in the field order of {@code
 * docs/ingest-format.md}. Whatever it writes, {@link CaseLineReader} accepts.
 */
public final class CaseJsonWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private CaseJsonWriter() {}

  /** Writes {@code supportCase} as one line, ending with {@code \n}. */
  public static void writeLine(SupportCase supportCase, OutputStream out) throws IOException {
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      write(supportCase, json);
    }
    out.write('\n');
  }

  /** The case as one line of JSON, without the line end. */
  public static String toJson(SupportCase supportCase) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
    try (JsonGenerator json = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
      write(supportCase, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void write(SupportCase c, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", c.id().value());
    writeInstant(json, "created", c.created());
    writeInstant(json, "updated", c.updated());
    json.writeStringField("status", c.status().wireName());
    json.writeStringField("product", c.product());
    json.writeStringField("channel", c.channel().wireName());
    json.writeStringField("language", c.language().wireName());
    writeOptional(json, "region", c.region());
    writeOptional(json, "team", c.team());
    json.writeArrayFieldStart("tags");
    for (String tag : c.tags()) {
      json.writeString(tag);
    }
    json.writeEndArray();
    if (c.customer() != null) {
      writeCustomer(json, c.customer());
    }
    if (c.agent() != null) {
      writeAgent(json, c.agent());
    }
    json.writeStringField("subject", c.subject());
    json.writeStringField("description", c.description());
    json.writeArrayFieldStart("messages");
    for (Message message : c.messages()) {
      json.writeStartObject();
      writeInstant(json, "at", message.at());
      json.writeStringField("from", message.from().wireName());
      json.writeStringField("text", message.text());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("notes");
    for (Note note : c.notes()) {
      json.writeStartObject();
      writeInstant(json, "at", note.at());
      writeOptional(json, "author", note.author());
      json.writeStringField("visibility", note.visibility().wireName());
      json.writeStringField("text", note.text());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writeCustomer(JsonGenerator json, Customer customer) throws IOException {
    json.writeObjectFieldStart("customer");
    writeOptional(json, "id", customer.id());
    writeOptional(json, "name", customer.name());
    writeOptional(json, "email", customer.email());
    writeOptional(json, "phone", customer.phone());
    writeOptional(json, "ip", customer.ip());
    json.writeEndObject();
  }

  private static void writeAgent(JsonGenerator json, Agent agent) throws IOException {
    json.writeObjectFieldStart("agent");
    writeOptional(json, "id", agent.id());
    writeOptional(json, "name", agent.name());
    writeOptional(json, "email", agent.email());
    json.writeEndObject();
  }

  private static void writeInstant(JsonGenerator json, String name, Instant instant)
      throws IOException {
    json.writeStringField(name, instant.toString());
  }

  private static void writeOptional(JsonGenerator json, String name, String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }
}
