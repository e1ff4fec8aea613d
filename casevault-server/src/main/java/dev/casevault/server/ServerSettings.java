package dev.casevault.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.casevault.access.OidcSettings;
import dev.casevault.core.CaseVaultException;
import dev.casevault.json.JsonDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The server's settings file, {@code DATA/server.json}; every key is optional and every unknown key
 * is refused (a misspelt setting must not silently fall back to a default).
 *
 * <p>There is deliberately no setting that turns off TLS or authentication.
 *
 * @param bind host:port to listen on
 * @param tlsCertificate operator PEM chain (leaf first), or null for the generated certificate
 * @param tlsPrivateKey operator PEM private key, with {@code tlsCertificate}
 * @param tlsPkcs12 operator PKCS12 key store, instead of PEM files
 * @param tlsPkcs12PasswordFile owner-only file holding the PKCS12 password
 * @param corsOrigins origins allowed to call the API from a browser; none by default
 * @param requestsPerMinute per-principal rate limit
 * @param sessionMinutes lifetime of a login session token
 * @param accessPolicy the access policy file, or null for {@code DATA/access-policy.json} if it
 *     exists, else the built-in policy
 * @param oidc the OIDC issuer whose bearer tokens are accepted, or null for none
 */
public record ServerSettings(
    HostPort bind,
    Path tlsCertificate,
    Path tlsPrivateKey,
    Path tlsPkcs12,
    Path tlsPkcs12PasswordFile,
    List<String> corsOrigins,
    int requestsPerMinute,
    int sessionMinutes,
    Path accessPolicy,
    OidcSettings oidc) {
  public static final String FILE = "server.json";
  public static final HostPort DEFAULT_BIND = new HostPort("127.0.0.1", 8443);

  private static final Map<String, Set<String>> KEYS =
      Map.of(
          "",
          Set.of(
              "bind",
              "tls",
              "cors_origins",
              "requests_per_minute",
              "session_minutes",
              "access_policy",
              "oidc"),
          "oidc.",
          Set.of(
              "issuer",
              "audience",
              "allowed_algorithms",
              "clock_skew_seconds",
              "roles_claim",
              "attribute_claims"),
          "tls.",
          Set.of("certificate", "private_key", "pkcs12", "pkcs12_password_file"));

  public ServerSettings {
    corsOrigins = List.copyOf(corsOrigins);
  }

  /** Where to listen. */
  public record HostPort(String host, int port) {
    public static HostPort parse(String text, String where) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new CaseVaultException(where + ": expected HOST:PORT, e.g. 127.0.0.1:8443");
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port;
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new CaseVaultException(where + ": the port must be a number from 0 to 65535");
      }
      if (port < 0 || port > 65535) {
        throw new CaseVaultException(where + ": the port must be a number from 0 to 65535");
      }
      return new HostPort(host, port);
    }

    /** Whether only this machine can connect. */
    public boolean isLoopback() {
      return host.equals("127.0.0.1")
          || host.equals("::1")
          || host.equals("localhost")
          || host.startsWith("127.");
    }

    @Override
    public String toString() {
      return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  /** These settings listening on {@code newBind} instead ({@code serve --bind}). */
  public ServerSettings withBind(HostPort newBind) {
    return new ServerSettings(
        newBind,
        tlsCertificate,
        tlsPrivateKey,
        tlsPkcs12,
        tlsPkcs12PasswordFile,
        corsOrigins,
        requestsPerMinute,
        sessionMinutes,
        accessPolicy,
        oidc);
  }

  public static ServerSettings defaults() {
    return new ServerSettings(
        DEFAULT_BIND, null, null, null, null, List.of(), 600, 480, null, null);
  }

  /** The settings of {@code dataDir}: its {@code server.json}, or the defaults without one. */
  public static ServerSettings of(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return defaults();
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8), file);
  }

  static ServerSettings parse(String json, Path file) {
    String source = file.toString();
    JsonNode root = JsonDocuments.parseObject(json, source);
    knownKeys(root, "", source);
    Path base = file.toAbsolutePath().getParent();
    ServerSettings defaults = defaults();
    HostPort bind =
        root.has("bind")
            ? HostPort.parse(text(root, "bind", source), source + ": bind")
            : defaults.bind();
    JsonNode tls = root.get("tls");
    Path certificate = null;
    Path privateKey = null;
    Path pkcs12 = null;
    Path pkcs12Password = null;
    if (tls != null) {
      if (!tls.isObject()) {
        throw new CaseVaultException(source + ": tls: must be an object");
      }
      knownKeys(tls, "tls.", source);
      certificate = path(tls, "certificate", base, source);
      privateKey = path(tls, "private_key", base, source);
      pkcs12 = path(tls, "pkcs12", base, source);
      pkcs12Password = path(tls, "pkcs12_password_file", base, source);
      boolean pem = certificate != null || privateKey != null;
      boolean p12 = pkcs12 != null || pkcs12Password != null;
      if (pem && p12) {
        throw new CaseVaultException(
            source + ": tls: give PEM files or a PKCS12 key store, not both");
      }
      if (pem && (certificate == null || privateKey == null)) {
        throw new CaseVaultException(source + ": tls: certificate and private_key go together");
      }
      if (p12 && (pkcs12 == null || pkcs12Password == null)) {
        throw new CaseVaultException(source + ": tls: pkcs12 and pkcs12_password_file go together");
      }
    }
    List<String> cors = new ArrayList<>();
    JsonNode corsNode = root.get("cors_origins");
    if (corsNode != null) {
      if (!corsNode.isArray()) {
        throw new CaseVaultException(source + ": cors_origins: must be a list of origins");
      }
      for (int i = 0; i < corsNode.size(); i++) {
        JsonNode origin = corsNode.get(i);
        String where = source + ": cors_origins[" + i + "]";
        if (!origin.isTextual()) {
          throw new CaseVaultException(where + ": must be a string");
        }
        String value = origin.textValue();
        if (value.contains("*")) {
          throw new CaseVaultException(
              where
                  + ": a wildcard origin lets every web site call the API with a user's"
                  + " credentials; list each origin, e.g. https://support.example.com");
        }
        if (!value.matches("https://[A-Za-z0-9.-]+(:[0-9]{1,5})?")) {
          throw new CaseVaultException(
              where + ": an origin is https://HOST[:PORT], without a path");
        }
        cors.add(value);
      }
    }
    int requestsPerMinute =
        number(root, "requests_per_minute", 1, 1_000_000, defaults.requestsPerMinute(), source);
    int sessionMinutes =
        number(root, "session_minutes", 5, 24 * 60, defaults.sessionMinutes(), source);
    Path policy = path(root, "access_policy", base, source);
    OidcSettings oidc = root.has("oidc") ? oidc(root.get("oidc"), source) : null;
    return new ServerSettings(
        bind,
        certificate,
        privateKey,
        pkcs12,
        pkcs12Password,
        cors,
        requestsPerMinute,
        sessionMinutes,
        policy,
        oidc);
  }

  private static OidcSettings oidc(JsonNode node, String source) {
    if (!node.isObject()) {
      throw new CaseVaultException(source + ": oidc: must be an object");
    }
    knownKeys(node, "oidc.", source);
    if (!node.has("issuer") || !node.has("audience")) {
      throw new CaseVaultException(source + ": oidc: issuer and audience are required");
    }
    OidcSettings defaults;
    try {
      defaults = OidcSettings.of(text(node, "issuer", source), text(node, "audience", source));
    } catch (IllegalArgumentException e) {
      throw new CaseVaultException(source + ": oidc: " + e.getMessage());
    }
    Set<String> algorithms = defaults.allowedAlgorithms();
    if (node.has("allowed_algorithms")) {
      JsonNode list = node.get("allowed_algorithms");
      if (!list.isArray()) {
        throw new CaseVaultException(source + ": oidc.allowed_algorithms: a list of names");
      }
      algorithms = new TreeSet<>();
      for (JsonNode name : list) {
        algorithms.add(name.asText());
      }
    }
    Map<String, String> attributeClaims = new java.util.TreeMap<>();
    JsonNode claims = node.get("attribute_claims");
    if (claims != null) {
      if (!claims.isObject()) {
        throw new CaseVaultException(
            source + ": oidc.attribute_claims: an object of attribute to claim name");
      }
      claims.properties().forEach(e -> attributeClaims.put(e.getKey(), e.getValue().asText()));
    }
    try {
      return new OidcSettings(
          defaults.issuer(),
          defaults.audience(),
          algorithms,
          java.time.Duration.ofSeconds(
              number(
                  node,
                  "clock_skew_seconds",
                  0,
                  (int) OidcSettings.MAX_CLOCK_SKEW.toSeconds(),
                  (int) OidcSettings.DEFAULT_CLOCK_SKEW.toSeconds(),
                  source)),
          node.has("roles_claim") ? text(node, "roles_claim", source) : defaults.rolesClaim(),
          attributeClaims,
          defaults.jwksRefetchInterval());
    } catch (IllegalArgumentException e) {
      throw new CaseVaultException(source + ": oidc: " + e.getMessage());
    }
  }

  private static void knownKeys(JsonNode node, String prefix, String source) {
    Set<String> known = KEYS.get(prefix);
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new CaseVaultException(
            source
                + ": "
                + prefix
                + name
                + ": unknown setting; known here: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  private static String text(JsonNode node, String key, String source) {
    JsonNode value = node.get(key);
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new CaseVaultException(source + ": " + key + ": must be a non-empty string");
    }
    return value.textValue();
  }

  private static Path path(JsonNode node, String key, Path base, String source) {
    return node.has(key) ? base.resolve(text(node, key, source)) : null;
  }

  private static int number(
      JsonNode node, String key, int min, int max, int fallback, String source) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isInt() || value.intValue() < min || value.intValue() > max) {
      throw new CaseVaultException(
          source + ": " + key + ": must be a whole number from " + min + " to " + max);
    }
    return value.intValue();
  }
}
