package dev.casevault.redaction;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which {@link TypeRule} applies to each type of personal data, and the score below which a finding
 * is ignored.
 *
 * <p>A policy names a rule for every type: a file that leaves one out is refused, so a type added
 * to casevault later cannot slip through a policy written before it. The file format is in {@code
 * docs/redaction.md}.
 */
public final class RedactionPolicy {
  /** The only file format version so far. */
  public static final int FORMAT_VERSION = 1;

  private static final double DEFAULT_MIN_SCORE = 0.5;
  private static final Set<String> TOP_LEVEL_KEYS = Set.of("version", "min_score", "types");
  private static final Set<String> RULE_KEYS = Set.of("operator", "keep_last", "seal");

  private final Map<PiiType, TypeRule> rules;
  private final double minScore;

  public RedactionPolicy(Map<PiiType, TypeRule> rules, double minScore) {
    EnumSet<PiiType> missing = EnumSet.allOf(PiiType.class);
    missing.removeAll(rules.keySet());
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the policy has no rule for " + names(missing));
    }
    if (!(minScore > 0 && minScore <= 1)) {
      throw new IllegalArgumentException("min_score must be in (0, 1]");
    }
    this.rules = Collections.unmodifiableMap(new EnumMap<>(rules));
    this.minScore = minScore;
  }

  /**
   * The default: values that identify a person are replaced by keyed placeholders and sealed so
   * that they can be revealed with permission; card numbers and IBANs keep their last four
   * characters; secrets and credentials in URLs are dropped, because nobody should ever read them
   * back.
   */
  public static RedactionPolicy defaults() {
    Map<PiiType, TypeRule> rules = new EnumMap<>(PiiType.class);
    for (PiiType type : PiiType.values()) {
      rules.put(type, TypeRule.replace(true));
    }
    rules.put(PiiType.IP_ADDRESS, TypeRule.replace(false));
    rules.put(PiiType.CREDIT_CARD, TypeRule.mask(4, true));
    rules.put(PiiType.IBAN, TypeRule.mask(4, true));
    rules.put(PiiType.SECRET, TypeRule.drop());
    rules.put(PiiType.URL_CREDENTIALS, TypeRule.drop());
    return new RedactionPolicy(rules, DEFAULT_MIN_SCORE);
  }

  public TypeRule rule(PiiType type) {
    return rules.get(type);
  }

  public double minScore() {
    return minScore;
  }

  /** Reads a policy file, refusing anything unknown, missing or out of range. */
  public static RedactionPolicy read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (NoSuchFileException e) {
      throw new PolicyException(file + ": no such policy file");
    }
  }

  static RedactionPolicy parse(InputStream in, String source) throws IOException {
    JsonFactory factory = JsonFactory.builder().build();
    try (JsonParser parser = factory.createParser(in)) {
      return new Reader(parser, source).policy();
    } catch (JsonParseException e) {
      // Jackson's own message can quote the input; say only where it went wrong.
      throw new PolicyException(where(source, e.getLocation()) + ": not valid JSON");
    }
  }

  private static String names(Set<PiiType> types) {
    return types.stream().map(PiiType::name).collect(Collectors.joining(", "));
  }

  private static String where(String source, JsonLocation location) {
    return source + ":" + location.getLineNr() + ":" + location.getColumnNr();
  }

  /** A policy file that cannot be used; the message names the file, line and key. */
  public static final class PolicyException extends IOException {
    private static final long serialVersionUID = 1L;

    PolicyException(String message) {
      super(message);
    }
  }

  private static final class Reader {
    private final JsonParser parser;
    private final String source;

    Reader(JsonParser parser, String source) {
      this.parser = parser;
      this.source = source;
    }

    RedactionPolicy policy() throws IOException {
      expect(parser.nextToken(), JsonToken.START_OBJECT, "a JSON object");
      Integer version = null;
      double minScore = DEFAULT_MIN_SCORE;
      Map<PiiType, TypeRule> rules = null;
      Set<String> seen = new java.util.HashSet<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = key(TOP_LEVEL_KEYS, seen, "");
        JsonToken value = parser.nextToken();
        switch (key) {
          case "version" -> {
            expect(value, JsonToken.VALUE_NUMBER_INT, "an integer for \"version\"");
            version = parser.getIntValue();
            if (version != FORMAT_VERSION) {
              throw fail("\"version\" must be " + FORMAT_VERSION);
            }
          }
          case "min_score" -> {
            if (value != JsonToken.VALUE_NUMBER_FLOAT && value != JsonToken.VALUE_NUMBER_INT) {
              throw fail("expected a number for \"min_score\"");
            }
            minScore = parser.getDoubleValue();
            if (!(minScore > 0 && minScore <= 1)) {
              throw fail("\"min_score\" must be in (0, 1]");
            }
          }
          default -> rules = types(value);
        }
      }
      if (version == null) {
        throw fail("missing \"version\"");
      }
      if (rules == null) {
        throw fail("missing \"types\"");
      }
      EnumSet<PiiType> missing = EnumSet.allOf(PiiType.class);
      missing.removeAll(rules.keySet());
      if (!missing.isEmpty()) {
        throw fail("\"types\" has no rule for " + names(missing) + "; every type needs one");
      }
      if (parser.nextToken() != null) {
        throw fail("unexpected content after the policy object");
      }
      return new RedactionPolicy(rules, minScore);
    }

    private Map<PiiType, TypeRule> types(JsonToken value) throws IOException {
      expect(value, JsonToken.START_OBJECT, "an object for \"types\"");
      Map<PiiType, TypeRule> rules = new EnumMap<>(PiiType.class);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        PiiType type = typeNamed(name);
        if (rules.containsKey(type)) {
          throw fail("\"types\" names " + type + " twice");
        }
        rules.put(type, rule(type));
      }
      return rules;
    }

    private TypeRule rule(PiiType type) throws IOException {
      expect(parser.nextToken(), JsonToken.START_OBJECT, "an object for \"" + type + "\"");
      Operator operator = null;
      int keepLast = 0;
      boolean seal = false;
      Set<String> seen = new java.util.HashSet<>();
      String path = "types." + type + ".";
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = key(RULE_KEYS, seen, path);
        JsonToken value = parser.nextToken();
        switch (key) {
          case "operator" -> {
            expect(value, JsonToken.VALUE_STRING, "a string for \"" + path + "operator\"");
            operator = Operator.byWireName(parser.getText());
            if (operator == null) {
              throw fail("\"" + path + "operator\" must be one of replace, mask, drop");
            }
          }
          case "keep_last" -> {
            expect(value, JsonToken.VALUE_NUMBER_INT, "an integer for \"" + path + "keep_last\"");
            keepLast = parser.getIntValue();
          }
          default -> {
            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
              throw fail("expected true or false for \"" + path + "seal\"");
            }
            seal = value == JsonToken.VALUE_TRUE;
          }
        }
      }
      if (operator == null) {
        throw fail("missing \"" + path + "operator\"");
      }
      try {
        return new TypeRule(operator, keepLast, seal);
      } catch (IllegalArgumentException e) {
        throw fail(path + ": " + e.getMessage());
      }
    }

    private String key(Set<String> allowed, Set<String> seen, String path) throws IOException {
      String key = parser.currentName();
      if (!allowed.contains(key)) {
        throw fail(
            "unknown key \""
                + path
                + clip(key)
                + "\"; expected one of "
                + String.join(", ", allowed));
      }
      if (!seen.add(key)) {
        throw fail("duplicate key \"" + path + key + "\"");
      }
      return key;
    }

    private PiiType typeNamed(String name) throws IOException {
      for (PiiType type : PiiType.values()) {
        if (type.name().equals(name)) {
          return type;
        }
      }
      throw fail(
          "unknown type \""
              + clip(name)
              + "\" in \"types\"; known types: "
              + names(EnumSet.allOf(PiiType.class)));
    }

    private void expect(JsonToken actual, JsonToken wanted, String what) throws IOException {
      if (actual != wanted) {
        throw fail("expected " + what);
      }
    }

    private PolicyException fail(String message) {
      return new PolicyException(where(source, parser.currentTokenLocation()) + ": " + message);
    }

    /** Keys come from the operator's own file, but keep a runaway key from flooding the error. */
    private static String clip(String key) {
      return key.length() <= 40 ? key : key.substring(0, 40) + "...";
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RedactionPolicy that
        && rules.equals(that.rules)
        && minScore == that.minScore;
  }

  @Override
  public int hashCode() {
    return Objects.hash(rules, minScore);
  }
}
