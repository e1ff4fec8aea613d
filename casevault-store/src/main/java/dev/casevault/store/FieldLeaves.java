package dev.casevault.store;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How every backend expands a query leaf on a field: one query per concrete field the scope shows
 * (text fields analysed in the query's language), so that a hidden field is never searched and a
 * virtual field ({@code text}, {@code notes}) means any of its visible parts.
 */
public final class FieldLeaves {
  private FieldLeaves() {}

  /** Builds a backend's query for one concrete field; empty when it matches nothing by itself. */
  public interface PerField<Q> {
    /** {@code language} is null for keyword and date fields and set for text fields. */
    Optional<Q> build(CaseField concrete, Language language);
  }

  /**
   * The queries of {@code field}'s concrete fields that {@code scope} shows (all of them when the
   * scope is null), or empty when the scope hides every one of them: then the leaf must match
   * nothing.
   */
  public static <Q> Optional<List<Q>> visible(
      CaseField field, AccessScope scope, Language language, PerField<Q> perField) {
    List<Q> alternatives = new ArrayList<>();
    boolean anyVisible = false;
    for (CaseField concrete : field.concreteFields()) {
      if (scope != null && !scope.canSee(concrete)) {
        continue;
      }
      anyVisible = true;
      perField
          .build(concrete, concrete.kind() == CaseField.Kind.TEXT ? language : null)
          .ifPresent(alternatives::add);
    }
    return anyVisible ? Optional.of(alternatives) : Optional.empty();
  }
}
