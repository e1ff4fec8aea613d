package dev.casevault.redaction.eval;

import dev.casevault.redaction.PiiType;

/**
 * One miss or false positive, for tuning. It quotes the evaluation text: synthetic data only.
 *
 * @param kind a miss or a false positive
 * @param id the sample or case
 * @param field the string within it
 * @param type the labelled type (miss) or the predicted type (false positive)
 * @param start the span's start
 * @param end the span's end (exclusive)
 * @param rule the rule that predicted it (false positive); empty for a miss
 * @param nearest the overlapping span of the other side with the highest IoU, e.g. {@code PHONE [3,
 *     15) IoU 0.80 phone.national} for a miss, or empty when nothing overlaps
 * @param context the text around the span, the span itself in {@code [[ ]]}, line ends shown as
 *     {@code ⏎}
 */
public record ErrorExample(
    Kind kind,
    String id,
    String field,
    PiiType type,
    int start,
    int end,
    String rule,
    String nearest,
    String context) {

  /** Which way the detector was wrong. */
  public enum Kind {
    MISS,
    FALSE_POSITIVE
  }
}
