package dev.casevault.store.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where casevault finds its OpenSearch cluster: the file {@value #FILE} in the data directory, each
 * of whose settings the environment may override. Never the command line, where a password would be
 * seen by every user of the machine ({@code ps}) and kept in shell histories.
 *
 * <pre>
 * {"urls": ["https://node1:9200", "https://node2:9200"],
 *  "trust_store": "opensearch-ca.p12", "trust_store_password": "...",
 *  "user": "casevault", "password": "...",
 *  "alias": "casevault-cases", "shards": 1, "replicas": 1}
 * </pre>
 *
 * <p>Parsed strictly, like {@code server.json}: an unknown key is refused with its path, and so is
 * any key that looks like a switch to skip certificate verification or to speak plain HTTP, for
 * which there is no such setting. A file that holds a password must be readable by its owner only.
 * Errors never quote a value of the file: a password may stand where a parser stumbled.
 *
 * @param settings how to reach the cluster
 * @param index the alias and the shape of a new index
 */
public record OpenSearchConfiguration(OpenSearchSettings settings, OpenSearchIndexOptions index) {
  /** The configuration file's name in the data directory. */
  public static final String FILE = "opensearch.json";

  public static final String ENV_URLS = "CASEVAULT_OPENSEARCH_URLS";
  public static final String ENV_USER = "CASEVAULT_OPENSEARCH_USER";
  public static final String ENV_PASSWORD = "CASEVAULT_OPENSEARCH_PASSWORD";
  public static final String ENV_TRUST_STORE = "CASEVAULT_OPENSEARCH_TRUSTSTORE";
  public static final String ENV_TRUST_STORE_PASSWORD = "CASEVAULT_OPENSEARCH_TRUSTSTORE_PASSWORD";

  /** Every environment variable that configures the cluster, in the order docs list them. */
  public static final List<String> ENVIRONMENT =
      List.of(ENV_URLS, ENV_USER, ENV_PASSWORD, ENV_TRUST_STORE, ENV_TRUST_STORE_PASSWORD);

  private static final Set<String> KEYS =
      Set.of(
          "urls",
          "trust_store",
          "trust_store_password",
          "user",
          "password",
          "alias",
          "shards",
          "replicas");
  private static final Set<String> SECRETS = Set.of("password", "trust_store_password");

  /**
   * Words of keys that would skip certificate checks in other tools ({@code verify_certificates:
   * false}, {@code insecure}, {@code trust_all}, {@code ssl_verify_hostname}...), compared without
   * case, dashes or underscores.
   */
  private static final List<String> SKIP_VERIFICATION =
      List.of(
          "verif",
          "insecure",
          "trustall",
          "trustany",
          "trusteverything",
          "hostname",
          "selfsigned",
          "skipssl",
          "skiptls",
          "sslcheck",
          "tlscheck",
          "nocheck");

  /** Keys that would choose plain HTTP in other tools ({@code ssl: false}, {@code scheme}). */
  private static final Set<String> PLAIN_HTTP =
      Set.of("ssl", "tls", "usessl", "usetls", "https", "scheme", "protocol", "sslenabled");

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether {@code dataDir} holds a configuration file: then the cases live on OpenSearch. */
  public static boolean fileExists(Path dataDir) {
    return Files.exists(dataDir.resolve(FILE));
  }

  /**
   * The configuration of {@code dataDir}'s {@value #FILE}, with the settings that {@code
   * environment} gives ({@link #ENVIRONMENT}) instead of the file's; empty when there is neither a
   * file nor any of those variables.
   *
   * @throws CaseVaultException naming the file or variable and the key, for anything refused or
   *     missing
   */
  public static Optional<OpenSearchConfiguration> read(
      Path dataDir, Map<String, String> environment) throws IOException {
    Path file = dataDir.resolve(FILE);
    boolean fromFile = Files.exists(file);
    boolean fromEnvironment =
        ENVIRONMENT.stream().anyMatch(name -> value(environment, name) != null);
    if (!fromFile && !fromEnvironment) {
      return Optional.empty();
    }
    Builder builder = new Builder();
    if (fromFile) {
      builder.readFile(file);
    }
    builder.readEnvironment(environment);
    return Optional.of(builder.build(file));
  }

  /** What to say when the OpenSearch store is asked for without a configuration: where one goes. */
  public static String missingMessage(Path dataDir) {
    return "no OpenSearch configuration: write "
        + dataDir.resolve(FILE)
        + " (owner-only if it holds a password) or set "
        + String.join(", ", ENVIRONMENT)
        + " (docs/opensearch.md)";
  }

  /**
   * The same cluster settings and index on other node URLs ({@code migrate --to opensearch:URL}).
   */
  public OpenSearchConfiguration withUrls(List<URI> urls) {
    return new OpenSearchConfiguration(
        new OpenSearchSettings(
            urls,
            settings.trustStore(),
            settings.trustStorePassword(),
            settings.user(),
            settings.password()),
        index);
  }

  /**
   * Parses node URLs given outside the file ({@code name} says where, for errors): comma-separated,
   * each {@code https://host:port}.
   */
  public static List<URI> parseUrls(String commaSeparated, String name) {
    List<URI> urls = new ArrayList<>();
    for (String part : commaSeparated.split(",")) {
      if (!part.isBlank()) {
        urls.add(url(part.strip(), name));
      }
    }
    if (urls.isEmpty()) {
      throw new CaseVaultException(name + ": at least one https://HOST:PORT is needed");
    }
    return urls;
  }

  private static URI url(String text, String where) {
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      // The reason and position only: the text may hold credentials someone pasted in.
      throw new CaseVaultException(
          where + ": not a URL (" + e.getReason() + " at character " + (e.getIndex() + 1) + ")");
    }
    try {
      OpenSearchSettings.requireHttps(url);
    } catch (IllegalArgumentException e) {
      throw new CaseVaultException(where + ": " + e.getMessage());
    }
    return url;
  }

  private static String value(Map<String, String> environment, String name) {
    String value = environment.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** The settings gathered so far; the environment's replace the file's one by one. */
  private static final class Builder {
    List<URI> urls;
    Path trustStore;
    String trustStorePassword;
    String user;
    String password;
    OpenSearchIndexOptions index = OpenSearchIndexOptions.defaults();

    void readFile(Path file) throws IOException {
      String source = file.toString();
      JsonNode root = parse(Files.readString(file, StandardCharsets.UTF_8), source);
      Iterator<String> names = root.fieldNames();
      while (names.hasNext()) {
        refuseUnknown(names.next(), source);
      }
      if (SECRETS.stream().anyMatch(root::has)) {
        requireOwnerOnly(file);
      }
      Path base = file.toAbsolutePath().getParent();
      if (root.has("urls")) {
        JsonNode list = root.get("urls");
        if (!list.isArray() || list.isEmpty()) {
          throw new CaseVaultException(
              source + ": urls: must be a list of node URLs, e.g. [\"https://node1:9200\"]");
        }
        urls = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          String where = source + ": urls[" + i + "]";
          if (!list.get(i).isTextual()) {
            throw new CaseVaultException(where + ": must be a string");
          }
          urls.add(url(list.get(i).textValue().strip(), where));
        }
      }
      if (root.has("trust_store")) {
        trustStore = base.resolve(text(root, "trust_store", source));
      }
      if (root.has("user")) {
        user = text(root, "user", source);
      }
      if (root.has("password")) {
        password = secret(root, "password", source);
      }
      if (root.has("trust_store_password")) {
        trustStorePassword = secret(root, "trust_store_password", source);
      }
      try {
        String alias = root.has("alias") ? text(root, "alias", source) : index.alias();
        index =
            new OpenSearchIndexOptions(
                alias,
                number(root, "shards", index.shards(), source),
                number(root, "replicas", index.replicas(), source));
      } catch (IllegalArgumentException e) {
        throw new CaseVaultException(source + ": " + e.getMessage());
      }
    }

    void readEnvironment(Map<String, String> environment) {
      String urlList = value(environment, ENV_URLS);
      if (urlList != null) {
        urls = parseUrls(urlList, ENV_URLS);
      }
      String store = value(environment, ENV_TRUST_STORE);
      if (store != null) {
        trustStore = Path.of(store);
      }
      String storePassword = value(environment, ENV_TRUST_STORE_PASSWORD);
      if (storePassword != null) {
        trustStorePassword = storePassword;
      }
      String name = value(environment, ENV_USER);
      if (name != null) {
        user = name;
      }
      String secret = value(environment, ENV_PASSWORD);
      if (secret != null) {
        password = secret;
      }
    }

    OpenSearchConfiguration build(Path file) {
      String where = " (in " + file + " or ";
      if (urls == null) {
        throw new CaseVaultException(
            "the OpenSearch configuration names no node: urls" + where + ENV_URLS + ")");
      }
      if (trustStore == null) {
        throw new CaseVaultException(
            "the OpenSearch configuration names no trust store with the cluster's CA: trust_store"
                + where
                + ENV_TRUST_STORE
                + ")");
      }
      if (user == null || user.isBlank()) {
        throw new CaseVaultException(
            "the OpenSearch configuration names no service user: user" + where + ENV_USER + ")");
      }
      if (password == null || password.isEmpty()) {
        throw new CaseVaultException(
            "the OpenSearch configuration has no password for the service user: password"
                + where
                + ENV_PASSWORD
                + ")");
      }
      try {
        return new OpenSearchConfiguration(
            new OpenSearchSettings(
                urls,
                trustStore,
                trustStorePassword == null ? "" : trustStorePassword,
                user,
                password),
            index);
      } catch (IllegalArgumentException e) {
        // The settings' own checks, which never quote a password.
        throw new CaseVaultException("the OpenSearch configuration: " + e.getMessage());
      }
    }
  }

  private static JsonNode parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // Where, not what: the parser's message would quote the text it stumbled on.
      throw new CaseVaultException(
          source
              + ":"
              + e.getLocation().getLineNr()
              + ":"
              + e.getLocation().getColumnNr()
              + ": not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new CaseVaultException(source + ": must be a JSON object");
    }
    return root;
  }

  private static void refuseUnknown(String key, String source) {
    if (KEYS.contains(key)) {
      return;
    }
    String folded = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    if (SKIP_VERIFICATION.stream().anyMatch(folded::contains)) {
      throw new CaseVaultException(
          source
              + ": "
              + key
              + ": casevault has no switch to skip certificate verification; give it the"
              + " cluster's CA in trust_store (a PKCS12 file) instead");
    }
    if (PLAIN_HTTP.contains(folded)) {
      throw new CaseVaultException(
          source
              + ": "
              + key
              + ": casevault talks to OpenSearch over https only; there is no switch for plain"
              + " http");
    }
    String hint =
        KEYS.stream()
            .filter(known -> known.replace("_", "").equals(folded))
            .findFirst()
            .map(known -> " (did you mean " + known + "?)")
            .orElse("");
    throw new CaseVaultException(
        source
            + ": "
            + key
            + ": unknown setting"
            + hint
            + "; known here: "
            + String.join(", ", new TreeSet<>(KEYS)));
  }

  private static void requireOwnerOnly(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (!java.util.Collections.disjoint(permissions, OTHERS)) {
      throw new CaseVaultException(
          file
              + " holds a password and is "
              + PosixFilePermissions.toString(permissions)
              + ": other users of this machine may read it; run chmod 600 "
              + file
              + ", then change the password, which they may have read");
    }
  }

  private static String text(JsonNode node, String key, String source) {
    JsonNode value = node.get(key);
    if (!value.isTextual() || value.textValue().isBlank()) {
      throw new CaseVaultException(source + ": " + key + ": must be a non-empty string");
    }
    return value.textValue();
  }

  /** A password: a string, never quoted in an error. */
  private static String secret(JsonNode node, String key, String source) {
    JsonNode value = node.get(key);
    if (!value.isTextual()) {
      throw new CaseVaultException(source + ": " + key + ": must be a string");
    }
    return value.textValue();
  }

  private static int number(JsonNode node, String key, int fallback, String source) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isInt()) {
      throw new CaseVaultException(source + ": " + key + ": must be a whole number");
    }
    return value.intValue();
  }

  /** Never prints the passwords (the settings' own {@code toString} hides them). */
  @Override
  public String toString() {
    return "OpenSearchConfiguration[" + settings + ", " + index + "]";
  }
}
