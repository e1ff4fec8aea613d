package dev.casevault.cli;

import picocli.CommandLine;

/** Text decoration for the terminal: bold and highlighted matches when stdout is a terminal. */
final class Terminal {
  private final boolean ansi = CommandLine.Help.Ansi.AUTO.enabled();

  String bold(String text) {
    return ansi ? "\033[1m" + clean(text) + "\033[0m" : clean(text);
  }

  /**
   * Case text with control characters replaced by spaces: stored text comes from customers, and an
   * escape sequence in it must not drive the reader's terminal.
   */
  static String clean(String text) {
    return text.replaceAll("[\\p{Cc}\\p{Cf}&&[^\n\t]]", " ");
  }

  /**
   * A highlight snippet made for HTML (matches in {@code <em>}, text escaped) turned into terminal
   * text: bold matches on a terminal, {@code [match]} otherwise.
   */
  String snippet(String html) {
    String open = ansi ? "\033[1;33m" : "[";
    String close = ansi ? "\033[0m" : "]";
    return clean(html)
        .replace("<em>", open)
        .replace("</em>", close)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
        .replace('\n', ' ')
        .replace('\u2029', ' ') // the highlighter's separator between two messages or notes
        .strip();
  }
}
