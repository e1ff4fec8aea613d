package dev.casevault.scanner;

/**
 * What a probe learned about one host and port, from the point of view of anyone on the network.
 */
public enum Verdict {
  /** Stored records were read without credentials. */
  OPEN_DATA,
  /**
   * Something about the store was read without credentials (version, names, counts), but no record:
   * the store is empty, or it lets anonymous clients see its shape and nothing more.
   */
  OPEN_METADATA,
  /** The service answered and asked for credentials (or refused an anonymous client). */
  AUTH_REQUIRED,
  /** Nothing listens there, or what listens is not the service this probe knows. */
  NOT_THIS_SERVICE,
  /** The service answered in a way the probe could not make sense of, or stopped answering. */
  ERROR;

  /** Whether a person should look at this result: an anonymous client read something. */
  public boolean exposed() {
    return this == OPEN_DATA || this == OPEN_METADATA;
  }
}
