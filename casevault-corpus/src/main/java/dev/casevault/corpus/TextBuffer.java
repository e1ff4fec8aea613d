package dev.casevault.corpus;

import java.util.Arrays;
import java.util.List;

/**
 * The text of one field while it is being written, with the spans of the personal data planted in
 * it. Offsets are positions in the Java string (UTF-16 code units), as {@link PlantedValue} needs.
 */
final class TextBuffer {
  private final StringBuilder text = new StringBuilder(1024);
  private PiiType[] types = new PiiType[8];
  private int[] starts = new int[8];
  private int[] ends = new int[8];
  private int count;

  TextBuffer append(String value) {
    text.append(value);
    return this;
  }

  TextBuffer append(char value) {
    text.append(value);
    return this;
  }

  /** Appends {@code value} and records it as planted personal data of {@code type}. */
  TextBuffer plant(PiiType type, String value) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty planted value");
    }
    if (count == types.length) {
      types = Arrays.copyOf(types, count * 2);
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    types[count] = type;
    starts[count] = text.length();
    text.append(value);
    ends[count] = text.length();
    count++;
    return this;
  }

  /**
   * Returns the text written so far, adds its planted values to {@code planted} as values of {@code
   * field}, and empties the buffer for the next field.
   */
  String finish(String field, List<PlantedValue> planted) {
    String value = text.toString();
    for (int i = 0; i < count; i++) {
      planted.add(
          new PlantedValue(
              field, types[i].name(), starts[i], ends[i], value.substring(starts[i], ends[i])));
    }
    text.setLength(0);
    count = 0;
    return value;
  }
}
