package dev.casevault.service;

import java.util.List;

/**
 * What a migration did and what its check found.
 *
 * @param resumedAfter cases an earlier run had copied when this one took over (0 for a fresh run)
 * @param copied cases this run copied
 * @param pages pages this run copied
 * @param seconds how long this run took, the check included
 * @param check the comparison of the two stores at the end
 */
public record MigrationReport(
    long resumedAfter, long copied, long pages, double seconds, Check check) {

  /**
   * The two stores compared case by case, in id order.
   *
   * @param sourceCases how many cases the source holds
   * @param targetCases how many the target holds
   * @param mismatches how many cases differ, or are on one side only
   * @param firstMismatches the first of them (at most {@link #LISTED}), in id order
   */
  public record Check(
      long sourceCases, long targetCases, long mismatches, List<Mismatch> firstMismatches) {
    /** How many mismatches a report lists; the rest are counted. */
    public static final int LISTED = 1000;

    public Check {
      firstMismatches = List.copyOf(firstMismatches);
    }

    /** Whether both stores hold the same cases, each with the same content and sealed values. */
    public boolean identical() {
      return sourceCases == targetCases && mismatches == 0;
    }
  }

  /** One case that differs, by id (ids are not personal data). */
  public record Mismatch(String caseId, Kind kind) {
    @Override
    public String toString() {
      return caseId + ": " + kind.description;
    }
  }

  /** How a case differs. */
  public enum Kind {
    CHANGED("content or sealed values differ"),
    MISSING_FROM_TARGET("missing from the target"),
    ONLY_IN_TARGET("only in the target");

    private final String description;

    Kind(String description) {
      this.description = description;
    }
  }
}
