package dev.casevault.redaction.eval;

import dev.casevault.redaction.PiiType;
import java.util.List;
import java.util.Map;

/**
 * The result of an {@link Evaluation}.
 *
 * @param byType scores per type, in {@link PiiType} order, for every type that was labelled or
 *     predicted
 * @param anyType the type-agnostic score: a prediction of any type matches a labelled span
 * @param ignoredPredictions predictions that overlapped an ignored span and were not scored
 * @param texts texts examined
 * @param characters characters examined
 * @param detectionNanos time spent in the detector
 * @param failedTexts texts on which the detector timed out or failed (their labels count as misses)
 * @param errors misses and false positives kept for tuning, at most the number asked per type and
 *     kind
 */
public record EvaluationReport(
    Map<PiiType, TypeScore> byType,
    TypeScore anyType,
    long ignoredPredictions,
    long texts,
    long characters,
    long detectionNanos,
    long failedTexts,
    List<ErrorExample> errors) {

  public EvaluationReport {
    byType = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(byType));
    errors = List.copyOf(errors);
  }

  public double seconds() {
    return detectionNanos / 1e9;
  }

  /** Detector throughput: characters examined per second of detection. */
  public double charactersPerSecond() {
    return characters / Math.max(seconds(), 1e-9);
  }
}
