package dev.casevault.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a role may do. A principal holds the permissions of its roles and nothing else. */
public enum Permission {
  /** Search cases (hits, totals, facets, highlights, suggestions) within the role's cases. */
  SEARCH,
  /** Read a whole case within the role's cases. */
  READ,
  /** See confidential notes in the cases one may search or read. */
  READ_CONFIDENTIAL,
  /** Reveal one sealed original value, with a justification. */
  REVEAL,
  /** Read cases in bulk (export). */
  EXPORT,
  /** Add cases. */
  INGEST,
  /** Read the audit log. */
  AUDIT,
  /** Manage users, API keys and roles. */
  ADMIN;

  /** The name used in policy files and the API: {@code read_confidential}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Permission> byWireName(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
  }
}
