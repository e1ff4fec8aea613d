package dev.casevault.store;

import dev.casevault.core.CaseField;
import dev.casevault.core.CaseId;
import dev.casevault.core.Status;
import java.time.Instant;
import java.util.Map;

/**
 * One matching case.
 *
 * @param score the relevance score, or NaN when hits are sorted by date
 * @param subject the subject, or null when the scope hides it
 * @param highlights for each matching visible text field, a snippet with matches in {@code <em>}
 */
public record Hit(
    CaseId id,
    float score,
    Instant created,
    Status status,
    String subject,
    Map<CaseField, String> highlights) {
  public Hit {
    highlights = Map.copyOf(highlights);
  }
}
