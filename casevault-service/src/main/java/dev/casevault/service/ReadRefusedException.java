package dev.casevault.service;

import dev.casevault.audit.BulkReadGuard;

/**
 * A read the bulk-read guard stopped: the principal must authenticate again ({@link
 * BulkReadGuard.Step#REAUTHENTICATE}) or is locked ({@link BulkReadGuard.Step#LOCK}). The refusal
 * is recorded before this is thrown; the message names the counter and numbers, never a case.
 */
public final class ReadRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient BulkReadGuard.Step step;

  ReadRefusedException(BulkReadGuard.Step step, String reason) {
    super(reason, null, false, false);
    this.step = step;
  }

  public BulkReadGuard.Step step() {
    return step;
  }
}
