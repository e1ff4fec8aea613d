package dev.casevault.core;

/**
 * A query that cannot be parsed. The message names the 0-based character position and what was
 * expected there, e.g. {@code at 12: expected ")" but found end of query}.
 */
public final class QuerySyntaxException extends CaseVaultException {
  private final int position;

  public QuerySyntaxException(int position, String problem) {
    super("at " + position + ": " + problem);
    this.position = position;
  }

  /** The 0-based character offset in the query text where the problem was found. */
  public int position() {
    return position;
  }
}
