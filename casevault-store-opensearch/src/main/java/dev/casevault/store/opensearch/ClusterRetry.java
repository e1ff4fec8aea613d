package dev.casevault.store.opensearch;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.opensearch.client.opensearch._types.OpenSearchException;

/**
 * Sends a request again when the cluster failed it for a passing reason: a node that died under it
 * (connection reset, {@code node_disconnected_exception}), a shard copy being promoted or
 * recovering (503), a full queue (429). Every request casevault sends may be repeated: reads change
 * nothing, and a bulk indexes each case under its id, so a repeated case replaces itself.
 *
 * <p>What cannot pass by waiting is not repeated: a refused credential, a certificate that does not
 * verify, a query the cluster calls malformed (4xx).
 */
final class ClusterRetry {
  /**
   * Pauses between attempts of a read: about 4 s in all, so a search waits out a replica's start.
   */
  static final List<Duration> READS = pauses(200, 1000, 3000);

  /**
   * Pauses between attempts of a bulk write: about 15 s in all, the time a cluster takes to notice
   * a dead node and promote the replicas of its primaries.
   */
  static final List<Duration> WRITES = pauses(500, 1000, 2000, 4000, 8000);

  interface Request<T> {
    T send() throws IOException;
  }

  private ClusterRetry() {}

  private static List<Duration> pauses(long... millis) {
    return java.util.Arrays.stream(millis).mapToObj(Duration::ofMillis).toList();
  }

  /**
   * The answer of {@code request}, sent again after each pause while it fails for a passing reason;
   * the last failure as thrown when the pauses are spent or the failure will not pass.
   */
  static <T> T call(List<Duration> pauses, Request<T> request) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return request.send();
      } catch (IOException | RuntimeException e) {
        if (attempt >= pauses.size() || !passing(e)) {
          throw e;
        }
        pause(pauses.get(attempt));
      }
    }
  }

  static void pause(Duration pause) throws InterruptedIOException {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry a cluster request");
    }
  }

  /**
   * Error types that say the request itself is wrong, whatever status a failure of every shard
   * wraps them in: sending it again gives the same answer.
   */
  private static final java.util.Set<String> REQUEST_ERRORS =
      java.util.Set.of(
          "too_many_clauses",
          "too_many_nested_clauses",
          "query_shard_exception",
          "parsing_exception",
          "x_content_parse_exception",
          "illegal_argument_exception",
          "mapper_parsing_exception",
          "security_exception");

  /** Whether waiting may cure this failure. */
  static boolean passing(Exception e) {
    if (ClusterErrors.types(e).stream().anyMatch(REQUEST_ERRORS::contains)) {
      return false;
    }
    return switch (e) {
      case OpenSearchException os -> passingStatus(os.status());
      case SSLHandshakeException handshake -> false;
      case SSLPeerUnverifiedException unverified -> false;
      case UncheckedIOException unchecked -> passing(unchecked.getCause());
      case org.opensearch.client.transport.TransportException transport ->
          ClusterErrors.status(transport) < 0 || passingStatus(ClusterErrors.status(transport));
      case org.opensearch.client.transport.httpclient5.ResponseException response ->
          passingStatus(ClusterErrors.status(response));
      // Connection refused or reset, timeouts: the node may be gone, another may answer.
      case IOException io -> true;
      // The client could not read an answer: during a node's death, error bodies of shapes it
      // does not know (seen: a shard failure without its shard).
      default -> !(e instanceof IllegalArgumentException || e instanceof IllegalStateException);
    };
  }

  /** 429 (queues full) and 5xx (node gone, shard unavailable, timeouts) may pass; 4xx will not. */
  static boolean passingStatus(int status) {
    return status == 429 || status >= 500;
  }
}
