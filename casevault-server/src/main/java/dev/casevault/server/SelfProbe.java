package dev.casevault.server;

import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What an anonymous stranger gets from a server that just started: every route but the public ones
 * is asked without any credential, at the address the server listens on. One GET a route: the check
 * of credentials comes before routing and does not depend on the method, and fewer requests than
 * the burst of failed authentications an address may make (30) leave that budget to people. Any 2xx
 * answer means something is readable anonymously, and the start is refused: the check that the
 * incident's servers never ran. The requests carry the User-Agent {@value #USER_AGENT}, so their
 * refusals are recognisable in the audit log.
 */
final class SelfProbe {
  static final String USER_AGENT = "casevault-self-probe";
  private static final int TIMEOUT_MILLIS = 5_000;

  private SelfProbe() {}

  /** A route that did not refuse an anonymous request. */
  record Unrefused(String method, String route, int status) {
    @Override
    public String toString() {
      return method + " " + route + " answered " + status + " without credentials";
    }
  }

  /**
   * Asks every route of {@code routes} outside {@code publicPaths} anonymously at {@code base}
   * ({@code https://host:port}), trusting only {@code certificate}, the server's own; returns the
   * routes that answered anything but 401 or 403.
   */
  static List<Unrefused> probe(
      URI base, X509Certificate certificate, List<String> routes, Set<String> publicPaths)
      throws IOException {
    SSLContext tls = pinnedTo(certificate);
    List<Unrefused> unrefused = new ArrayList<>();
    for (String route : routes) {
      if (publicPaths.contains(route)) {
        continue;
      }
      String path = route.replaceAll("\\{[^}]+}", USER_AGENT);
      int status = ask(base.resolve(path), tls, certificate);
      if (status != 401 && status != 403) {
        unrefused.add(new Unrefused("GET", route, status));
      }
    }
    return unrefused;
  }

  /** The refusal of a start, naming each route that did not refuse the probe. */
  static CaseVaultException refusal(List<Unrefused> unrefused) {
    StringBuilder message =
        new StringBuilder(
            "refusing to start: this server did not refuse anonymous requests (self-probe):");
    unrefused.forEach(r -> message.append("\n  ").append(r));
    return new CaseVaultException(message.toString());
  }

  private static int ask(URI url, SSLContext tls, X509Certificate certificate) throws IOException {
    HttpsURLConnection connection = (HttpsURLConnection) url.toURL().openConnection();
    try {
      connection.setSSLSocketFactory(tls.getSocketFactory());
      // The address may be 127.0.0.1 for a server bound to 0.0.0.0, which its certificate need
      // not name: the peer is accepted if it presents exactly this server's certificate.
      connection.setHostnameVerifier((host, session) -> presents(session, certificate));
      connection.setInstanceFollowRedirects(false);
      connection.setConnectTimeout(TIMEOUT_MILLIS);
      connection.setReadTimeout(TIMEOUT_MILLIS);
      connection.setRequestMethod("GET");
      connection.setRequestProperty("User-Agent", USER_AGENT);
      int status = connection.getResponseCode();
      try (InputStream body =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
        if (body != null) {
          body.readNBytes(64 * 1024);
        }
      }
      return status;
    } finally {
      connection.disconnect();
    }
  }

  private static boolean presents(javax.net.ssl.SSLSession session, X509Certificate certificate) {
    try {
      Certificate[] peer = session.getPeerCertificates();
      return peer.length > 0 && peer[0].equals(certificate);
    } catch (SSLPeerUnverifiedException e) {
      return false;
    }
  }

  /** Trusts one certificate, the server's own, whoever signed it. */
  private static SSLContext pinnedTo(X509Certificate certificate) {
    X509TrustManager pinned =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("the self-probe is a client only");
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType)
              throws java.security.cert.CertificateException {
            if (chain.length == 0 || !chain[0].equals(certificate)) {
              throw new java.security.cert.CertificateException(
                  "not this server's certificate: the self-probe reached another server");
            }
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {pinned}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is part of every JDK", e);
    }
  }

  /** Where the probe knocks: the bound address, or loopback for a wildcard bind. */
  static URI address(String boundHost, int port) {
    String host =
        switch (boundHost) {
          case "0.0.0.0", "::", "[::]", "" -> "127.0.0.1";
          default ->
              boundHost.contains(":") && !boundHost.startsWith("[")
                  ? "[" + boundHost + "]"
                  : boundHost;
        };
    return URI.create("https://" + host + ":" + port + "/");
  }
}
