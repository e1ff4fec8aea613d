package dev.casevault.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.casevault.access.AccessScope;
import dev.casevault.core.Agent;
import dev.casevault.core.Author;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseId;
import dev.casevault.core.Channel;
import dev.casevault.core.Customer;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.NoteVisibility;
import dev.casevault.core.Status;
import dev.casevault.core.SupportCase;
import dev.casevault.core.WireEnum;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.SealedValue;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A case as the JSON document OpenSearch keeps ({@code _source}), and back.
 *
 * <p>The document is the index: each text sits under its case's language ({@code "subject": {"en":
 * "..."}}), so the mapping analyses it with that language's chain. It is also the stored case:
 * {@link #decode} rebuilds exactly the {@link SupportCase} that was put (instants to the
 * nanosecond, absent values as absent). What a scope hides is not fetched at all: {@link #includes}
 * lists the source paths a scope may read, and the cluster sends nothing else.
 */
final class CaseSource {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private CaseSource() {}

  static ObjectNode encode(RedactedCase redacted) {
    SupportCase c = redacted.content();
    ObjectNode doc = JSON.objectNode();
    doc.put(CaseIndex.ID, c.id().value());
    doc.put(CaseField.CREATED.queryName(), c.created().toString());
    doc.put(CaseField.UPDATED.queryName(), c.updated().toString());
    doc.put(CaseField.STATUS.queryName(), c.status().wireName());
    doc.put(CaseField.PRODUCT.queryName(), c.product());
    doc.put(CaseField.CHANNEL.queryName(), c.channel().wireName());
    doc.put(CaseField.LANGUAGE.queryName(), c.language().wireName());
    putIfPresent(doc, CaseField.REGION.queryName(), c.region());
    putIfPresent(doc, CaseField.TEAM.queryName(), c.team());
    ArrayNode tags = doc.putArray(CaseField.TAGS.queryName());
    c.tags().forEach(tags::add);
    Customer customer = c.customer();
    if (customer != null) {
      ObjectNode node = doc.putObject("customer");
      putIfPresent(node, "id", customer.id());
      putIfPresent(node, "name", customer.name());
      putIfPresent(node, "email", customer.email());
      putIfPresent(node, "phone", customer.phone());
      putIfPresent(node, "ip", customer.ip());
    }
    Agent agent = c.agent();
    if (agent != null) {
      ObjectNode node = doc.putObject("agent");
      putIfPresent(node, "id", agent.id());
      putIfPresent(node, "name", agent.name());
      putIfPresent(node, "email", agent.email());
    }
    String language = c.language().wireName();
    doc.putObject(CaseField.SUBJECT.queryName()).put(language, c.subject());
    doc.putObject(CaseField.DESCRIPTION.queryName()).put(language, c.description());
    ArrayNode messages = doc.putArray(CaseField.MESSAGES.queryName());
    for (Message message : c.messages()) {
      messages
          .addObject()
          .put(CaseIndex.AT, message.at().toString())
          .put(CaseIndex.FROM, message.from().wireName())
          .put(language, message.text());
    }
    ArrayNode internal = doc.putArray(CaseField.INTERNAL_NOTES.queryName());
    ArrayNode confidential = doc.putArray(CaseField.CONFIDENTIAL_NOTES.queryName());
    for (int i = 0; i < c.notes().size(); i++) {
      Note note = c.notes().get(i);
      ObjectNode node =
          (note.visibility() == NoteVisibility.CONFIDENTIAL ? confidential : internal).addObject();
      node.put(CaseIndex.ORDINAL, Integer.toString(i));
      node.put(CaseIndex.AT, note.at().toString());
      putIfPresent(node, CaseIndex.AUTHOR, note.author());
      node.put(language, note.text());
    }
    if (!redacted.sealed().isEmpty()) {
      doc.put(
          CaseIndex.SEALED,
          Base64.getEncoder().encodeToString(SealedValue.encodeAll(redacted.sealed())));
    }
    return doc;
  }

  /**
   * The source paths a scope may read for {@code get}: the header, the fields it shows and, when it
   * may see identities, the customer and agent. Never the sealed values.
   */
  static List<String> includes(AccessScope scope) {
    List<String> paths = new ArrayList<>(header());
    for (CaseField field :
        List.of(
            CaseField.REGION,
            CaseField.TEAM,
            CaseField.TAGS,
            CaseField.SUBJECT,
            CaseField.DESCRIPTION,
            CaseField.MESSAGES,
            CaseField.INTERNAL_NOTES,
            CaseField.CONFIDENTIAL_NOTES)) {
      if (scope.canSee(field)) {
        paths.add(field.queryName());
      }
    }
    if (scope.canSeeIdentities()) {
      paths.add("customer");
      paths.add("agent");
    }
    return paths;
  }

  /**
   * What a hit needs: id, date, status, the subject if the scope shows it, and whose case it is
   * (for the audit log, whatever the scope shows; never shown).
   */
  static List<String> hitIncludes(AccessScope scope) {
    List<String> paths =
        new ArrayList<>(
            List.of(
                CaseIndex.ID,
                CaseField.CREATED.queryName(),
                CaseField.STATUS.queryName(),
                CaseField.LANGUAGE.queryName(),
                CaseField.CUSTOMER_ID.queryName()));
    if (scope.canSee(CaseField.SUBJECT)) {
      paths.add(CaseField.SUBJECT.queryName());
    }
    return paths;
  }

  private static List<String> header() {
    return List.of(
        CaseIndex.ID,
        CaseField.CREATED.queryName(),
        CaseField.UPDATED.queryName(),
        CaseField.STATUS.queryName(),
        CaseField.PRODUCT.queryName(),
        CaseField.CHANNEL.queryName(),
        CaseField.LANGUAGE.queryName());
  }

  /**
   * Rebuilds the case from a (possibly filtered) source: a path that was not fetched reads as
   * absent, so the caller still applies {@code CaseViews.restrict} for the same view as every other
   * backend.
   */
  static SupportCase decode(JsonNode doc) throws IOException {
    try {
      Language language = wire(Language.class, required(doc, CaseField.LANGUAGE.queryName()));
      String lang = language.wireName();
      List<Message> messages = new ArrayList<>();
      for (JsonNode m : array(doc, CaseField.MESSAGES.queryName())) {
        messages.add(
            new Message(
                Instant.parse(required(m, CaseIndex.AT)),
                wire(Author.class, required(m, CaseIndex.FROM)),
                text(m, lang)));
      }
      Map<Integer, Note> notes = new TreeMap<>(Comparator.naturalOrder());
      for (CaseField field : List.of(CaseField.INTERNAL_NOTES, CaseField.CONFIDENTIAL_NOTES)) {
        NoteVisibility visibility =
            field == CaseField.CONFIDENTIAL_NOTES
                ? NoteVisibility.CONFIDENTIAL
                : NoteVisibility.INTERNAL;
        for (JsonNode n : array(doc, field.queryName())) {
          notes.put(
              Integer.parseInt(required(n, CaseIndex.ORDINAL)),
              new Note(
                  Instant.parse(required(n, CaseIndex.AT)),
                  optional(n, CaseIndex.AUTHOR),
                  visibility,
                  text(n, lang)));
        }
      }
      List<String> tags = new ArrayList<>();
      for (JsonNode tag : array(doc, CaseField.TAGS.queryName())) {
        tags.add(tag.asText());
      }
      JsonNode customer = doc.get("customer");
      JsonNode agent = doc.get("agent");
      return new SupportCase(
          new CaseId(required(doc, CaseIndex.ID)),
          Instant.parse(required(doc, CaseField.CREATED.queryName())),
          Instant.parse(required(doc, CaseField.UPDATED.queryName())),
          wire(Status.class, required(doc, CaseField.STATUS.queryName())),
          required(doc, CaseField.PRODUCT.queryName()),
          wire(Channel.class, required(doc, CaseField.CHANNEL.queryName())),
          language,
          optional(doc, CaseField.REGION.queryName()),
          optional(doc, CaseField.TEAM.queryName()),
          tags,
          customer == null || !customer.isObject()
              ? null
              : new Customer(
                  optional(customer, "id"),
                  optional(customer, "name"),
                  optional(customer, "email"),
                  optional(customer, "phone"),
                  optional(customer, "ip")),
          agent == null || !agent.isObject()
              ? null
              : new Agent(optional(agent, "id"), optional(agent, "name"), optional(agent, "email")),
          text(doc.get(CaseField.SUBJECT.queryName()), lang),
          text(doc.get(CaseField.DESCRIPTION.queryName()), lang),
          messages,
          new ArrayList<>(notes.values()));
    } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
      // The message names the problem, never a value: values may be case data.
      throw new IOException("a stored case document is damaged: " + e.getClass().getSimpleName());
    }
  }

  /** The customer id of a hit's or {@code customerOf}'s source, or null. */
  static String customerId(JsonNode doc) {
    JsonNode customer = doc.get("customer");
    return customer == null ? null : optional(customer, "id");
  }

  /** The id, created date, status and (when fetched) subject of a hit's source. */
  static CaseId id(JsonNode doc) {
    return new CaseId(required(doc, CaseIndex.ID));
  }

  static Instant created(JsonNode doc) {
    return Instant.parse(required(doc, CaseField.CREATED.queryName()));
  }

  static Status status(JsonNode doc) {
    return wire(Status.class, required(doc, CaseField.STATUS.queryName()));
  }

  static String subject(JsonNode doc) {
    return text(
        doc.get(CaseField.SUBJECT.queryName()),
        wire(Language.class, required(doc, CaseField.LANGUAGE.queryName())).wireName());
  }

  static List<SealedValue> sealed(JsonNode doc) {
    String encoded = optional(doc, CaseIndex.SEALED);
    return encoded == null ? List.of() : SealedValue.decodeAll(Base64.getDecoder().decode(encoded));
  }

  private static void putIfPresent(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  private static String required(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("missing " + name);
    }
    return value.asText();
  }

  private static String optional(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** The text of one language in a text object, empty when absent (or not fetched). */
  private static String text(JsonNode node, String language) {
    if (node == null) {
      return "";
    }
    JsonNode value = node.get(language);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static Iterable<JsonNode> array(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || !value.isArray() ? List.of() : value;
  }

  private static <E extends Enum<E> & WireEnum> E wire(Class<E> type, String name) {
    return WireEnum.parse(type, name)
        .orElseThrow(() -> new IllegalArgumentException("unknown " + type.getSimpleName()));
  }
}
