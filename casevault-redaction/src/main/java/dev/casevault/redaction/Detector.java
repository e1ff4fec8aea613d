package dev.casevault.redaction;

import java.util.List;

/**
 * Finds one family of personal data in a text that the {@link ScanText pre-filter} has already
 * split into tokens.
 *
 * <p>Contract, so that the whole engine stays fast and bounded on any input:
 *
 * <ul>
 *   <li>Start work only at candidate tokens of the pre-filter (a digit run, an {@code @}, a
 *       capitalised word, a keyword), never by scanning the raw text from every position.
 *   <li>Look only at a bounded window around a candidate, so the work is linear in the text's
 *       length. No {@link java.util.regex} over raw text.
 *   <li>Call {@link ScanText#checkDeadline()} in every loop over tokens; it throws {@link
 *       DetectionTimeoutException} when the text's time budget is spent.
 *   <li>Be thread-safe and stateless between calls: one instance serves every ingest thread.
 * </ul>
 */
public interface Detector {

  /** Adds what this detector finds in {@code text} to {@code out}, in any order. */
  void detect(ScanText text, List<Finding> out);
}
