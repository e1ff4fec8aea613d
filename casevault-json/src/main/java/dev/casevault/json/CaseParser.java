package dev.casevault.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.casevault.core.Agent;
import dev.casevault.core.Author;
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
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns one line of the ingest format into a {@link SupportCase}, or into an {@link Invalid} whose
 * reason names the field and what was expected.
 *
 * <p>Reasons are built here from field names we know, limits, counts and positions only, never from
 * the input or from Jackson's messages (which quote the offending token): input values are personal
 * data.
 */
final class CaseParser {
  /**
   * Jackson's own length limits are lifted: the reader's line limit bounds every value, and the
   * per-field limits below give precise reasons where Jackson would only fail.
   */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .build())
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  private static final String EXPECTED_TIME =
      "expected an ISO-8601 time such as 2019-12-05T10:15:00Z";
  private static final String EXPECTED_ID =
      "expected 1-"
          + CaseId.MAX_LENGTH
          + " characters of A-Z a-z 0-9 . _ : - starting with a letter or digit";
  private static final String STATUSES = WireEnum.allowed(Status.class);
  private static final String CHANNELS = WireEnum.allowed(Channel.class);
  private static final String LANGUAGES = WireEnum.allowed(Language.class);
  private static final String AUTHORS = WireEnum.allowed(Author.class);
  private static final String VISIBILITIES = WireEnum.allowed(NoteVisibility.class);

  /** Longer strings cannot be a wire name; checked before the string is even built. */
  private static final int MAX_WIRE_NAME = 32;

  /** Every field name of the format, at any level; see {@link #unknownField}. */
  private static final Set<String> FIELD_NAMES =
      Set.of(
          "id",
          "created",
          "updated",
          "status",
          "product",
          "channel",
          "language",
          "region",
          "team",
          "tags",
          "customer",
          "agent",
          "subject",
          "description",
          "messages",
          "notes",
          "name",
          "email",
          "phone",
          "ip",
          "at",
          "from",
          "text",
          "author",
          "visibility");

  // Bit positions of the case's fields, to detect duplicates.
  private static final int ID = 0;
  private static final int CREATED = 1;
  private static final int UPDATED = 2;
  private static final int STATUS = 3;
  private static final int PRODUCT = 4;
  private static final int CHANNEL = 5;
  private static final int LANGUAGE = 6;
  private static final int REGION = 7;
  private static final int TEAM = 8;
  private static final int TAGS = 9;
  private static final int CUSTOMER = 10;
  private static final int AGENT = 11;
  private static final int SUBJECT = 12;
  private static final int DESCRIPTION = 13;
  private static final int MESSAGES = 14;
  private static final int NOTES = 15;

  private final CaseLimits limits;

  CaseParser(CaseLimits limits) {
    this.limits = limits;
  }

  /**
   * Parses the line {@code bytes[from, to)}, whose first non-blank byte, at {@code objectStart}, is
   * {@code '{'}, and which is valid UTF-8.
   */
  SupportCase parse(byte[] bytes, int from, int objectStart, int to) throws Invalid {
    int columnBase = objectStart - from;
    // Given a NUL after the '{', Jackson would guess UTF-16 or UTF-32 and could accept the line;
    // a NUL is never valid there, so say what Jackson would say in UTF-8.
    if (objectStart + 1 < to && bytes[objectStart + 1] == 0) {
      throw Invalid.line("invalid JSON at column " + (columnBase + 2) + ": unexpected character");
    }
    try (JsonParser p = FACTORY.createParser(bytes, objectStart, to - objectStart)) {
      p.nextToken();
      return readCase(p, bytes, objectStart, to, columnBase);
    } catch (IOException e) {
      throw syntaxError(e, columnBase, to - objectStart);
    }
  }

  /**
   * Jackson signals most ends of input with {@link JsonEOFException}, but some (after a comma
   * between object entries, say) with a plain parse error located at the end: both are truncation.
   */
  private static Invalid syntaxError(IOException e, int columnBase, int length) {
    JsonLocation location = e instanceof JsonProcessingException j ? j.getLocation() : null;
    boolean atEnd = location != null && location.getByteOffset() >= length;
    String what =
        e instanceof JsonEOFException || atEnd
            ? "unexpected end of line (truncated?)"
            : "unexpected character";
    if (location == null || location.getByteOffset() < 0) {
      return Invalid.line("invalid JSON: " + what);
    }
    return Invalid.line(
        "invalid JSON at column " + (columnBase + location.getByteOffset() + 1) + ": " + what);
  }

  private SupportCase readCase(JsonParser p, byte[] bytes, int objectStart, int to, int columnBase)
      throws IOException, Invalid {
    CaseId id = null;
    Instant created = null;
    Instant updated = null;
    Status status = null;
    String product = null;
    Channel channel = null;
    Language language = null;
    String region = null;
    String team = null;
    List<String> tags = List.of();
    Customer customer = null;
    Agent agent = null;
    String subject = null;
    String description = null;
    List<Message> messages = List.of();
    List<Note> notes = List.of();
    int seen = 0;
    int keyword = limits.maxKeywordChars();
    for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
      int field =
          switch (name) {
            case "id" -> ID;
            case "created" -> CREATED;
            case "updated" -> UPDATED;
            case "status" -> STATUS;
            case "product" -> PRODUCT;
            case "channel" -> CHANNEL;
            case "language" -> LANGUAGE;
            case "region" -> REGION;
            case "team" -> TEAM;
            case "tags" -> TAGS;
            case "customer" -> CUSTOMER;
            case "agent" -> AGENT;
            case "subject" -> SUBJECT;
            case "description" -> DESCRIPTION;
            case "messages" -> MESSAGES;
            case "notes" -> NOTES;
            default -> throw unknownField(name);
          };
      seen = once(seen, field, name);
      switch (field) {
        case ID -> id = readId(p);
        case CREATED -> created = readTime(p, name, true);
        case UPDATED -> updated = readTime(p, name, false);
        case STATUS -> status = readEnum(p, name, Status.class, STATUSES);
        case PRODUCT -> product = readString(p, name, keyword, true);
        case CHANNEL -> channel = readEnum(p, name, Channel.class, CHANNELS);
        case LANGUAGE -> language = readEnum(p, name, Language.class, LANGUAGES);
        case REGION -> region = readString(p, name, keyword, false);
        case TEAM -> team = readString(p, name, keyword, false);
        case TAGS -> tags = readTags(p);
        case CUSTOMER -> customer = readCustomer(p);
        case AGENT -> agent = readAgent(p);
        case SUBJECT -> subject = readString(p, name, limits.maxSubjectChars(), true);
        case DESCRIPTION -> description = readString(p, name, limits.maxTextChars(), true);
        case MESSAGES -> messages = readMessages(p);
        case NOTES -> notes = readNotes(p);
      }
    }
    requireNothingAfter(p, bytes, objectStart, to, columnBase);
    require(id, "id");
    require(created, "created");
    require(status, "status");
    require(product, "product");
    require(channel, "channel");
    require(language, "language");
    require(subject, "subject");
    require(description, "description");
    if (updated == null) {
      updated = created;
    } else if (updated.isBefore(created)) {
      throw Invalid.field("updated", "before \"created\"");
    }
    return new SupportCase(
        id,
        created,
        updated,
        status,
        product,
        channel,
        language,
        region,
        team,
        tags,
        customer,
        agent,
        subject,
        description,
        messages,
        notes);
  }

  /** Jackson stops at the end of the object; whatever follows on the line must be blank. */
  private static void requireNothingAfter(
      JsonParser p, byte[] bytes, int objectStart, int to, int columnBase) throws Invalid {
    long afterObject = p.currentLocation().getByteOffset();
    for (int i = objectStart + (int) afterObject; i < to; i++) {
      if (!CaseLineReader.isBlank(bytes[i])) {
        throw Invalid.line(
            "invalid JSON at column "
                + (columnBase + i - objectStart + 1)
                + ": unexpected content after the object");
      }
    }
  }

  private CaseId readId(JsonParser p) throws IOException, Invalid {
    JsonToken token = p.nextToken();
    if (token == JsonToken.VALUE_NULL) {
      throw Invalid.field("id", "must not be null");
    }
    if (token != JsonToken.VALUE_STRING || p.getTextLength() > CaseId.MAX_LENGTH) {
      throw Invalid.field("id", EXPECTED_ID);
    }
    String value = p.getText();
    if (!CaseId.isValid(value)) {
      throw Invalid.field("id", EXPECTED_ID);
    }
    return new CaseId(value);
  }

  private static Instant readTime(JsonParser p, String name, boolean required)
      throws IOException, Invalid {
    JsonToken token = p.nextToken();
    if (token == JsonToken.VALUE_NULL) {
      if (required) {
        throw Invalid.field(name, "must not be null");
      }
      return null;
    }
    Instant time = null;
    if (token == JsonToken.VALUE_STRING) {
      int length = p.getTextLength();
      if (length <= IsoTimes.MAX_LENGTH) {
        time = IsoTimes.parse(p.getTextCharacters(), p.getTextOffset(), length);
      }
    }
    if (time == null) {
      throw Invalid.field(name, EXPECTED_TIME);
    }
    return time;
  }

  private static <E extends Enum<E> & WireEnum> E readEnum(
      JsonParser p, String name, Class<E> type, String allowed) throws IOException, Invalid {
    JsonToken token = p.nextToken();
    if (token == JsonToken.VALUE_NULL) {
      throw Invalid.field(name, "must not be null");
    }
    if (token == JsonToken.VALUE_STRING && p.getTextLength() <= MAX_WIRE_NAME) {
      E value = WireEnum.parse(type, p.getText()).orElse(null);
      if (value != null) {
        return value;
      }
    }
    throw Invalid.field(name, "expected one of " + allowed);
  }

  /** A string field; JSON null means absent, which is an error if {@code required}. */
  private static String readString(JsonParser p, String name, int maxChars, boolean required)
      throws IOException, Invalid {
    JsonToken token = p.nextToken();
    if (token == JsonToken.VALUE_STRING) {
      return text(p, name, -1, maxChars);
    }
    if (token == JsonToken.VALUE_NULL) {
      if (required) {
        throw Invalid.field(name, "must not be null");
      }
      return null;
    }
    throw Invalid.field(name, "expected a string");
  }

  /**
   * The current string token, checked against the limit before the string is built. The field is
   * {@code name}, or {@code name[index]} if the index is not negative.
   */
  private static String text(JsonParser p, String name, int index, int maxChars)
      throws IOException, Invalid {
    int length = p.getTextLength();
    if (length > maxChars) {
      throw Invalid.field(
          path(name, index), length + " characters, more than the limit of " + maxChars);
    }
    char[] chars = p.getTextCharacters();
    int offset = p.getTextOffset();
    // Valid UTF-8 always decodes to well-formed UTF-16, but a JSON escape can leave half a
    // surrogate pair, which no later stage could encode back to UTF-8.
    if (!isWellFormed(chars, offset, length)) {
      throw Invalid.field(path(name, index), "expected Unicode text, found an unpaired surrogate");
    }
    return new String(chars, offset, length);
  }

  private static boolean isWellFormed(char[] chars, int offset, int length) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      if (Character.isSurrogate(chars[i])) {
        if (Character.isHighSurrogate(chars[i])
            && i + 1 < end
            && Character.isLowSurrogate(chars[i + 1])) {
          i++;
        } else {
          return false;
        }
      }
    }
    return true;
  }

  private List<String> readTags(JsonParser p) throws IOException, Invalid {
    if (!startArray(p, "tags")) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
      int index = tags.size();
      if (index == limits.maxTags()) {
        throw tooManyEntries("tags", limits.maxTags());
      }
      if (token != JsonToken.VALUE_STRING) {
        throw Invalid.field(path("tags", index), "expected a string");
      }
      tags.add(text(p, "tags", index, limits.maxKeywordChars()));
    }
    return tags;
  }

  private static final List<String> CUSTOMER_FIELDS = List.of("id", "name", "email", "phone", "ip");
  private static final List<String> AGENT_FIELDS = List.of("id", "name", "email");

  private Customer readCustomer(JsonParser p) throws IOException, Invalid {
    String[] v = readStringObject(p, "customer", CUSTOMER_FIELDS);
    return v == null ? null : new Customer(v[0], v[1], v[2], v[3], v[4]);
  }

  private Agent readAgent(JsonParser p) throws IOException, Invalid {
    String[] v = readStringObject(p, "agent", AGENT_FIELDS);
    return v == null ? null : new Agent(v[0], v[1], v[2]);
  }

  /**
   * An object whose fields are all optional strings with the keyword limit, such as {@code
   * customer}: the values in the order of {@code names}, or null when the object is absent.
   */
  private String[] readStringObject(JsonParser p, String object, List<String> names)
      throws IOException, Invalid {
    if (!startObject(p, object)) {
      return null;
    }
    String[] values = new String[names.size()];
    int seen = 0;
    try {
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        int index = names.indexOf(field);
        if (index < 0) {
          throw unknownField(field);
        }
        seen = once(seen, index, field);
        values[index] = readString(p, field, limits.maxKeywordChars(), false);
      }
    } catch (Invalid e) {
      throw e.within(object);
    }
    return values;
  }

  private List<Message> readMessages(JsonParser p) throws IOException, Invalid {
    if (!startArray(p, "messages")) {
      return List.of();
    }
    List<Message> messages = new ArrayList<>();
    for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
      int index = messages.size();
      if (index == limits.maxMessages()) {
        throw tooManyEntries("messages", limits.maxMessages());
      }
      if (token != JsonToken.START_OBJECT) {
        throw Invalid.field(path("messages", index), "expected an object");
      }
      try {
        messages.add(readMessage(p));
      } catch (Invalid e) {
        throw e.within(path("messages", index));
      }
    }
    return messages;
  }

  private Message readMessage(JsonParser p) throws IOException, Invalid {
    Instant at = null;
    Author from = null;
    String text = null;
    int seen = 0;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      switch (field) {
        case "at" -> {
          seen = once(seen, 0, field);
          at = readTime(p, field, true);
        }
        case "from" -> {
          seen = once(seen, 1, field);
          from = readEnum(p, field, Author.class, AUTHORS);
        }
        case "text" -> {
          seen = once(seen, 2, field);
          text = readString(p, field, limits.maxTextChars(), true);
        }
        default -> throw unknownField(field);
      }
    }
    require(at, "at");
    require(from, "from");
    require(text, "text");
    return new Message(at, from, text);
  }

  private List<Note> readNotes(JsonParser p) throws IOException, Invalid {
    if (!startArray(p, "notes")) {
      return List.of();
    }
    List<Note> notes = new ArrayList<>();
    for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
      int index = notes.size();
      if (index == limits.maxNotes()) {
        throw tooManyEntries("notes", limits.maxNotes());
      }
      if (token != JsonToken.START_OBJECT) {
        throw Invalid.field(path("notes", index), "expected an object");
      }
      try {
        notes.add(readNote(p));
      } catch (Invalid e) {
        throw e.within(path("notes", index));
      }
    }
    return notes;
  }

  private Note readNote(JsonParser p) throws IOException, Invalid {
    Instant at = null;
    String author = null;
    NoteVisibility visibility = null;
    String text = null;
    int seen = 0;
    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
      switch (field) {
        case "at" -> {
          seen = once(seen, 0, field);
          at = readTime(p, field, true);
        }
        case "author" -> {
          seen = once(seen, 1, field);
          author = readString(p, field, limits.maxKeywordChars(), false);
        }
        case "visibility" -> {
          seen = once(seen, 2, field);
          visibility = readEnum(p, field, NoteVisibility.class, VISIBILITIES);
        }
        case "text" -> {
          seen = once(seen, 3, field);
          text = readString(p, field, limits.maxTextChars(), true);
        }
        default -> throw unknownField(field);
      }
    }
    require(at, "at");
    require(visibility, "visibility");
    require(text, "text");
    return new Note(at, author, visibility, text);
  }

  /** True at the start of an array, false for JSON null (an absent list). */
  private static boolean startArray(JsonParser p, String name) throws IOException, Invalid {
    JsonToken token = p.nextToken();
    if (token == JsonToken.START_ARRAY) {
      return true;
    }
    if (token == JsonToken.VALUE_NULL) {
      return false;
    }
    throw Invalid.field(name, "expected an array");
  }

  /** True at the start of an object, false for JSON null (an absent object). */
  private static boolean startObject(JsonParser p, String name) throws IOException, Invalid {
    JsonToken token = p.nextToken();
    if (token == JsonToken.START_OBJECT) {
      return true;
    }
    if (token == JsonToken.VALUE_NULL) {
      return false;
    }
    throw Invalid.field(name, "expected an object");
  }

  /** Marks field number {@code bit} as seen, failing if it was seen before. */
  private static int once(int seen, int bit, String name) throws Invalid {
    if ((seen & (1 << bit)) != 0) {
      throw Invalid.duplicate(name);
    }
    return seen | (1 << bit);
  }

  private static void require(Object value, String name) throws Invalid {
    if (value == null) {
      throw Invalid.missing(name);
    }
  }

  private static Invalid tooManyEntries(String name, int limit) {
    return Invalid.field(name, "more than the limit of " + limit + " entries");
  }

  /**
   * An unknown field's name comes from the input and may be a value that slipped into a name
   * position (a broken export, a lost quote), so it is shown only if it is a field name of the
   * format, misplaced: then the reason holds nothing but our own words.
   */
  private static Invalid unknownField(String name) {
    return FIELD_NAMES.contains(name)
        ? Invalid.field(name, "unknown field")
        : Invalid.hiddenUnknownField();
  }

  private static String path(String name, int index) {
    return index < 0 ? name : name + "[" + index + "]";
  }

  /**
   * Why a line is not a valid case. Thrown at the first problem and caught within the line, so it
   * carries no stack trace. Field paths are relative until the enclosing objects prefix theirs.
   */
  static final class Invalid extends Exception {
    private enum Form {
      FIELD,
      MISSING,
      DUPLICATE,
      HIDDEN_UNKNOWN,
      LINE
    }

    private final Form form;
    private final String problem;
    private String path;

    private Invalid(Form form, String path, String problem) {
      super(null, null, false, false);
      this.form = form;
      this.path = path;
      this.problem = problem;
    }

    static Invalid field(String path, String problem) {
      return new Invalid(Form.FIELD, path, problem);
    }

    static Invalid missing(String path) {
      return new Invalid(Form.MISSING, path, null);
    }

    static Invalid duplicate(String path) {
      return new Invalid(Form.DUPLICATE, path, null);
    }

    static Invalid hiddenUnknownField() {
      return new Invalid(Form.HIDDEN_UNKNOWN, "", null);
    }

    /** A problem with the line as a whole, {@code reason} being the complete reason. */
    static Invalid line(String reason) {
      return new Invalid(Form.LINE, "", reason);
    }

    /** Puts the path of the enclosing object, such as {@code messages[3]}, before the path. */
    Invalid within(String container) {
      path = path.isEmpty() ? container : container + "." + path;
      return this;
    }

    String reason() {
      return switch (form) {
        case FIELD -> "field \"" + path + "\": " + problem;
        case MISSING -> "missing required field \"" + path + "\"";
        case DUPLICATE -> "duplicate field \"" + path + "\"";
        case HIDDEN_UNKNOWN ->
            path.isEmpty()
                ? "unknown field (name not shown)"
                : "unknown field in \"" + path + "\" (name not shown)";
        case LINE -> problem;
      };
    }

    @Override
    public String getMessage() {
      return reason();
    }
  }
}
