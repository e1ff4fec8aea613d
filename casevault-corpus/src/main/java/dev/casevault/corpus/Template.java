package dev.casevault.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * A sentence pattern, parsed once when the resources load so that rendering only appends strings.
 *
 * <p>Syntax: {@code {slot}} is a {@link Slot}; {@code <a|b>} picks one option (options may hold
 * slots and choices); {@code ~} is {@link Slot#FRENCH_SPACE}; a backslash escapes the next
 * character, and {@code \n} is a line break.
 */
final class Template {
  /** Fills slots and makes choices while a template renders. */
  interface Renderer {
    void fill(Slot slot, TextBuffer out);

    int choose(int options);
  }

  /** Each part is a literal {@code String}, a {@link Slot} or a {@code Template[]} choice. */
  private final Object[] parts;

  private final boolean endsSentence;

  private Template(List<Object> parts) {
    this.parts = parts.toArray();
    this.endsSentence =
        !parts.isEmpty()
            && parts.getLast() instanceof String last
            && ".!?»)".indexOf(last.charAt(last.length() - 1)) >= 0;
  }

  static Template parse(String source) {
    Parser parser = new Parser(source);
    Template template = parser.sequence(false);
    if (parser.pos != source.length()) {
      throw parser.error("unexpected '" + source.charAt(parser.pos) + "'");
    }
    return template;
  }

  /**
   * Whether the template ends with sentence punctuation. Those that do not are labels and values
   * ("IBAN: FR76...") that people write on a line of their own.
   */
  boolean endsSentence() {
    return endsSentence;
  }

  void render(Renderer renderer, TextBuffer out) {
    for (Object part : parts) {
      if (part instanceof String literal) {
        out.append(literal);
      } else if (part instanceof Slot slot) {
        renderer.fill(slot, out);
      } else {
        Template[] options = (Template[]) part;
        options[renderer.choose(options.length)].render(renderer, out);
      }
    }
  }

  private static final class Parser {
    private final String source;
    private int pos;

    Parser(String source) {
      this.source = source;
    }

    Template sequence(boolean inChoice) {
      List<Object> parts = new ArrayList<>();
      StringBuilder literal = new StringBuilder();
      while (pos < source.length()) {
        char c = source.charAt(pos);
        if (inChoice && (c == '|' || c == '>')) {
          break;
        }
        pos++;
        switch (c) {
          case '\\' -> {
            if (pos == source.length()) {
              throw error("dangling backslash");
            }
            char escaped = source.charAt(pos++);
            literal.append(escaped == 'n' ? '\n' : escaped);
          }
          case '{' -> {
            int close = source.indexOf('}', pos);
            if (close < 0) {
              throw error("unclosed {");
            }
            flush(literal, parts);
            parts.add(Slot.forKey(source.substring(pos, close)));
            pos = close + 1;
          }
          case '~' -> {
            flush(literal, parts);
            parts.add(Slot.FRENCH_SPACE);
          }
          case '<' -> {
            flush(literal, parts);
            parts.add(choice());
          }
          case '}', '>', '|' -> throw error("unexpected '" + c + "'");
          default -> literal.append(c);
        }
      }
      flush(literal, parts);
      return new Template(parts);
    }

    private Template[] choice() {
      List<Template> options = new ArrayList<>();
      while (true) {
        options.add(sequence(true));
        if (pos == source.length()) {
          throw error("unclosed <");
        }
        if (source.charAt(pos++) == '>') {
          return options.toArray(Template[]::new);
        }
      }
    }

    private static void flush(StringBuilder literal, List<Object> parts) {
      if (!literal.isEmpty()) {
        parts.add(literal.toString());
        literal.setLength(0);
      }
    }

    IllegalArgumentException error(String problem) {
      return new IllegalArgumentException(problem + " at " + pos + " in template: " + source);
    }
  }
}
