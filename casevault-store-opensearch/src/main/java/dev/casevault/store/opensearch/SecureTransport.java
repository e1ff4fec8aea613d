package dev.casevault.store.opensearch;

import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/**
 * The only way {@link OpenSearchCaseStore#open} reaches a cluster: HTTPS with the JDK's hostname
 * verification, trusting only the PKCS12 trust store of the settings (no system CAs), and HTTP
 * basic authentication as casevault's service user.
 */
final class SecureTransport {
  static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);
  static final Timeout RESPONSE_TIMEOUT = Timeout.ofSeconds(60);
  private static final int MAX_CONNECTIONS_PER_NODE = 16;

  private SecureTransport() {}

  static OpenSearchTransport open(OpenSearchSettings settings) {
    settings.requireReadableTrustStore();
    SSLContext tls = sslContext(settings);
    HttpHost[] hosts = settings.urls().stream().map(SecureTransport::host).toArray(HttpHost[]::new);
    BasicCredentialsProvider credentials = new BasicCredentialsProvider();
    for (HttpHost host : hosts) {
      credentials.setCredentials(
          new AuthScope(host),
          new UsernamePasswordCredentials(settings.user(), settings.password().toCharArray()));
    }
    return ApacheHttpClient5TransportBuilder.builder(hosts)
        .setMapper(new JacksonJsonpMapper())
        .setHttpClientConfigCallback(
            http ->
                http.setDefaultCredentialsProvider(credentials)
                    .setConnectionManager(
                        PoolingAsyncClientConnectionManagerBuilder.create()
                            .setTlsStrategy(
                                ClientTlsStrategyBuilder.create().setSslContext(tls).buildAsync())
                            .setMaxConnPerRoute(MAX_CONNECTIONS_PER_NODE)
                            .setMaxConnTotal(MAX_CONNECTIONS_PER_NODE * hosts.length)
                            .setDefaultConnectionConfig(
                                ConnectionConfig.custom()
                                    .setConnectTimeout(CONNECT_TIMEOUT)
                                    .setSocketTimeout(RESPONSE_TIMEOUT)
                                    .build())
                            .build()))
        .build();
  }

  private static HttpHost host(URI url) {
    OpenSearchSettings.requireHttps(url);
    return new HttpHost("https", url.getHost(), url.getPort() < 0 ? 9200 : url.getPort());
  }

  /** Trusts the trust store's certificates and nothing else. */
  static SSLContext sslContext(OpenSearchSettings settings) {
    try (InputStream in = Files.newInputStream(settings.trustStore())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, settings.trustStorePassword().toCharArray());
      if (store.size() == 0) {
        throw new CaseVaultException(
            "the OpenSearch trust store " + settings.trustStore() + " holds no certificate");
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new CaseVaultException(
          "cannot read the OpenSearch trust store "
              + settings.trustStore()
              + " (a PKCS12 file and its password): "
              + e.getMessage(),
          e);
    }
  }
}
