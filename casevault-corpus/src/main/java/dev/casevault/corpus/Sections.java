package dev.casevault.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the generator's resource files: {@code [name]} starts a named list, every other non-blank
 * line that does not start with {@code #} is one entry of the current list.
 */
final class Sections {
  private Sections() {}

  static Map<String, List<String>> load(String resource) {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    try (InputStream in = Sections.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> current = null;
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("[") && line.endsWith("]")) {
          String name = line.substring(1, line.length() - 1);
          current = new ArrayList<>();
          if (sections.put(name, current) != null) {
            throw new IllegalStateException(resource + ":" + lineNumber + ": section repeated");
          }
        } else if (current == null) {
          throw new IllegalStateException(resource + ":" + lineNumber + ": entry before a section");
        } else {
          current.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sections;
  }

  static List<String> require(Map<String, List<String>> sections, String name) {
    List<String> lines = sections.get(name);
    if (lines == null || lines.isEmpty()) {
      throw new IllegalStateException("missing or empty section [" + name + "]");
    }
    return lines;
  }
}
