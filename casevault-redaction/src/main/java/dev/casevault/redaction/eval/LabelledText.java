package dev.casevault.redaction.eval;

import java.util.List;
import java.util.Objects;

/**
 * One text of an evaluation data set with its labels.
 *
 * @param id where it comes from, for error listings: a sample number or a case id
 * @param field which string of the sample or case, e.g. {@code messages[3].text}
 * @param text the text the detector reads
 * @param gold what the detector should find
 * @param ignored labelled spans that are not scored (see {@link IgnoredSpan})
 */
public record LabelledText(
    String id, String field, String text, List<GoldSpan> gold, List<IgnoredSpan> ignored) {
  public LabelledText {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(text, "text");
    gold = List.copyOf(gold);
    ignored = List.copyOf(ignored);
    for (GoldSpan span : gold) {
      if (span.end() > text.length()) {
        throw new IllegalArgumentException("a gold span ends after the text");
      }
    }
  }
}
