package dev.casevault.audit;

import java.time.Instant;

/**
 * Proof of recording handed back with a response: the entry's index in the log, the log's origin,
 * and the time by which a signed checkpoint will cover it. With a checkpoint of that size or later,
 * {@code casevault audit prove INDEX} gives the inclusion proof.
 */
public record Receipt(long index, String origin, Instant checkpointBy) {
  /** The value of the {@code Casevault-Audit-Receipt} response header. */
  public String header() {
    return "index=" + index + "; origin=" + origin + "; checkpoint-by=" + checkpointBy;
  }
}
