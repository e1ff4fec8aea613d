package dev.casevault.redaction.eval;

import dev.casevault.redaction.DetectionFailedException;
import dev.casevault.redaction.DetectionTimeoutException;
import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Scores a detector on labelled texts, one text at a time, so that a data set of any size is
 * evaluated in constant memory.
 *
 * <p>Per type: a prediction is a true positive when it matches a labelled span of its type (IoU >=
 * 0.9, each span matched once, see {@link SpanMatcher}); an unmatched prediction is ignored when it
 * overlaps an {@link IgnoredSpan}, a false positive otherwise; an unmatched labelled span is a
 * false negative. The type-agnostic score does the same with matches of any type.
 *
 * <p>Not thread-safe: one evaluation, one thread.
 */
public final class Evaluation {
  /** Characters of context shown on each side of an error. */
  static final int CONTEXT_CHARS = 40;

  private final PiiDetector detector;
  private final double minScore;
  private final int errorsPerType;
  private final Map<PiiType, Counts> byType = new EnumMap<>(PiiType.class);
  private final Counts anyType = new Counts();
  private final Map<PiiType, List<ErrorExample>> misses = new EnumMap<>(PiiType.class);
  private final Map<PiiType, List<ErrorExample>> falsePositives = new EnumMap<>(PiiType.class);
  private long ignoredPredictions;
  private long texts;
  private long characters;
  private long detectionNanos;
  private long failedTexts;

  /**
   * @param detector the detector under test
   * @param minScore findings scored below this are not predictions, as redaction ignores them
   *     ({@link dev.casevault.redaction.RedactionPolicy#minScore()})
   * @param errorsPerType how many misses and how many false positives to keep per type, for {@link
   *     EvaluationReport#errors()}; 0 keeps none
   */
  public Evaluation(PiiDetector detector, double minScore, int errorsPerType) {
    if (errorsPerType < 0) {
      throw new IllegalArgumentException("errorsPerType must not be negative");
    }
    this.detector = detector;
    this.minScore = minScore;
    this.errorsPerType = errorsPerType;
  }

  private static final class Counts {
    long gold;
    long truePositives;
    long falsePositives;
    long falseNegatives;

    TypeScore score() {
      return new TypeScore(
          gold, truePositives + falsePositives, truePositives, falsePositives, falseNegatives);
    }
  }

  /** Runs the detector on {@code text} and scores what it finds. */
  public void add(LabelledText text) {
    List<Finding> predicted;
    long started = System.nanoTime();
    try {
      predicted = detector.detect(text.text()).stream().filter(f -> f.score() >= minScore).toList();
    } catch (DetectionTimeoutException | DetectionFailedException e) {
      // The text was not examined: for redaction that means quarantine, for scoring nothing found.
      predicted = List.of();
      failedTexts++;
    }
    detectionNanos += System.nanoTime() - started;
    texts++;
    characters += text.text().length();
    score(text, predicted);
  }

  private void score(LabelledText text, List<Finding> predicted) {
    List<GoldSpan> gold = text.gold();
    for (GoldSpan span : gold) {
      counts(span.type()).gold++;
    }
    anyType.gold += gold.size();

    int[] matched = SpanMatcher.match(gold, predicted, true);
    boolean[] goldFound = new boolean[gold.size()];
    for (int p = 0; p < predicted.size(); p++) {
      Finding prediction = predicted.get(p);
      if (matched[p] >= 0) {
        goldFound[matched[p]] = true;
        counts(prediction.type()).truePositives++;
      } else if (isIgnored(text, prediction)) {
        ignoredPredictions++;
      } else {
        counts(prediction.type()).falsePositives++;
        keep(falsePositives, prediction.type(), falsePositive(text, prediction));
      }
    }
    for (int g = 0; g < gold.size(); g++) {
      if (!goldFound[g]) {
        counts(gold.get(g).type()).falseNegatives++;
        keep(misses, gold.get(g).type(), miss(text, gold.get(g), predicted));
      }
    }

    int[] matchedAnyType = SpanMatcher.match(gold, predicted, false);
    int found = 0;
    for (int p = 0; p < predicted.size(); p++) {
      if (matchedAnyType[p] >= 0) {
        found++;
      } else if (!isIgnored(text, predicted.get(p))) {
        anyType.falsePositives++;
      }
    }
    anyType.truePositives += found;
    anyType.falseNegatives += gold.size() - found;
  }

