package dev.casevault.store;

import dev.casevault.core.CaseField;
import java.util.List;
import java.util.Map;

/**
 * One page of hits.
 *
 * @param total every matching case the scope lets one see, exactly
 * @param hits this page, in the requested order
 * @param facets for each requested field, value to count, most frequent first
 * @param next the cursor for the next page, or null when this is the last one
 */
public record SearchResult(
    long total, List<Hit> hits, Map<CaseField, Map<String, Long>> facets, String next) {
  public SearchResult {
    hits = List.copyOf(hits);
    facets = Map.copyOf(facets);
  }
}
