package dev.casevault.service;

import dev.casevault.json.CaseLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an ingest run behaves.
 *
 * @param limits size limits a case must respect
 * @param rejectFile where rejected lines go, raw, one per line; its sibling {@code .errors} file
 *     lists {@code file:line: reason} for each
 * @param commitEvery how often accepted cases are committed (made durable and searchable); the run
 *     reports a case as accepted only once it is committed
 * @param indexThreads threads that index cases while the calling thread parses
 */
public record IngestOptions(
    CaseLimits limits, Path rejectFile, Duration commitEvery, int indexThreads) {
  public IngestOptions {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(rejectFile, "rejectFile");
    if (commitEvery.isNegative() || commitEvery.isZero()) {
      throw new IllegalArgumentException("the commit interval must be positive");
    }
    if (indexThreads < 1 || indexThreads > 64) {
      throw new IllegalArgumentException("index threads must be between 1 and 64");
    }
  }
}
