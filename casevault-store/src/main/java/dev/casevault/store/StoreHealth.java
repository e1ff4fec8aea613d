package dev.casevault.store;

import java.util.Locale;
import java.util.Objects;

/**
 * Whether the store can answer, for operators and load balancers; about the store, never about a
 * case.
 *
 * @param status the verdict
 * @param detail one line for an operator (node and shard-copy counts, or why the store cannot be
 *     reached); never holds case data or credentials
 */
public record StoreHealth(Status status, String detail) {

  /** How well the store can serve reads and writes. */
  public enum Status {
    /** Every copy of every shard is where it should be. */
    OK,
    /** Every case can be read and written, but with fewer copies than configured. */
    DEGRADED,
    /** Some or all cases cannot be read or written now. */
    UNAVAILABLE;

    /** The lower-case name used on the wire ({@code ok}, {@code degraded}, {@code unavailable}). */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public StoreHealth {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }
}
