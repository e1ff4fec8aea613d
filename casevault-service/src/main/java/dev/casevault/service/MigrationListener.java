package dev.casevault.service;

/** Hears how a migration goes, for progress on a terminal. */
public interface MigrationListener {
  /**
   * A page is durable in the target and recorded in the progress file.
   *
   * @param copied cases copied so far, counting those of an earlier run that this one resumed
   * @param seconds since this run started
   */
  void copied(long copied, double seconds);

  /** Cases of the source checked against the target so far. */
  void verified(long checked, double seconds);
}
