package dev.casevault.configaudit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Settings as dotted keys, however the source nests them: {@code network: {host: x}} and {@code
 * network.host: x} are both {@code network.host}. Array elements are {@code key[i]...}; an array of
 * scalars is also kept whole under its key, comma-joined. Each value remembers where it came from
 * ({@code FILE:LINE} for a file).
 */
public final class FlatSettings {
  /** One setting, with its source location. */
  public record Setting(String key, String value, String location) {
    public boolean isTrue() {
      return value.strip().equalsIgnoreCase("true");
    }

    public boolean isFalse() {
      return value.strip().equalsIgnoreCase("false");
    }
  }

  private static final YAMLFactory YAML = new YAMLFactory();

  private final Map<String, Setting> settings;

  private FlatSettings(Map<String, Setting> settings) {
    this.settings = settings;
  }

  /** The settings of a YAML file, each with its {@code FILE:LINE}. */
  public static FlatSettings fromYaml(Path file) throws IOException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = YAML.createParser(reader)) {
      Map<String, Setting> out = new LinkedHashMap<>();
      if (parser.nextToken() != null) {
        flatten(parser, "", file.toString(), out);
      }
      return new FlatSettings(out);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // The parser's own message quotes the offending line, which may hold a password: only its
      // first line, which names the construct, is kept.
      String where =
          e.getLocation() == null
              ? ""
              : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
      String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
      throw new CaseVaultException(file + where + ": not valid YAML (" + reason + ")");
    }
  }

  /** The settings of a JSON answer (an API's), each located at {@code location: KEY}. */
  public static FlatSettings fromJson(JsonNode node, String location) {
    Map<String, Setting> out = new LinkedHashMap<>();
    flattenTree(node, "", location, out);
    return new FlatSettings(out);
  }

  private static void flatten(
      JsonParser parser, String prefix, String file, Map<String, Setting> out) throws IOException {
    JsonToken token = parser.currentToken();
    String where = file + ":" + parser.currentTokenLocation().getLineNr();
    if (token == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        flatten(parser, prefix.isEmpty() ? name : prefix + "." + name, file, out);
      }
    } else if (token == JsonToken.START_ARRAY) {
      List<String> scalars = new ArrayList<>();
      int index = 0;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        if (parser.currentToken().isScalarValue()) {
          scalars.add(parser.getValueAsString(""));
        }
        flatten(parser, prefix + "[" + index++ + "]", file, out);
      }
      out.put(prefix, new Setting(prefix, String.join(",", scalars), where));
    } else if (token.isScalarValue()) {
      String value = token == JsonToken.VALUE_NULL ? "" : parser.getValueAsString("");
      out.put(prefix, new Setting(prefix, value, where));
    }
  }

  private static void flattenTree(
      JsonNode node, String prefix, String location, Map<String, Setting> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e ->
                  flattenTree(
                      e.getValue(),
                      prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                      location,
                      out));
    } else if (node.isArray()) {
      List<String> scalars = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        if (node.get(i).isValueNode()) {
          scalars.add(node.get(i).asText());
        }
        flattenTree(node.get(i), prefix + "[" + i + "]", location, out);
      }
      out.put(prefix, new Setting(prefix, String.join(",", scalars), location + ": " + prefix));
    } else if (!node.isMissingNode()) {
      out.put(
          prefix,
          new Setting(prefix, node.isNull() ? "" : node.asText(), location + ": " + prefix));
    }
  }

  /** The first of {@code keys} that is set (settings renamed across versions, in order). */
  public Optional<Setting> first(String... keys) {
    for (String key : keys) {
      Setting setting = settings.get(key);
      if (setting != null) {
        return Optional.of(setting);
      }
    }
    return Optional.empty();
  }

  /** Every setting whose key matches. */
  public List<Setting> matching(Predicate<String> key) {
    return settings.values().stream().filter(s -> key.test(s.key())).toList();
  }

  public boolean hasKeyStartingWith(String... prefixes) {
    for (String key : settings.keySet()) {
      for (String prefix : prefixes) {
        if (key.toLowerCase(Locale.ROOT).startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }

  public Collection<Setting> all() {
    return settings.values();
  }

  /** The settings under {@code prefix}, with the prefix cut from their keys. */
  public FlatSettings under(String prefix) {
    Map<String, Setting> out = new LinkedHashMap<>();
    String dotted = prefix + ".";
    for (Setting s : settings.values()) {
      if (s.key().startsWith(dotted)) {
        String key = s.key().substring(dotted.length());
        out.put(key, new Setting(key, s.value(), s.location()));
      }
    }
    return new FlatSettings(out);
  }
}
