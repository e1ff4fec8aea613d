package dev.casevault.server;

/**
 * An answer other than success: an HTTP status, a stable code for programs and a message for
 * people. Messages name what is wrong and where, and never carry personal data, secrets or
 * internals.
 */
final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
