package dev.casevault.configaudit;

import dev.casevault.configaudit.FlatSettings.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules over a node's settings (elasticsearch.yml, opensearch.yml, or {@code GET
 * /_nodes/settings}) and over the OpenSearch security plugin's own files, as plain functions from
 * settings to findings.
 */
final class NodeRules {
  /** The security plugin's published default compliance salt (ConfigConstants). */
  static final String DEFAULT_SALT = "e1ukloTsQlOgPquJ";

  /** File names of the demo certificates the security plugin's demo installer writes. */
  static final Set<String> DEMO_FILES =
      Set.of("esnode.pem", "esnode-key.pem", "kirk.pem", "kirk-key.pem", "root-ca.pem");

  /** Who the demo certificates are: their subjects and issuer name these. */
  static final List<String> DEMO_NAMES =
      List.of("CN=kirk,OU=client,O=client,L=test", "node-0.example.com", "Example Com Inc.");

  private static final Set<String> LOOPBACK =
      Set.of("127.0.0.1", "localhost", "::1", "[::1]", "_local_", "_local:ipv4_", "_local:ipv6_");

  private NodeRules() {}

  /**
   * The findings of a node's settings.
   *
   * @param fromFile whether the settings are a whole file: a live node's {@code _nodes/settings}
   *     leaves out the security plugin's settings, so their absence says nothing there
   * @param openSearch whether the node is OpenSearch (whose security is a plugin to configure)
   * @param configFolder where relative certificate paths are resolved, to read the certificates
   *     themselves; null if unknown
   * @param httpsSeen whether the node was reached over HTTPS (so its HTTP layer has TLS)
   */
  static List<ConfigFinding> node(
      FlatSettings s, boolean fromFile, boolean openSearch, Path configFolder, boolean httpsSeen) {
    List<ConfigFinding> findings = new ArrayList<>();
    Optional<Setting> disabled =
        s.first("plugins.security.disabled", "opendistro_security.disabled");
    Optional<Setting> xpack = s.first("xpack.security.enabled");
    boolean securityConfigured =
        s.hasKeyStartingWith("plugins.security.", "opendistro_security.", "xpack.security.");
    if (disabled.isPresent() && disabled.get().isTrue()) {
      findings.add(finding(ConfigRule.SECURITY_DISABLED, disabled.get()));
    } else if (xpack.isPresent() && xpack.get().isFalse()) {
      findings.add(finding(ConfigRule.SECURITY_DISABLED, xpack.get()));
    } else if (fromFile && openSearch && !securityConfigured) {
      findings.add(
          new ConfigFinding(
              ConfigRule.SECURITY_DISABLED,
              location(s),
              "no plugins.security.* setting: the security plugin is absent or not configured"));
    }

    s.first("xpack.security.authc.anonymous.roles")
        .filter(r -> !r.value().isBlank())
        .ifPresent(r -> findings.add(finding(ConfigRule.ANONYMOUS_ACCESS, r)));

    Optional<Setting> bind =
        s.first("http.host", "http.bind_host", "network.host", "network.bind_host");
    boolean httpTls =
        httpsSeen
            || s.first(
                    "plugins.security.ssl.http.enabled",
                    "opendistro_security.ssl.http.enabled",
                    "xpack.security.http.ssl.enabled")
                .map(Setting::isTrue)
                .orElse(false);
    if (bind.isPresent() && !loopbackOnly(bind.get().value()) && !httpTls) {
      findings.add(finding(ConfigRule.PLAIN_HTTP_BEYOND_LOOPBACK, bind.get()));
    }

    s.first(
            "plugins.security.allow_unsafe_democertificates",
            "opendistro_security.allow_unsafe_democertificates")
        .filter(Setting::isTrue)
        .ifPresent(d -> findings.add(finding(ConfigRule.DEMO_CERTIFICATES, d)));
    for (Setting path :
        s.matching(k -> k.endsWith("_filepath") && k.contains("ssl") && k.contains("pem"))) {
      if (isDemoCertificate(path.value(), configFolder)) {
        findings.add(finding(ConfigRule.DEMO_CERTIFICATES, path));
      }
    }
    for (Setting dn :
        s.matching(k -> k.startsWith("plugins.security.authcz.admin_dn") && !k.contains("["))) {
      if (DEMO_NAMES.stream().anyMatch(dn.value()::contains)) {
        findings.add(finding(ConfigRule.DEMO_CERTIFICATES, dn));
      }
    }

    Optional<Setting> cors = s.first("http.cors.enabled");
    Optional<Setting> origin = s.first("http.cors.allow-origin");
    if (cors.map(Setting::isTrue).orElse(false)
        && origin.isPresent()
        && anyOrigin(origin.get().value())) {
      findings.add(finding(ConfigRule.CORS_ANY_ORIGIN, origin.get()));
    }

    s.first("plugins.security.compliance.salt", "opendistro_security.compliance.salt")
        .filter(salt -> salt.value().equals(DEFAULT_SALT))
        .ifPresent(salt -> findings.add(finding(ConfigRule.DEFAULT_SALT, salt)));
    return findings;
  }