  private static boolean isIgnored(LabelledText text, Finding prediction) {
    for (IgnoredSpan ignored : text.ignored()) {
      if (ignored.overlaps(prediction.start(), prediction.end())) {
        return true;
      }
    }
    return false;
  }

  private Counts counts(PiiType type) {
    return byType.computeIfAbsent(type, t -> new Counts());
  }

  private void keep(
      Map<PiiType, List<ErrorExample>> kept, PiiType type, Supplier<ErrorExample> example) {
    List<ErrorExample> list = kept.computeIfAbsent(type, t -> new ArrayList<>());
    if (list.size() < errorsPerType) {
      list.add(example.get());
    }
  }

  private static Supplier<ErrorExample> falsePositive(LabelledText text, Finding prediction) {
    return () -> {
      String nearest = "";
      double best = 0;
      for (GoldSpan span : text.gold()) {
        if (SpanMatcher.overlap(span.start(), span.end(), prediction.start(), prediction.end())
            > 0) {
          double iou =
              SpanMatcher.iou(span.start(), span.end(), prediction.start(), prediction.end());
          if (iou > best) {
            best = iou;
            nearest = describe(span.type().name(), span.start(), span.end(), iou, "");
          }
        }
      }
      return new ErrorExample(
          ErrorExample.Kind.FALSE_POSITIVE,
          text.id(),
          text.field(),
          prediction.type(),
          prediction.start(),
          prediction.end(),
          prediction.rule(),
          nearest,
          context(text.text(), prediction.start(), prediction.end()));
    };
  }

  private static Supplier<ErrorExample> miss(
      LabelledText text, GoldSpan span, List<Finding> predicted) {
    return () -> {
      String nearest = "";
      double best = 0;
      for (Finding prediction : predicted) {
        if (SpanMatcher.overlap(span.start(), span.end(), prediction.start(), prediction.end())
            > 0) {
          double iou =
              SpanMatcher.iou(span.start(), span.end(), prediction.start(), prediction.end());
          if (iou > best) {
            best = iou;
            nearest =
                describe(
                    prediction.type().name(),
                    prediction.start(),
                    prediction.end(),
                    iou,
                    prediction.rule());
          }
        }
      }
      return new ErrorExample(
          ErrorExample.Kind.MISS,
          text.id(),
          text.field(),
          span.type(),
          span.start(),
          span.end(),
          "",
          nearest,
          context(text.text(), span.start(), span.end()));
    };
  }

  private static String describe(String type, int start, int end, double iou, String rule) {
    return String.format(Locale.ROOT, "%s [%d, %d) IoU %.2f %s", type, start, end, iou, rule)
        .strip();
  }

  /** The span in {@code [[ ]]} with some text around it, on one line. */
  static String context(String text, int start, int end) {
    int from = Math.max(0, start - CONTEXT_CHARS);
    int to = Math.min(text.length(), end + CONTEXT_CHARS);
    return (from > 0 ? "…" : "")
        + oneLine(text.substring(from, start))
        + "[["
        + oneLine(text.substring(start, end))
        + "]]"
        + oneLine(text.substring(end, to))
        + (to < text.length() ? "…" : "");
  }

  /**
   * Line ends shown as ⏎ and other control characters as spaces, so that an example is one line and
   * cannot drive the reader's terminal.
   */
  private static String oneLine(String text) {
    StringBuilder line = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line.append('⏎');
      } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        line.append(' ');
      } else {
        line.append(c);
      }
    }
    return line.toString();
  }

  /** The scores so far. */
  public EvaluationReport report() {
    Map<PiiType, TypeScore> scores = new EnumMap<>(PiiType.class);
    byType.forEach((type, counts) -> scores.put(type, counts.score()));
    List<ErrorExample> errors = new ArrayList<>();
    for (PiiType type : PiiType.values()) {
      errors.addAll(misses.getOrDefault(type, List.of()));
      errors.addAll(falsePositives.getOrDefault(type, List.of()));
    }
    return new EvaluationReport(
        scores,
        anyType.score(),
        ignoredPredictions,
        texts,
        characters,
        detectionNanos,
        failedTexts,
        errors);
  }
}
