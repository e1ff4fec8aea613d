package dev.casevault.store.opensearch;

import dev.casevault.core.CaseVaultException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How casevault reaches an OpenSearch cluster: over HTTPS only, trusting only the certificates of a
 * PKCS12 trust store (the cluster's CA, pinned), as casevault's own service identity (HTTP basic
 * authentication). End users never get a cluster account: casevault enforces access itself.
 *
 * <p>There is deliberately no option to skip certificate verification or to speak plain HTTP: such
 * settings are refused here, before any connection is made, rather than quietly accepted.
 *
 * @param urls one or more node URLs, {@code https://host:port}, no path, query or user info
 * @param trustStore a PKCS12 file holding the certificate(s) to trust (the cluster's CA)
 * @param trustStorePassword the trust store's password
 * @param user casevault's service user on the cluster
 * @param password that user's password
 */
public record OpenSearchSettings(
    List<URI> urls, Path trustStore, String trustStorePassword, String user, String password) {

  public OpenSearchSettings {
    Objects.requireNonNull(urls, "urls");
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    urls = List.copyOf(urls);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one OpenSearch node URL is needed");
    }
    for (URI url : urls) {
      requireHttps(url);
    }
    if (user.isBlank()) {
      throw new IllegalArgumentException("the OpenSearch service user must not be blank");
    }
    if (password.isEmpty()) {
      throw new IllegalArgumentException(
          "the OpenSearch service user's password must not be empty");
    }
  }

  static void requireHttps(URI url) {
    Objects.requireNonNull(url, "url");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http")) {
      throw new IllegalArgumentException(
          "refusing "
              + redacted(url)
              + ": casevault talks to OpenSearch over https only (case data and the service"
              + " password would cross the network in clear); enable TLS on the cluster's HTTP"
              + " layer and give casevault its CA in a PKCS12 trust store");
    }
    if (!scheme.equals("https")) {
      throw new IllegalArgumentException(
          "an OpenSearch URL must start with https://, not " + redacted(url));
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("an OpenSearch URL needs a host: " + redacted(url));
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "an OpenSearch URL must not carry credentials; give the user and password separately");
    }
    if ((url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/"))
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "an OpenSearch URL is https://host:port without a path or query: " + redacted(url));
    }
  }

  /** The URL without any user info, for error messages. */
  private static String redacted(URI url) {
    if (url.getRawUserInfo() == null) {
      return url.toString();
    }
    return url.getScheme()
        + "://…@"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort());
  }

  /** Checks what can be checked before connecting: that the trust store is a readable file. */
  void requireReadableTrustStore() {
    if (!Files.isRegularFile(trustStore) || !Files.isReadable(trustStore)) {
      throw new CaseVaultException(
          "the OpenSearch trust store " + trustStore + " is not a readable file");
    }
  }

  /** Never prints the passwords. */
  @Override
  public String toString() {
    return "OpenSearchSettings[urls="
        + urls
        + ", trustStore="
        + trustStore
        + ", trustStorePassword=***, user="
        + user
        + ", password=***]";
  }
}
