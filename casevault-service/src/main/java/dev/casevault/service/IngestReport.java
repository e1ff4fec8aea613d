package dev.casevault.service;

import java.nio.file.Path;

/**
 * The outcome of an ingest run.
 *
 * @param accepted cases committed (durable and searchable)
 * @param rejected lines refused, each reported with its reason (quarantined cases included)
 * @param quarantined cases refused because their personal data could not be redacted with certainty
 *     (a detector timed out or failed); never stored
 * @param bytesRead input bytes read
 * @param seconds wall-clock duration of the run
 * @param rejectFile the file holding the rejected lines, or null when none was rejected
 */
public record IngestReport(
    long accepted,
    long rejected,
    long quarantined,
    long bytesRead,
    double seconds,
    Path rejectFile) {
  public double casesPerSecond() {
    return seconds > 0 ? accepted / seconds : 0;
  }

  public double megabytesPerSecond() {
    return seconds > 0 ? bytesRead / 1e6 / seconds : 0;
  }
}
