package dev.casevault.store;

import java.io.IOException;

/**
 * The store's backend failed a request or could not be reached. Its message says what failed and
 * why in the backend's terms (a host, an HTTP status, an error type) and never holds case data, so
 * an operator may read it in a log or on a terminal. It names hosts, so clients of the HTTPS API
 * get a plain "unavailable" instead.
 */
public class StoreFailureException extends IOException {
  private static final long serialVersionUID = 1L;

  public StoreFailureException(String message) {
    super(message);
  }

  public StoreFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
