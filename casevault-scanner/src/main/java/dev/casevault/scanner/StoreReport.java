package dev.casevault.scanner;

import dev.casevault.redaction.PiiType;
import java.util.List;

/**
 * One open index, collection, database or bucket in a report.
 *
 * @param name its name
 * @param documents its record count, null when unknown
 * @param bytes its size, null when unknown
 * @param sampled how many records were read from it
 * @param personalData the types of personal data in those records
 */
public record StoreReport(
    String name, Long documents, Long bytes, int sampled, List<PiiType> personalData) {
  public StoreReport {
    personalData = List.copyOf(personalData);
  }
}
