package dev.casevault.access;

import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one read may see: the cases matching {@link #documentFilter()} and, of those, the fields in
 * {@link #visibleFields()}.
 *
 * <p>Every read of a {@code CaseStore} takes a scope, and backends push the filter down into the
 * query itself, so hits, totals, facets and highlights are all computed over visible cases only.
 * Hidden fields are neither searched, highlighted, counted in facets nor returned.
 */
public final class AccessScope {
  private final CaseQuery documentFilter;
  private final Set<CaseField> visibleFields;
  private final boolean identitiesVisible;
  // Set by dataDirectoryOwner() alone: a policy role that happens to see everything is not the
  // owner.
  private final boolean dataDirectoryOwner;

  private AccessScope(
      CaseQuery documentFilter, Set<CaseField> visibleFields, boolean identitiesVisible) {
    this(documentFilter, visibleFields, identitiesVisible, false);
  }

  private AccessScope(
      CaseQuery documentFilter,
      Set<CaseField> visibleFields,
      boolean identitiesVisible,
      boolean dataDirectoryOwner) {
    this.documentFilter = Objects.requireNonNull(documentFilter, "documentFilter");
    for (CaseField field : visibleFields) {
      if (!field.isConcrete()) {
        throw new IllegalArgumentException("visible fields must be concrete: " + field.queryName());
      }
    }
    this.visibleFields = Set.copyOf(visibleFields);
    this.identitiesVisible = identitiesVisible;
    this.dataDirectoryOwner = dataDirectoryOwner;
  }

  /**
   * The header of a case, visible in every scope: without the id a hit could not be named in the
   * audit log, and the rest says what a case is about without saying anything of who or what was
   * written.
   */
  public static final Set<CaseField> HEADER_FIELDS =
      Set.copyOf(
          EnumSet.of(
              CaseField.ID,
              CaseField.STATUS,
              CaseField.PRODUCT,
              CaseField.CHANNEL,
              CaseField.LANGUAGE,
              CaseField.CREATED,
              CaseField.UPDATED));

  /**
   * A scope limited to the cases matching {@code documentFilter} and to {@code visibleFields} (plus
   * the {@link #HEADER_FIELDS}).
   */
  public static AccessScope restrictedTo(CaseQuery documentFilter, Set<CaseField> visibleFields) {
    Set<CaseField> fields = EnumSet.copyOf(HEADER_FIELDS);
    for (CaseField field : visibleFields) {
      if (field.kind() == CaseField.Kind.IDENTITY) {
        throw new IllegalArgumentException(
            "a restricted scope hides identities, so it cannot make "
                + field.queryName()
                + " visible");
      }
    }
    fields.addAll(visibleFields);
    return new AccessScope(documentFilter, fields, false);
  }

  /**
   * A scope compiled by the {@link AccessPolicy}: only the policy may make identities visible.
   * {@code visibleFields} gets the {@link #HEADER_FIELDS} added.
   */
  static AccessScope compiled(
      CaseQuery documentFilter, Set<CaseField> visibleFields, boolean identitiesVisible) {
    Set<CaseField> fields = EnumSet.copyOf(HEADER_FIELDS);
    fields.addAll(visibleFields);
    if (identitiesVisible) {
      for (CaseField field : CaseField.values()) {
        if (field.kind() == CaseField.Kind.IDENTITY) {
          fields.add(field);
        }
      }
    }
    return new AccessScope(documentFilter, fields, identitiesVisible);
  }

  /**
   * Every case and every field: the scope of the local command line ({@code casevault search},
   * {@code show}), run by the owner of the data directory, who can read every file in it anyway.
   * Remote callers never get it: the server compiles each caller's scope from the {@link
   * AccessPolicy}. Grep for this name to find every unrestricted read.
   */
  public static AccessScope dataDirectoryOwner() {
    EnumSet<CaseField> all = EnumSet.noneOf(CaseField.class);
    for (CaseField field : CaseField.values()) {
      if (field.isConcrete()) {
        all.add(field);
      }
    }
    return new AccessScope(CaseQuery.matchAll(), all, true, true);
  }

  /**
   * Whether this is {@link #dataDirectoryOwner()}'s scope, not merely one that sees as much: what
   * only the owner may do (read cases in their stored form, to migrate them) asks this.
   */
  public boolean isDataDirectoryOwner() {
    return dataDirectoryOwner;
  }

  public CaseQuery documentFilter() {
    return documentFilter;
  }

  public Set<CaseField> visibleFields() {
    return visibleFields;
  }

  public boolean canSee(CaseField field) {
    return visibleFields.contains(field);
  }

  /** Whether reads return the customer and agent records (names, e-mails, phones, IPs). */
  public boolean canSeeIdentities() {
    return identitiesVisible;
  }
}
