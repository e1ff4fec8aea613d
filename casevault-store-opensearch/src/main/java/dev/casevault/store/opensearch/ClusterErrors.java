package dev.casevault.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.store.StoreFailureException;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.TransportException;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * Turns what the client throws into errors that carry no case data. OpenSearch quotes document
 * values and query words in its error reasons, and the client copies whole response bodies into
 * exception messages; casevault's errors (and so its logs) keep only what failed, the HTTP status
 * and OpenSearch's error types.
 */
final class ClusterErrors {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STATUS = Pattern.compile("status line \\[HTTP/[0-9.]+ ([0-9]{3})");

  private ClusterErrors() {}

  /** An error of the cluster or the connection as an {@link IOException} without case data. */
  static StoreFailureException failure(String what, Exception e) {
    return switch (e) {
      case OpenSearchException os ->
          new StoreFailureException(
              what + ": " + String.join(", ", types(os)) + " (HTTP " + os.status() + ")");
      case ResponseException response ->
          new StoreFailureException(what + ": " + describe(response));
      case TransportException transport ->
          // "Forbidden access", "Unauthorized access", ...: the client's own words, then the
          // status.
          new StoreFailureException(
              what
                  + ": "
                  + firstLine(transport.getMessage())
                  + (transport.getCause() instanceof ResponseException response
                      ? " (" + describe(response) + ")"
                      : ""));
      // Connection refused, timeouts, TLS failures: their messages name hosts, never data.
      case IOException io -> new StoreFailureException(what + ": " + io.getMessage(), io);
      case java.io.UncheckedIOException unchecked -> failure(what, unchecked.getCause());
      default -> new StoreFailureException(what + ": " + e.getClass().getSimpleName());
    };
  }

  /** The HTTP status of a failed response, or -1 if the failure is not a response. */
  static int status(Exception e) {
    return switch (e) {
      case OpenSearchException os -> os.status();
      case ResponseException response -> statusOf(response);
      case TransportException transport ->
          transport.getCause() instanceof ResponseException response ? statusOf(response) : -1;
      default -> -1;
    };
  }

  private static int statusOf(ResponseException response) {
    Matcher status = STATUS.matcher(firstLine(response.getMessage()));
    return status.find() ? Integer.parseInt(status.group(1)) : -1;
  }

  /** Every OpenSearch error type in the error: its own, its root causes' and its causes'. */
  static Set<String> types(Exception e) {
    Set<String> types = new LinkedHashSet<>();
    if (e instanceof OpenSearchException os && os.error() != null) {
      ErrorCause error = os.error();
      types.add(error.type());
      error.rootCause().forEach(root -> types.add(root.type()));
      for (ErrorCause cause = error.causedBy(); cause != null; cause = cause.causedBy()) {
        types.add(cause.type());
      }
    } else if (e instanceof ResponseException response) {
      collectTypes(body(response).path("error"), types);
    } else if (e instanceof TransportException t && t.getCause() instanceof ResponseException r) {
      collectTypes(body(r).path("error"), types);
    }
    types.remove(null);
    return types;
  }

  private static void collectTypes(JsonNode error, Set<String> types) {
    if (error.isMissingNode() || error.isNull()) {
      return;
    }
    if (error.hasNonNull("type")) {
      types.add(error.get("type").asText());
    }
    for (JsonNode root : error.path("root_cause")) {
      collectTypes(root, types);
    }
    collectTypes(error.path("caused_by"), types);
  }

  private static String describe(ResponseException response) {
    Set<String> types = new LinkedHashSet<>();
    collectTypes(body(response).path("error"), types);
    Matcher status = STATUS.matcher(firstLine(response.getMessage()));
    return (types.isEmpty() ? "" : String.join(", ", types) + " ")
        + "(HTTP "
        + (status.find() ? status.group(1) : "?")
        + ")";
  }

  /**
   * The error document of a response: the client gives it only inside the exception's message,
   * after a first line naming the request and the status line.
   */
  private static JsonNode body(ResponseException response) {
    String message = response.getMessage();
    int newline = message == null ? -1 : message.indexOf('\n');
    if (newline < 0) {
      return JSON.missingNode();
    }
    try {
      return JSON.readTree(message.substring(newline + 1));
    } catch (IOException | RuntimeException notJson) {
      return JSON.missingNode();
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
