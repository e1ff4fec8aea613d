package dev.casevault.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JSON back into maps and lists with Jackson's parser, independently of the writer under
 * test, and resolves the field paths of the truth file ({@code messages[3].text}) in it.
 */
final class Json {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final Pattern STEP = Pattern.compile("(\\w+)(?:\\[(\\d+)])?");

  private Json() {}

  /** The one JSON value of {@code line}; fails if there is anything after it. */
  static Object parse(String line) {
    try (JsonParser parser = FACTORY.createParser(line)) {
      Object value = read(parser, parser.nextToken());
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("content after the JSON value");
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String line) {
    return (Map<String, Object>) parse(line);
  }

  /** The value at {@code path} in {@code root}, e.g. {@code notes[1].author}, or null. */
  @SuppressWarnings("unchecked")
  static Object at(Map<String, Object> root, String path) {
    Object current = root;
    for (String part : path.split("\\.")) {
      Matcher step = STEP.matcher(part);
      if (!step.matches() || !(current instanceof Map)) {
        return null;
      }
      current = ((Map<String, Object>) current).get(step.group(1));
      if (step.group(2) != null) {
        int index = Integer.parseInt(step.group(2));
        if (!(current instanceof List<?> list) || index >= list.size()) {
          return null;
        }
        current = list.get(index);
      }
    }
    return current;
  }

  private static Object read(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_OBJECT;
            next = parser.nextToken()) {
          String name = parser.currentName();
          if (map.put(name, read(parser, parser.nextToken())) != null) {
            throw new IllegalArgumentException("duplicate field " + name);
          }
        }
        yield map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          list.add(read(parser, next));
        }
        yield list;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IllegalArgumentException("unexpected " + token);
    };
  }
}
