package dev.casevault.configaudit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Audits a live Elasticsearch or OpenSearch cluster through its API: first as a stranger (what does
 * an anonymous request read?), then, with credentials, the nodes' settings and the security
 * plugin's configuration, with the same rules as the files. Read-only GET requests only.
 */
public final class ClusterAudit {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String USER_AGENT = "casevault-audit-config";

  /** Who the audit asks as, for the parts a stranger may not read. */
  public record Credentials(String user, char[] password) {
    @Override
    public String toString() {
      return "Credentials[user=" + user + ", password=***]";
    }
  }

  private final URI base;
  private final HttpClient http;
  private final Credentials credentials;

  private ClusterAudit(URI base, SSLContext tls, Credentials credentials) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .sslContext(tls)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.credentials = credentials;
  }

  /**
   * The findings for the cluster at {@code base} ({@code http(s)://host:port}), worst first.
   *
   * @param tls whom to trust for https (the cluster's CA)
   * @param credentials null to audit as a stranger only; refused over plain HTTP
   */
  public static List<ConfigFinding> audit(URI base, SSLContext tls, Credentials credentials)
      throws IOException {
    String scheme = String.valueOf(base.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new CaseVaultException("a cluster URL starts with https:// or http://, not " + base);
    }
    if (base.getRawUserInfo() != null) {
      throw new CaseVaultException(
          "a cluster URL must not carry credentials; the password comes from the environment");
    }
    if (credentials != null && !scheme.equals("https")) {
      throw new CaseVaultException(
          "refusing to send the audit's credentials over plain HTTP to "
              + base.getHost()
              + ": audit an http:// cluster without --user (as a stranger), or over https://");
    }
    URI root = URI.create(scheme + "://" + base.getRawAuthority() + "/");
    ClusterAudit audit = new ClusterAudit(root, tls, credentials);
    try {
      return audit.run();
    } finally {
      audit.http.close();
    }
  }

  private List<ConfigFinding> run() throws IOException {
    List<ConfigFinding> findings = new ArrayList<>();
    // Asked of the security layer itself (OpenSearch's plugin, Elasticsearch's), so an anonymous
    // user whose role can read a few indices only is caught as surely as one that reads them all.
    String anonymousAs = null;
    for (String whoAmI : List.of("/_plugins/_security/authinfo", "/_security/_authenticate")) {
      Answer who = get(whoAmI, false);
      if (who.status() == 200 && anonymousAs == null) {
        anonymousAs = whoAmI;
        findings.add(
            new ConfigFinding(
                ConfigRule.ANONYMOUS_ACCESS,
                "GET " + base.resolve(whoAmI) + " without credentials",
                "HTTP 200: served as "
                    + who.json()
                        .path("user_name")
                        .asText(who.json().path("username").asText("?"))));
      }
    }
    if (anonymousAs == null) {
      Answer stranger = get("/_cat/indices?format=json", false);
      if (stranger.status() == 200) {
        findings.add(
            new ConfigFinding(
                ConfigRule.SECURITY_DISABLED,
                "GET " + base.resolve("/_cat/indices") + " without credentials",
                "HTTP 200: " + stranger.json().size() + " indices listed"));
      }
    }
    if (base.getScheme().equals("http") && !NodeRules.loopbackOnly(base.getHost())) {
      findings.add(
          new ConfigFinding(
              ConfigRule.PLAIN_HTTP_BEYOND_LOOPBACK,
              base.toString(),
              "the cluster answers plain HTTP at " + base.getHost()));
    }
    if (credentials != null) {
      boolean strangerSawNoSecurity =
          findings.stream().anyMatch(f -> f.rule() == ConfigRule.SECURITY_DISABLED);
      findings.addAll(withCredentials(strangerSawNoSecurity));
    }
    findings.sort(Comparator.comparing(ConfigFinding::severity));
    return findings;
  }

  private List<ConfigFinding> withCredentials(boolean securityDisabledFound) throws IOException {
    List<ConfigFinding> findings = new ArrayList<>();
    Answer root = get("/", true);
    if (root.status() == 401) {
      throw new CaseVaultException(
          "the cluster refused the audit's credentials (HTTP " + root.status() + ")");
    }
    // A 403 is an authenticated user whose role lacks the cluster's name and version (casevault's
    // own service role does): the audit goes on with what that user may read.
    boolean rootReadable = readable(root, "GET /", findings);
    boolean openSearch =
        rootReadable
            ? "opensearch".equals(root.json().path("version").path("distribution").asText(""))
            : get("/_plugins/_security/authinfo", true).status() == 200;
    String whoAmI = openSearch ? "/_plugins/_security/authinfo" : "/_security/_authenticate";
    Answer who = get(whoAmI, true);
    // Refusing an authenticated user is the work of a security layer, whichever it is.
    boolean security = who.status() == 200 || root.status() == 403;
    if (!security && !securityDisabledFound) {
      findings.add(
          new ConfigFinding(
              ConfigRule.SECURITY_DISABLED,
              "GET " + whoAmI,
              "HTTP " + who.status() + ": no security plugin answers"));
    }
    Answer nodes = get("/_nodes/settings?flat_settings=true", true);
    if (readable(nodes, "GET /_nodes/settings", findings)) {
      for (Map.Entry<String, JsonNode> node : nodes.json().path("nodes").properties()) {
        String name = node.getValue().path("name").asText(node.getKey());
        FlatSettings settings =
            FlatSettings.fromJson(
                node.getValue().path("settings"), "GET /_nodes/settings node " + name);
        findings.addAll(
            NodeRules.node(settings, false, openSearch, null, base.getScheme().equals("https")));
      }
    }
    if (openSearch && security) {
      Answer config = get("/_plugins/_security/api/securityconfig", true);
      if (readable(config, "GET /_plugins/_security/api/securityconfig", findings)) {
        findings.addAll(
            NodeRules.securityConfig(
                FlatSettings.fromJson(
                    config.json(), "GET /_plugins/_security/api/securityconfig")));
      }
      Answer roles = get("/_plugins/_security/api/roles", true);
      Set<String> powerful =
          readable(roles, "GET /_plugins/_security/api/roles", findings)
              ? NodeRules.allPowerfulRoles(
                  FlatSettings.fromJson(roles.json(), "GET /_plugins/_security/api/roles"))
              : Set.of();
      Answer mapping = get("/_plugins/_security/api/rolesmapping", true);
      if (readable(mapping, "GET /_plugins/_security/api/rolesmapping", findings)) {
        findings.addAll(
            NodeRules.rolesMapping(
                FlatSettings.fromJson(mapping.json(), "GET /_plugins/_security/api/rolesmapping"),
                powerful));
      }
    }
    return findings;
  }

  /** Whether the answer can be audited; if not, an UNREADABLE finding says why. */
  private static boolean readable(Answer answer, String call, List<ConfigFinding> findings) {
    if (answer.status() == 200) {
      return true;
    }
    findings.add(
        new ConfigFinding(
            ConfigRule.UNREADABLE,
            call,
            "HTTP "
                + answer.status()
                + (answer.status() == 403
                    ? ": the audit's user may not read this (the security API needs an admin)"
                    : "")));
    return false;
  }

  private record Answer(int status, JsonNode json) {}

  private Answer get(String path, boolean authenticated) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("User-Agent", USER_AGENT)
            .header("Accept", "application/json")
            .GET();
    if (authenticated) {
      String pair = credentials.user() + ":" + new String(credentials.password());
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while asking " + base);
    } catch (IOException e) {
      throw new CaseVaultException(
          "cannot reach "
              + base
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (IOException notJson) {
      json = JSON.missingNode();
    }
    return new Answer(response.statusCode(), json == null ? JSON.missingNode() : json);
  }
}
