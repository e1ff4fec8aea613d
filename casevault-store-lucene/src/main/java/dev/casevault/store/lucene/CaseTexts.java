package dev.casevault.store.lucene;

import dev.casevault.core.CaseField;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.SupportCase;
import java.util.ArrayList;
import java.util.List;

/** The text a case holds in one index field, as {@link CaseDocuments} indexed it. */
final class CaseTexts {
  private CaseTexts() {}

  /**
   * The values of {@code indexField} joined by {@code separator}, or null when the case has none
   * (for instance the {@code .fr} field of an English case).
   */
  static String joined(SupportCase c, String indexField, char separator) {
    List<String> values = new ArrayList<>();
    for (CaseField field : CaseField.TEXT.concreteFields()) {
      for (Language language : Language.values()) {
        if (language == c.language() && IndexFields.text(field, language).equals(indexField)) {
          collect(c, field, values);
        }
      }
    }
    return values.isEmpty() ? null : String.join(String.valueOf(separator), values);
  }

  private static void collect(SupportCase c, CaseField field, List<String> values) {
    switch (field) {
      case SUBJECT -> addIfPresent(values, c.subject());
      case DESCRIPTION -> addIfPresent(values, c.description());
      case MESSAGES ->
          c.messages().stream().map(Message::text).forEach(t -> addIfPresent(values, t));
      case INTERNAL_NOTES, CONFIDENTIAL_NOTES -> {
        for (Note note : c.notes()) {
          if (CaseDocuments.noteField(note.visibility()) == field) {
            addIfPresent(values, note.text());
          }
        }
      }
      default -> throw new IllegalArgumentException("not a text field: " + field);
    }
  }

  private static void addIfPresent(List<String> values, String text) {
    if (!text.isEmpty()) {
      values.add(text);
    }
  }
}
