package dev.casevault.configaudit;

/**
 * What the configuration audit checks, each with its id (stable: tools and suppressions refer to
 * it), its severity and the fix.
 */
public enum ConfigRule {
  SECURITY_DISABLED(
      "security-disabled",
      Severity.CRITICAL,
      "security is disabled: anyone who reaches the node reads and writes every index",
      "enable the security plugin (OpenSearch: remove plugins.security.disabled: true; Elasticsearch:"
          + " xpack.security.enabled: true) with TLS and authentication"),
  ANONYMOUS_ACCESS(
      "anonymous-access",
      Severity.CRITICAL,
      "requests without credentials are served",
      "turn anonymous authentication off (OpenSearch security config.yml:"
          + " config.dynamic.http.anonymous_auth_enabled: false; Elasticsearch: remove"
          + " xpack.security.authc.anonymous.*)"),
  PLAIN_HTTP_BEYOND_LOOPBACK(
      "plain-http-beyond-loopback",
      Severity.HIGH,
      "the HTTP layer listens beyond loopback without TLS: credentials and data cross the network"
          + " in clear",
      "enable TLS on the HTTP layer (plugins.security.ssl.http.enabled: true or"
          + " xpack.security.http.ssl.enabled: true), or bind network.host/http.host to 127.0.0.1"),
  DEMO_CERTIFICATES(
      "demo-certificates",
      Severity.CRITICAL,
      "the security plugin's demo certificates are in use: their private keys are public, so anyone"
          + " can decrypt traffic and present the demo admin certificate",
      "issue your own CA and node certificates, remove"
          + " plugins.security.allow_unsafe_democertificates and the demo files (esnode.pem,"
          + " kirk.pem, root-ca.pem)"),
  WILDCARD_ALL_ACCESS(
      "wildcard-all-access",
      Severity.HIGH,
      "a wildcard maps everyone (or every backend role) to a role that can do everything",
      "map all_access (or any role with * permissions) to named users or backend roles only"),
  CORS_ANY_ORIGIN(
      "cors-any-origin",
      Severity.MEDIUM,
      "CORS allows any origin: any web page a user of the cluster opens can call it in their name",
      "set http.cors.allow-origin to the exact origins that need it, or disable http.cors.enabled"),
  DEFAULT_SALT(
      "default-salt",
      Severity.MEDIUM,
      "the compliance salt is the published default: masked field values can be recovered by"
          + " hashing guesses",
      "set plugins.security.compliance.salt to a random 16-character string, the same on every"
          + " node"),
  UNREADABLE(
      "unreadable",
      Severity.LOW,
      "part of the configuration could not be read, so it was not checked",
      "check the file or the credentials the audit used");

  private final String id;
  private final Severity severity;
  private final String title;
  private final String fix;

  ConfigRule(String id, Severity severity, String title, String fix) {
    this.id = id;
    this.severity = severity;
    this.title = title;
    this.fix = fix;
  }

  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  public String title() {
    return title;
  }

  public String fix() {
    return fix;
  }
}
