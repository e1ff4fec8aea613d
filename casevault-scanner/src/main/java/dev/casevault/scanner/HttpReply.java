package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;

/**
 * An HTTP answer, its body cut at the scan's reply limit.
 *
 * @param status the status code
 * @param headers the response headers
 * @param body the body as UTF-8 text, at most {@link ScanSettings#maxReplyBytes()} of it
 * @param truncated whether the body was longer than that
 * @param tls whether it came over TLS
 */
public record HttpReply(
    int status, HttpHeaders headers, String body, boolean truncated, boolean tls) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public String header(String name) {
    return headers.firstValue(name).orElse("");
  }

  /** The body as a JSON tree, or null when it is not (whole) JSON. */
  public JsonNode json() {
    if (truncated || body.isEmpty()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  public boolean ok() {
    return status == 200;
  }

  /** 401, or 403 without credentials: the service wants to know who asks. */
  public boolean refusesAnonymous() {
    return status == 401 || status == 403;
  }

  @Override
  public String toString() {
    return "HttpReply[" + status + ", body withheld]";
  }
}
