package dev.casevault.scanner;

import dev.casevault.redaction.PiiType;
import java.util.List;

/**
 * A type of personal data found in the sampled records of an endpoint.
 *
 * @param type what it is
 * @param records in how many sampled records
 * @param fields the fields it was found in (paths such as {@code customer.email}), at most five
 * @param example one value with every letter replaced by {@code x} and every digit by {@code 9}
 *     (separators kept, cut at 40 characters): its shape, never the value
 */
public record PersonalDataFound(PiiType type, int records, List<String> fields, String example) {
  public PersonalDataFound {
    fields = List.copyOf(fields);
  }
}
