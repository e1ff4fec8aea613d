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
 * @param customer who the case is about, as stored (an opaque id or its identity token), or null:
 *     for the audit log's record of whose cases were seen, whatever the scope shows; never shown
 */
public record Hit(
    CaseId id,
    float score,
    Instant created,
    Status status,
    String subject,
    Map<CaseField, String> highlights,
    String customer) {
  public Hit {
    highlights = Map.copyOf(highlights);
  }
}
