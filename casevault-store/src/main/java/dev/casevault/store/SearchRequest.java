package dev.casevault.store;

import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import java.util.List;
import java.util.Objects;

/**
 * One page of a search.
 *
 * @param query what to match
 * @param sort the order of hits
 * @param size hits per page, 0 to {@link #MAX_SIZE} (0 for only the total and facets)
 * @param after the {@code next} cursor of the previous page, or null for the first page
 * @param facets keyword fields whose values to count over all matching cases
 * @param facetSize how many values per facet, most frequent first
 */
public record SearchRequest(
    CaseQuery query,
    SortOrder sort,
    int size,
    String after,
    List<CaseField> facets,
    int facetSize) {
  public static final int MAX_SIZE = 1000;
  public static final int MAX_FACET_SIZE = 1000;

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(sort, "sort");
    if (size < 0 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size must be between 0 and " + MAX_SIZE);
    }
    if (facetSize < 1 || facetSize > MAX_FACET_SIZE) {
      throw new IllegalArgumentException("facet size must be between 1 and " + MAX_FACET_SIZE);
    }
    facets = List.copyOf(facets);
    for (CaseField field : facets) {
      if (!field.isFacetable()) {
        throw new IllegalArgumentException(
            "cannot count facets of " + field.queryName() + "; facets: " + facetableNames());
      }
    }
  }

  public static SearchRequest of(CaseQuery query) {
    return new SearchRequest(query, SortOrder.RELEVANCE, 10, null, List.of(), 10);
  }

  public SearchRequest withQuery(CaseQuery newQuery) {
    return new SearchRequest(newQuery, sort, size, after, facets, facetSize);
  }

  public SearchRequest withSize(int newSize) {
    return new SearchRequest(query, sort, newSize, after, facets, facetSize);
  }

  public SearchRequest withSort(SortOrder newSort) {
    return new SearchRequest(query, newSort, size, after, facets, facetSize);
  }

  public SearchRequest withAfter(String cursor) {
    return new SearchRequest(query, sort, size, cursor, facets, facetSize);
  }

  public SearchRequest withFacets(List<CaseField> fields, int perFacet) {
    return new SearchRequest(query, sort, size, after, fields, perFacet);
  }

  private static String facetableNames() {
    return String.join(", ", CaseField.facetable().stream().map(CaseField::queryName).toList());
  }
}
