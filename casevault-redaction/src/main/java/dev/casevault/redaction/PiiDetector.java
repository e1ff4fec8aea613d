package dev.casevault.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The detection engine: one pre-filter pass over a text ({@link ScanText}), then every detector on
 * its candidates, then overlapping findings resolved so that each character belongs to at most one
 * finding.
 *
 * <p>Every text gets a time budget proportional to its length, charged in the detecting thread's
 * CPU time ({@link DetectionBudget}: a paused or descheduled thread does not spend it). When it is
 * spent, {@link #detect} throws {@link DetectionTimeoutException}; a detector that throws anything
 * else has its exception wrapped in {@link DetectionFailedException}. Either way the caller learns
 * that the text was not fully examined and must not store it.
 */
public final class PiiDetector {
  /** Fixed part of a text's time budget: enough for any normal field on a loaded machine. */
  static final long BASE_BUDGET_NANOS = 250_000_000L;

  /** Per-character part: 2 µs per character, i.e. a floor of about 0.5 MB/s. */
  static final long BUDGET_NANOS_PER_CHAR = 2_000L;

  private static final Comparator<Finding> PREFERENCE =
      Comparator.comparingDouble(Finding::score)
          .reversed()
          .thenComparing(Comparator.comparingInt(Finding::length).reversed())
          .thenComparingInt(Finding::start)
          .thenComparing(Finding::type);

  private final List<Detector> detectors;
  private final long baseBudgetNanos;
  private final long budgetNanosPerChar;

  public PiiDetector(List<Detector> detectors, long baseBudgetNanos, long budgetNanosPerChar) {
    this.detectors = List.copyOf(detectors);
    this.baseBudgetNanos = baseBudgetNanos;
    this.budgetNanosPerChar = budgetNanosPerChar;
  }

  /** Every built-in detector, with the default time budget. */
  public static PiiDetector standard() {
    return new PiiDetector(standardDetectors(), BASE_BUDGET_NANOS, BUDGET_NANOS_PER_CHAR);
  }

  /** The built-in detectors, in no particular order (overlaps are resolved by score). */
  public static List<Detector> standardDetectors() {
    List<Detector> all = new ArrayList<>(patternDetectors());
    all.addAll(nameDetectors());
    return List.copyOf(all);
  }

  /** The pattern layer: every detector of data with a fixed shape (and usually a checksum). */
  public static List<Detector> patternDetectors() {
    return List.of(
        new EmailDetector(),
        new NetworkDetector(),
        new SecretDetector(),
        new PhoneDetector(),
        new PaymentDetector(),
        new NationalIdDetector(),
        new DateOfBirthDetector());
  }

  /** The detectors of names and addresses, which work from gazetteers and context. */
  public static List<Detector> nameDetectors() {
    return List.of(new PersonDetector(), new StreetAddressDetector());
  }

  /**
   * The personal data in {@code text}: non-overlapping findings sorted by start.
   *
   * @throws DetectionTimeoutException when the text's budget is spent
   * @throws DetectionFailedException when a detector fails
   */
  public List<Finding> detect(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      return List.of();
    }
    return resolve(detectAll(text), text.length());
  }

  /** Every finding of every detector, overlapping ones included (for explanations and tests). */
  public List<Finding> detectAll(String text) {
    if (detectors.isEmpty()) {
      return new ArrayList<>(); // an engine without detectors (identity tokens only) needs no scan
    }
    long budget = baseBudgetNanos + budgetNanosPerChar * text.length();
    ScanText scan = ScanText.of(text, budget);
    List<Finding> found = new ArrayList<>();
    for (Detector detector : detectors) {
      try {
        detector.detect(scan, found);
      } catch (DetectionTimeoutException timeout) {
        throw timeout;
      } catch (RuntimeException | StackOverflowError failure) {
        throw new DetectionFailedException(detector.getClass().getSimpleName(), failure);
      }
    }
    // Detectors check the budget in their loops; reading the clock once more, rather than after
    // each detector, catches a budget spent in the last few hundred steps at a fraction of the
    // cost on short fields.
    scan.checkDeadlineNow();
    for (Finding finding : found) {
      if (finding.end() > text.length()) {
        throw new DetectionFailedException(
            finding.rule(), new IllegalStateException("a finding ends after the text"));
      }
    }
    return found;
  }

  /**
   * Keeps the best of overlapping findings: higher score, then longer, then earlier. Public so that
   * a benchmark baseline resolves its findings by the same rule.
   */
  public static List<Finding> resolve(List<Finding> found, int textLength) {
    if (found.size() <= 1) {
      return List.copyOf(found);
    }
    List<Finding> byPreference = new ArrayList<>(found);
    byPreference.sort(PREFERENCE);
    // Which characters are already claimed; texts are bounded by the JSON limits, so a bit set of
    // the text's length is cheap.
    java.util.BitSet claimed = new java.util.BitSet(textLength);
    List<Finding> kept = new ArrayList<>();
    for (Finding finding : byPreference) {
      int clash = claimed.nextSetBit(finding.start());
      if (clash >= 0 && clash < finding.end()) {
        continue;
      }
      claimed.set(finding.start(), finding.end());
      kept.add(finding);
    }
    kept.sort(Comparator.comparingInt(Finding::start));
    return kept;
  }
}
