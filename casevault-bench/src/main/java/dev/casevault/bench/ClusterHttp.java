package dev.casevault.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A plain HTTPS client of an OpenSearch cluster for the benchmark: the raw {@code _bulk} baseline
 * (what an application without casevault would send) and the statistics and checks around it.
 * Trusts only the given TLS context (the cluster's CA), authenticates as one user, and spreads
 * requests over the nodes in turn, as the store's client does.
 *
 * <p>Error messages carry the method, path, HTTP status and OpenSearch's error types, never a
 * response body: bulk errors quote the documents' values.
 */
final class ClusterHttp {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private final HttpClient http;
  private final List<URI> nodes;
  private final String authorization;
  private final AtomicLong turn = new AtomicLong();

  ClusterHttp(List<URI> nodes, SSLContext tls, String user, String password) {
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.nodes = List.copyOf(nodes);
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The response to a request on the next node; a status outside 2xx fails. */
  byte[] send(String method, String path, byte[] body) throws IOException {
    URI node = nodes.get((int) (turn.getAndIncrement() % nodes.size()));
    HttpRequest request =
        HttpRequest.newBuilder(node.resolve(path))
            .timeout(TIMEOUT)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(method + " " + path + " was interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          method
              + " "
              + path
              + " answered HTTP "
              + response.statusCode()
              + " "
              + errorType(response.body()));
    }
    return response.body();
  }

  JsonNode json(String method, String path, String body) throws IOException {
    return JSON.readTree(
        send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Sends one {@code _bulk} body and fails if any of its operations failed. Only the top of the
   * answer is read while all went well: the {@code errors} flag comes before the items.
   */
  void bulk(byte[] ndjson) throws IOException {
    byte[] answer = send("POST", "/_bulk", ndjson);
    try (JsonParser parser = JSON.getFactory().createParser(answer)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("errors")) {
          if (value == JsonToken.VALUE_FALSE) {
            return;
          }
          break;
        }
        parser.skipChildren();
      }
    }
    int failed = 0;
    String first = null;
    for (JsonNode item : JSON.readTree(answer).path("items")) {
      JsonNode error = item.path("index").path("error");
      if (!error.isMissingNode()) {
        failed++;
        if (first == null) {
          first = error.path("type").asText() + " (HTTP " + item.path("index").path("status") + ")";
        }
      }
    }
    throw new IOException("the raw bulk lost " + failed + " documents; the first: " + first);
  }

  /** Refreshes an index and fails unless every shard copy did. */
  void refresh(String index) throws IOException {
    JsonNode shards = json("POST", "/" + index + "/_refresh", null).path("_shards");
    if (shards.path("failed").asInt() != 0
        || shards.path("successful").asInt() != shards.path("total").asInt()) {
      throw new IOException("the refresh of " + index + " missed shard copies: " + shards);
    }
  }

  /** The stored {@code _source} of one document, byte for byte. */
  byte[] source(String index, String id) throws IOException {
    return send("GET", "/" + index + "/_source/" + id, null);
  }

  private static String errorType(byte[] body) {
    try {
      JsonNode error = JSON.readTree(body).path("error");
      return error.isTextual() ? "" : error.path("type").asText();
    } catch (IOException notJson) {
      return "";
    }
  }
}
