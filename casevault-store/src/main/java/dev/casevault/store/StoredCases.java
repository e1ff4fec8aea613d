package dev.casevault.store;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;

/** What every backend's {@link CaseStore#storedCases} checks before it reads. */
public final class StoredCases {
  /** The largest page {@link CaseStore#storedCases} hands out at once. */
  public static final int MAX_PAGE = 1000;

  private StoredCases() {}

  /**
   * Refuses a page size out of range, and a scope that does not see every case, every field and the
   * identities: the stored form of a case is all of it, sealed values included, so only the data
   * directory's owner ({@link AccessScope#dataDirectoryOwner()}) may read it.
   */
  public static void requireWholeArchive(int size, AccessScope scope) {
    if (size < 1 || size > MAX_PAGE) {
      throw new IllegalArgumentException(
          "a page of stored cases is 1 to " + MAX_PAGE + " cases, not " + size);
    }
    boolean everything =
        scope.documentFilter() instanceof CaseQuery.MatchAll && scope.canSeeIdentities();
    for (CaseField field : CaseField.values()) {
      everything &= !field.isConcrete() || scope.canSee(field);
    }
    if (!everything) {
      throw new IllegalArgumentException(
          "cases in their stored form are whole cases: only a scope that sees every case and"
              + " field may read them");
    }
  }
}
