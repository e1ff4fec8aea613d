package dev.casevault.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A search over cases, as a tree. User text is parsed into this tree by {@link QueryParser}; each
 * backend translates the tree into its own query objects. Nothing ever pastes user text into a
 * backend's query syntax.
 */
public sealed interface CaseQuery {

  /** Every case (within the caller's access scope). */
  record MatchAll() implements CaseQuery {}

  /**
   * A single word or value. On a text field the backend analyses it (lower case, accent folding,
   * stemming); on a keyword field it must match exactly.
   */
  record Term(CaseField field, String value) implements CaseQuery {
    public Term {
      Objects.requireNonNull(field, "field");
      requireText(value, "value");
      if (field.kind() == CaseField.Kind.DATE) {
        throw new IllegalArgumentException("a date field takes a range, not a term");
      }
    }
  }

  /** Words that must appear next to each other, in order, in one text field. */
  record Phrase(CaseField field, String text) implements CaseQuery {
    public Phrase {
      Objects.requireNonNull(field, "field");
      requireText(text, "text");
      if (field.kind() != CaseField.Kind.TEXT) {
        throw new IllegalArgumentException("a phrase needs a text field, not " + field.queryName());
      }
    }
  }

  /** Words (text) or values (keyword) that start with {@code prefix}. */
  record Prefix(CaseField field, String prefix) implements CaseQuery {
    public Prefix {
      Objects.requireNonNull(field, "field");
      requireText(prefix, "prefix");
      if (field.kind() == CaseField.Kind.DATE) {
        throw new IllegalArgumentException("a date field takes a range, not a prefix");
      }
      if (field.kind() == CaseField.Kind.IDENTITY) {
        throw new IllegalArgumentException(
            field.queryName() + " is stored as a token: search it with the exact value");
      }
    }
  }

  /** Instants in {@code [from, to)}; a null bound is open. */
  record DateRange(CaseField field, Instant from, Instant to) implements CaseQuery {
    public DateRange {
      Objects.requireNonNull(field, "field");
      if (field.kind() != CaseField.Kind.DATE) {
        throw new IllegalArgumentException("a range needs a date field, not " + field.queryName());
      }
      if (from != null && to != null && from.isAfter(to)) {
        throw new IllegalArgumentException("a range must not end before it starts");
      }
    }
  }

  /** Every clause matches. */
  record And(List<CaseQuery> clauses) implements CaseQuery {
    public And {
      clauses = requireClauses(clauses);
    }
  }

  /** At least one clause matches. */
  record Or(List<CaseQuery> clauses) implements CaseQuery {
    public Or {
      clauses = requireClauses(clauses);
    }
  }

  /** Every case the clause does not match. */
  record Not(CaseQuery clause) implements CaseQuery {
    public Not {
      Objects.requireNonNull(clause, "clause");
    }
  }

  static CaseQuery matchAll() {
    return new MatchAll();
  }

  static CaseQuery and(CaseQuery... clauses) {
    return new And(List.of(clauses));
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static List<CaseQuery> requireClauses(List<CaseQuery> clauses) {
    if (clauses == null || clauses.isEmpty()) {
      throw new IllegalArgumentException("a boolean query needs at least one clause");
    }
    return List.copyOf(clauses);
  }
}
