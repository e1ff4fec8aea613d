package dev.casevault.service;

import dev.casevault.store.StoredCases;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a migration runs ({@link CaseVault#migrate}).
 *
 * @param from names the source store in the progress file, reports and audit events (a kind and a
 *     folder or URLs, never credentials)
 * @param to names the target store likewise
 * @param progressFile where the last committed page is recorded, so that a migration that stopped
 *     resumes after it; created owner-only
 * @param pageSize cases per page: per audit event and per commit of the target
 * @param restart whether to copy everything again, ignoring the recorded progress
 */
public record MigrationOptions(
    String from, String to, Path progressFile, int pageSize, boolean restart) {
  /** Cases per page unless told otherwise, as export's pages. */
  public static final int DEFAULT_PAGE = 500;

  public MigrationOptions {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(progressFile, "progressFile");
    if (pageSize < 1 || pageSize > StoredCases.MAX_PAGE) {
      throw new IllegalArgumentException(
          "the page size is 1 to " + StoredCases.MAX_PAGE + " cases, not " + pageSize);
    }
  }
}
