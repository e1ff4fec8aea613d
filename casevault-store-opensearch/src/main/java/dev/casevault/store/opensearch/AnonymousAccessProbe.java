package dev.casevault.store.opensearch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks every node, without credentials, for what casevault keeps there: a bootstrap check that
 * refuses a cluster on which anyone who can reach it may read the cases (the security plugin's
 * anonymous authentication with a role that reaches {@code casevault-*}, or no security plugin at
 * all behind a TLS proxy).
 *
 * <p>The requests go over the same pinned TLS as the store's (the trust store of the settings,
 * hostname verification on) but carry no {@code Authorization} header. Only 401 or 403 is a pass;
 * any other answer (a 2xx, but also a 404, which says the anonymous request got past
 * authentication) fails the check. The security configuration is the cluster's, so one node's
 * refusals speak for all: a node that cannot be reached is reported, and the check fails only when
 * no node could be asked.
 */
public final class AnonymousAccessProbe {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How to turn anonymous access off, for error messages and docs. */
  public static final String FIX =
      "turn anonymous access off in the security plugin's config.yml"
          + " (config.dynamic.http.anonymous_auth_enabled: false, loaded with securityadmin.sh),"
          + " or take casevault-* away from the roles mapped to"
          + " opendistro_security_anonymous_backendrole";

  private AnonymousAccessProbe() {}

  /**
   * What one node answered to one anonymous request.
   *
   * @param node the node's URL
   * @param request the method and path, e.g. {@code GET /casevault-cases/_count}
   * @param status the HTTP status, or 0 when the node could not be asked
   * @param failure why the node could not be asked (an exception's type), or null
   */
  public record Answer(URI node, String request, int status, String failure) {
    public boolean reached() {
      return failure == null;
    }

    /** 401 or 403: the cluster wants credentials, or refuses anonymous reads here. */
    public boolean refused() {
      return reached() && (status == 401 || status == 403);
    }

    /** A 2xx: anyone may read this. */
    public boolean readable() {
      return reached() && status >= 200 && status < 300;
    }

    @Override
    public String toString() {
      return node
          + " "
          + request
          + (reached() ? " answered HTTP " + status : " could not be asked (" + failure + ")");
    }
  }

  /** Every answer of one probe. */
  public record Result(List<Answer> answers) {
    public Result {
      answers = List.copyOf(answers);
    }

    /**
     * Whether anonymous reads are shown refused: some node answered, and every answer was 401 or
     * 403.
     */
    public boolean refused() {
      List<Answer> reached = answers.stream().filter(Answer::reached).toList();
      return !reached.isEmpty() && reached.stream().allMatch(Answer::refused);
    }

    /** The answers that fail the check (readable, or neither readable nor refused). */
    public List<Answer> failures() {
      return answers.stream().filter(a -> a.reached() && !a.refused()).toList();
    }

    /** The nodes that could not be asked. */
    public List<Answer> unreachable() {
      return answers.stream().filter(a -> !a.reached()).toList();
    }
  }

  /**
   * The anonymous requests, on every node of {@code settings}: a search, a count and the index
   * listing of {@code index}'s alias, and a search of the index behind it.
   */
  public static Result probe(OpenSearchSettings settings, OpenSearchIndexOptions index) {
    settings.requireReadableTrustStore();
    // The names are checked by OpenSearchIndexOptions (casevault- and [a-z0-9-]): nothing in
    // these paths needs escaping.
    List<String> paths =
        List.of(
            "/" + index.alias() + "/_search?size=0",
            "/" + index.alias() + "/_count",
            "/_cat/indices/" + index.alias() + "?format=json",
            "/" + index.indexName() + "/_search?size=0");
    List<Answer> answers = new ArrayList<>();
    try (HttpClient http =
        HttpClient.newBuilder()
            .sslContext(SecureTransport.sslContext(settings))
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build()) {
      for (URI node : settings.urls()) {
        for (String path : paths) {
          Answer answer = ask(http, node, path);
          answers.add(answer);
          if (!answer.reached()) {
            break; // the other requests would fail the same way
          }
        }
      }
    }
    return new Result(answers);
  }

  private static Answer ask(HttpClient http, URI node, String path) {
    String request = "GET " + path;
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(node.resolve(path)).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return new Answer(node, request, response.statusCode(), null);
    } catch (IOException e) {
      return new Answer(node, request, 0, e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(node, request, 0, "interrupted");
    }
  }
}
