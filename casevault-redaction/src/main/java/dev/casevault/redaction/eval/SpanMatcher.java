package dev.casevault.redaction.eval;

import dev.casevault.redaction.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Matches predictions to labelled spans as Presidio's evaluation does: a prediction matches a
 * labelled span when their character IoU (intersection over union) is at least 0.9; each labelled
 * span and each prediction is matched at most once, best IoU first.
 */
final class SpanMatcher {
  /** IoU threshold as a fraction, compared in integers so that exactly 0.9 matches. */
  private static final long THRESHOLD_NUMERATOR = 9;

  private static final long THRESHOLD_DENOMINATOR = 10;

  private SpanMatcher() {}

  /** Characters shared by two spans; 0 when they do not overlap. */
  static int overlap(int aStart, int aEnd, int bStart, int bEnd) {
    return Math.max(0, Math.min(aEnd, bEnd) - Math.max(aStart, bStart));
  }

  /** Characters covered by either of two overlapping spans. */
  static int union(int aStart, int aEnd, int bStart, int bEnd) {
    return (aEnd - aStart) + (bEnd - bStart) - overlap(aStart, aEnd, bStart, bEnd);
  }

  static double iou(int aStart, int aEnd, int bStart, int bEnd) {
    return (double) overlap(aStart, aEnd, bStart, bEnd) / union(aStart, aEnd, bStart, bEnd);
  }

  static boolean matches(int aStart, int aEnd, int bStart, int bEnd) {
    long overlap = overlap(aStart, aEnd, bStart, bEnd);
    return overlap > 0
        && THRESHOLD_DENOMINATOR * overlap
            >= THRESHOLD_NUMERATOR * union(aStart, aEnd, bStart, bEnd);
  }

  /** A candidate match; its IoU is {@code overlap / union}, compared as a fraction. */
  private record Pair(int prediction, int gold, long overlap, long union) {}

  private static final Comparator<Pair> BEST_FIRST =
      ((Comparator<Pair>) (a, b) -> Long.compare(b.overlap * a.union, a.overlap * b.union))
          .thenComparingInt(Pair::prediction)
          .thenComparingInt(Pair::gold);

  /**
   * For each prediction, the index in {@code gold} of the labelled span it matched, or -1.
   *
   * @param sameType whether a match needs the same type; without it any type matches (the
   *     type-agnostic score: was the value hidden at all?)
   */
  static int[] match(List<GoldSpan> gold, List<Finding> predicted, boolean sameType) {
    List<Pair> candidates = new ArrayList<>();
    for (int p = 0; p < predicted.size(); p++) {
      Finding prediction = predicted.get(p);
      for (int g = 0; g < gold.size(); g++) {
        GoldSpan span = gold.get(g);
        if ((!sameType || span.type() == prediction.type())
            && matches(prediction.start(), prediction.end(), span.start(), span.end())) {
          candidates.add(
              new Pair(
                  p,
                  g,
                  overlap(prediction.start(), prediction.end(), span.start(), span.end()),
                  union(prediction.start(), prediction.end(), span.start(), span.end())));
        }
      }
    }
    candidates.sort(BEST_FIRST);
    int[] matchedGold = new int[predicted.size()];
    Arrays.fill(matchedGold, -1);
    boolean[] goldTaken = new boolean[gold.size()];
    for (Pair pair : candidates) {
      if (matchedGold[pair.prediction] < 0 && !goldTaken[pair.gold]) {
        matchedGold[pair.prediction] = pair.gold;
        goldTaken[pair.gold] = true;
      }
    }
    return matchedGold;
  }
}
