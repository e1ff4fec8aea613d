package dev.casevault.audit;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an event touched. Ids and tokens only: customer ids are the keyed tokens the store holds,
 * queries are keyed hashes, so the log never holds a personal-data value.
 *
 * @param cases the case ids returned or touched, in the order returned
 * @param customers the customer tokens of those cases, where known, distinct
 * @param fields the fields returned (query names)
 * @param total for a search, the number of matching cases the scope allowed, or null
 * @param queryHash for a search or suggestion, the keyed hash of the normalised query, or null
 * @param details other facts, e.g. {@code user}, {@code key}, {@code ref}, {@code level}; values
 *     are never personal data
 */
public record AuditTarget(
    List<String> cases,
    List<String> customers,
    List<String> fields,
    Long total,
    String queryHash,
    SortedMap<String, String> details) {
  public static final AuditTarget NONE =
      new AuditTarget(List.of(), List.of(), List.of(), null, null, new TreeMap<>());

  public AuditTarget {
    cases = List.copyOf(cases);
    customers = List.copyOf(customers);
    fields = List.copyOf(fields);
    details = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(details));
  }

  public static AuditTarget details(Map<String, String> details) {
    return NONE.withDetails(details);
  }

  public AuditTarget withCases(List<String> cases, List<String> customers) {
    return new AuditTarget(cases, customers, fields, total, queryHash, details);
  }

  public AuditTarget withFields(List<String> fields) {
    return new AuditTarget(cases, customers, fields, total, queryHash, details);
  }

  public AuditTarget withQuery(String queryHash, Long total) {
    return new AuditTarget(cases, customers, fields, total, queryHash, details);
  }

  public AuditTarget withDetails(Map<String, String> more) {
    TreeMap<String, String> merged = new TreeMap<>(details);
    merged.putAll(more);
    return new AuditTarget(cases, customers, fields, total, queryHash, merged);
  }
}
