package dev.casevault.scanner;

import java.io.IOException;
import java.util.Set;

/**
 * Looks for one kind of service on an endpoint, as an anonymous client, with read-only requests
 * only, and reports what anyone could read there.
 *
 * <p>A probe that does not recognise what answers returns {@link Verdict#NOT_THIS_SERVICE}, so the
 * scanner can try the next one. It reads at most {@link Probes#MAX_SAMPLES} records per store and
 * never writes, deletes or changes anything; it never enumerates keys in bulk (Redis {@code KEYS
 * *}) or asks for anything whose cost grows with the store's size.
 */
public interface Probe {
  /** The service's name in reports, e.g. {@code opensearch}, {@code redis}. */
  String service();

  /** The ports this service usually listens on. */
  Set<Integer> defaultPorts();

  /** Whether this probe speaks HTTP (and so can follow a URL target). */
  boolean http();

  Observation probe(Session session) throws IOException, InterruptedException;
}
