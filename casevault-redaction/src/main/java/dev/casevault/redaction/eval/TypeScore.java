package dev.casevault.redaction.eval;

/**
 * Counts for one type (or for all types together) and the measures derived from them.
 *
 * @param gold labelled spans
 * @param predicted scored predictions: {@code truePositives + falsePositives} (predictions over
 *     ignored spans are not counted)
 * @param truePositives predictions that matched a labelled span
 * @param falsePositives predictions that matched nothing
 * @param falseNegatives labelled spans that no prediction matched
 */
public record TypeScore(
    long gold, long predicted, long truePositives, long falsePositives, long falseNegatives) {

  /** F-beta with beta = 2: recall weighs four times as much as precision. */
  private static final double BETA_SQUARED = 4;

  /** The share of predictions that were right; NaN when nothing was predicted. */
  public double precision() {
    return predicted == 0 ? Double.NaN : (double) truePositives / predicted;
  }

  /** The share of labelled spans that were found; NaN when nothing was labelled. */
  public double recall() {
    return gold == 0 ? Double.NaN : (double) truePositives / gold;
  }

  /**
   * F2, the harmonic mean that favours recall (a missed value leaks; a false alarm only hides a
   * word). NaN when precision or recall is undefined; 0 when both are 0.
   */
  public double f2() {
    double precision = precision();
    double recall = recall();
    if (Double.isNaN(precision) || Double.isNaN(recall)) {
      return Double.NaN;
    }
    if (precision == 0 && recall == 0) {
      return 0;
    }
    return (1 + BETA_SQUARED) * precision * recall / (BETA_SQUARED * precision + recall);
  }
}
