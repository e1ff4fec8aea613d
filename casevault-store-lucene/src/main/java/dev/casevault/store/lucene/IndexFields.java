package dev.casevault.store.lucene;

import dev.casevault.core.CaseField;
import dev.casevault.core.Language;

/**
 * Names of the fields in the Lucene index.
 *
 * <p>Each free-text field is indexed once per case language ({@code description.en}, {@code
 * description.fr}) so that each case is analysed by its own language's chain and a query is
 * analysed by both. There is deliberately no catch-all text field: field rules must be able to hide
 * one text field (say, confidential notes) from every search, and a catch-all would leak it.
 */
final class IndexFields {
  static final String ID = "id";
  static final String SOURCE = "_source";

  /** The case's sealed values: ciphertext, stored and never indexed. */
  static final String SEALED = "_sealed";

  private IndexFields() {}

  static String text(CaseField field, Language language) {
    return field.queryName() + "." + language.wireName();
  }

  static String keyword(CaseField field) {
    return field.queryName();
  }

  static Language languageOf(String indexField) {
    return indexField.endsWith(".fr") ? Language.FR : Language.EN;
  }
}
