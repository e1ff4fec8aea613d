package dev.casevault.corpus;

import java.util.List;

/** Builds the text of one field while recording where each planted value lands in it. */
final class FieldText {
  private final String field;
  private final List<PlantedValue> planted;
  private final StringBuilder text = new StringBuilder(256);

  FieldText(String field, List<PlantedValue> planted) {
    this.field = field;
    this.planted = planted;
  }

  FieldText add(String plain) {
    text.append(plain);
    return this;
  }

  FieldText plant(String type, String value) {
    planted.add(
        new PlantedValue(field, type, text.length(), text.length() + value.length(), value));
    text.append(value);
    return this;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