  /** The security plugin's {@code config.yml}: anonymous authentication. */
  static List<ConfigFinding> securityConfig(FlatSettings config) {
    List<ConfigFinding> findings = new ArrayList<>();
    config
        .first("config.dynamic.http.anonymous_auth_enabled", "dynamic.http.anonymous_auth_enabled")
        .filter(Setting::isTrue)
        .ifPresent(a -> findings.add(finding(ConfigRule.ANONYMOUS_ACCESS, a)));
    return findings;
  }

  /**
   * The security plugin's {@code roles_mapping.yml} (or its API answer): a wildcard user, backend
   * role or host mapped to {@code all_access} or to another role in {@code allPowerful}.
   */
  static List<ConfigFinding> rolesMapping(FlatSettings mapping, Set<String> allPowerful) {
    List<ConfigFinding> findings = new ArrayList<>();
    for (Setting member :
        mapping.matching(
            k ->
                (k.endsWith(".users") || k.endsWith(".backend_roles") || k.endsWith(".hosts"))
                    && !k.startsWith("_meta"))) {
      String role = member.key().substring(0, member.key().lastIndexOf('.'));
      boolean powerful = role.equals("all_access") || allPowerful.contains(role);
      boolean wildcard =
          java.util.Arrays.stream(member.value().split(","))
              .map(String::strip)
              .anyMatch("*"::equals);
      if (powerful && wildcard) {
        findings.add(finding(ConfigRule.WILDCARD_ALL_ACCESS, member));
      }
    }
    return findings;
  }

  /**
   * The roles of a {@code roles.yml} (or its API answer) that may do everything: {@code *} cluster
   * permissions and {@code *} actions on {@code *} indices.
   */
  static Set<String> allPowerfulRoles(FlatSettings roles) {
    Set<String> powerful = new java.util.TreeSet<>();
    for (Setting cluster : roles.matching(k -> k.endsWith(".cluster_permissions"))) {
      String role =
          cluster.key().substring(0, cluster.key().length() - ".cluster_permissions".length());
      boolean allCluster = List.of(cluster.value().split(",")).contains("*");
      boolean allIndices =
          roles
                  .matching(
                      k ->
                          k.startsWith(role + ".index_permissions[")
                              && k.endsWith(".index_patterns"))
                  .stream()
                  .anyMatch(p -> List.of(p.value().split(",")).contains("*"))
              && roles
                  .matching(
                      k ->
                          k.startsWith(role + ".index_permissions[")
                              && k.endsWith(".allowed_actions"))
                  .stream()
                  .anyMatch(
                      a ->
                          List.of(a.value().split(",")).contains("*")
                              || List.of(a.value().split(",")).contains("indices_all"));
      if (allCluster && allIndices) {
        powerful.add(role);
      }
    }
    return powerful;
  }

  static boolean loopbackOnly(String bind) {
    for (String host : bind.split(",")) {
      String h = host.strip().toLowerCase(Locale.ROOT);
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      if (!(LOOPBACK.contains(h) || h.startsWith("127."))) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyOrigin(String origin) {
    String o = origin.strip();
    return o.equals("*") || o.equals("/.*/") || o.equals("/.+/") || o.equals("/https?:\\/\\/.*/");
  }

  /** By file name, or, if the file can be read, by the names in the certificate. */
  private static boolean isDemoCertificate(String path, Path configFolder) {
    Path file = Path.of(path);
    if (DEMO_FILES.contains(String.valueOf(file.getFileName()))) {
      return true;
    }
    Path resolved = file.isAbsolute() || configFolder == null ? file : configFolder.resolve(file);
    if (!Files.isRegularFile(resolved) || !path.endsWith(".pem") || path.contains("key")) {
      return false;
    }
    try (InputStream in = Files.newInputStream(resolved)) {
      X509Certificate certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      String names =
          certificate.getSubjectX500Principal().getName()
              + " "
              + certificate.getIssuerX500Principal().getName();
      return DEMO_NAMES.stream().anyMatch(names::contains);
    } catch (IOException | CertificateException | ClassCastException unreadable) {
      return false;
    }
  }

  private static ConfigFinding finding(ConfigRule rule, Setting setting) {
    return new ConfigFinding(
        rule, setting.location(), setting.key() + ": " + shown(setting.value()));
  }

  /** Values are settings (hosts, flags, paths, DNs); cut long ones. */
  private static String shown(String value) {
    return value.length() > 120 ? value.substring(0, 117) + "..." : value;
  }

  private static String location(FlatSettings s) {
    return s.all().stream()
        .findFirst()
        .map(Setting::location)
        .map(l -> l.replaceAll(":\\d+$", ""))
        .orElse("(empty)");
  }
}
