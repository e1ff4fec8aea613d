package dev.casevault.corpus;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One value of personal data planted in a generated case: the ground truth a detector is measured
 * against.
 *
 * @param field where it is, as a path into the case: {@code subject}, {@code description}, {@code
 *     messages[3].text}, {@code notes[0].text}, {@code notes[1].author}, {@code customer.name},
 *     {@code customer.email}, {@code customer.phone}, {@code customer.ip}, {@code agent.name},
 *     {@code agent.email}
 * @param type one of {@link #TYPES}
 * @param start 0-based offset of the first character, in UTF-16 code units of the field's string
 * @param end offset just after the last character (exclusive)
 * @param value the planted text, equal to {@code field.substring(start, end)}
 */
public record PlantedValue(String field, String type, int start, int end, String value) {
  /**
   * The canonical type names. A URL_CREDENTIALS value is the whole URL that carries the credential;
   * a SECRET is the secret alone, without its label ("password: " is not part of it); a PERSON is
   * the name alone, without a title ("Mme " is not part of it); a DATE_OF_BIRTH is the date alone.
   */
  public static final List<String> TYPES =
      Arrays.stream(PiiType.values()).map(PiiType::name).toList();

  public PlantedValue {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(value, "value");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unknown type " + type);
    }
    if (start < 0 || end <= start || value.length() != end - start) {
      throw new IllegalArgumentException(
          "span [" + start + ", " + end + ") does not fit a value of " + value.length() + " chars");
    }
  }
}
