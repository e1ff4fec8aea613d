package dev.casevault.store;

import dev.casevault.access.AccessScope;

/** What every backend's {@link CaseStore#storedCases} checks before it reads. */
public final class StoredCases {
  /** The largest page {@link CaseStore#storedCases} hands out at once. */
  public static final int MAX_PAGE = 1000;

  private StoredCases() {}

  /**
   * Refuses a page size out of range, and any scope but the data directory's owner's ({@link
   * AccessScope#dataDirectoryOwner()}): the stored form of a case is all of it, sealed values
   * included. A scope a policy compiled is refused even if it sees every case, field and identity.
   */
  public static void requireWholeArchive(int size, AccessScope scope) {
    if (size < 1 || size > MAX_PAGE) {
      throw new IllegalArgumentException(
          "a page of stored cases is 1 to " + MAX_PAGE + " cases, not " + size);
    }
    if (!scope.isDataDirectoryOwner()) {
      throw new IllegalArgumentException(
          "cases in their stored form are whole cases: only the data directory's owner may read"
              + " them");
    }
  }
}
