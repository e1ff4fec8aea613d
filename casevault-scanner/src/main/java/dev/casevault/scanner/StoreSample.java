package dev.casevault.scanner;

import java.util.List;
import java.util.Objects;

/**
 * One index, collection, database or bucket a probe found open.
 *
 * @param name its name, as the service gave it
 * @param documents how many records it holds, when the service said; null otherwise
 * @param bytes its size in bytes, when the service said; null otherwise
 * @param structure a description of its structure (a mapping, a schema) for the dataset
 *     fingerprint, in a canonical form; empty when the service has none
 * @param samples at most {@link Probes#MAX_SAMPLES} records read from it
 */
public record StoreSample(
    String name, Long documents, Long bytes, String structure, List<SampledRecord> samples) {
  public StoreSample {
    Objects.requireNonNull(name, "name");
    structure = structure == null ? "" : structure;
    samples = List.copyOf(samples);
    if (samples.size() > Probes.MAX_SAMPLES) {
      throw new IllegalArgumentException(
          "at most " + Probes.MAX_SAMPLES + " samples per store, not " + samples.size());
    }
  }

  public static StoreSample unsampled(String name, Long documents, Long bytes) {
    return new StoreSample(name, documents, bytes, "", List.of());
  }
}
