package dev.casevault.scanner;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A TLS context that accepts the scanned host's certificate, whatever it is. The scanner reads what
 * anyone on the network could read, as an anonymous client, so the server's identity does not
 * matter to it, and a self-signed certificate must not hide an open store. This is safe only
 * because the scanner never sends a credential or anything else secret: nothing may use this
 * context for a connection that does.
 *
 * <p>An {@link X509ExtendedTrustManager} also takes over the host name check (JSSE leaves it to
 * extended trust managers), so a certificate for another name is accepted too.
 */
final class AnyCertificate extends X509ExtendedTrustManager {
  private AnyCertificate() {}

  static SSLContext insecureContextForAnonymousReadsOnly() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws java.security.cert.CertificateException {
    throw new java.security.cert.CertificateException("the scanner is never a server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws java.security.cert.CertificateException {
    throw new java.security.cert.CertificateException("the scanner is never a server");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws java.security.cert.CertificateException {
    throw new java.security.cert.CertificateException("the scanner is never a server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
