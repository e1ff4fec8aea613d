package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The TLS configuration as a real scanner sees it: Debian's {@code sslscan} against the running
 * server on 127.0.0.1. Only TLS 1.2 and 1.3, only forward-secret AEAD suites, no renegotiation, no
 * compression, no Heartbleed, and a certificate for this machine signed by the installation's CA.
 */
class TlsScanTest {
  @TempDir static Path data;
  static TestServer server;

  /** OpenSSL's names of the suites {@link Server#CIPHER_SUITES} allows. */
  static final Set<String> ALLOWED =
      Set.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "ECDHE-ECDSA-AES128-GCM-SHA256",
          "ECDHE-ECDSA-AES256-GCM-SHA384",
          "ECDHE-ECDSA-CHACHA20-POLY1305");

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start(data.resolve("data"), List.of(), TestServer.loopback());
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void sslscanFindsOnlyModernProtocolsAndSuites() throws Exception {
    Document report = scan();
    Map<String, Boolean> protocols = new TreeMap<>();
    NodeList protocolNodes = report.getElementsByTagName("protocol");
    for (int i = 0; i < protocolNodes.getLength(); i++) {
      Element protocol = (Element) protocolNodes.item(i);
      protocols.put(
          protocol.getAttribute("type") + protocol.getAttribute("version"),
          protocol.getAttribute("enabled").equals("1"));
    }
    assertThat(protocols)
        .containsEntry("tls1.2", true)
        .containsEntry("tls1.3", true)
        .containsEntry("tls1.0", false)
        .containsEntry("tls1.1", false);
    assertThat(protocols.getOrDefault("ssl2", false)).isFalse();
    assertThat(protocols.getOrDefault("ssl3", false)).isFalse();

    List<String> accepted = new ArrayList<>();
    NodeList ciphers = report.getElementsByTagName("cipher");
    for (int i = 0; i < ciphers.getLength(); i++) {
      Element cipher = (Element) ciphers.item(i);
      accepted.add(cipher.getAttribute("cipher"));
      assertThat(Integer.parseInt(cipher.getAttribute("bits"))).isGreaterThanOrEqualTo(128);
    }
    assertThat(accepted).isNotEmpty();
    assertThat(ALLOWED).containsAll(accepted);

    Element renegotiation = (Element) report.getElementsByTagName("renegotiation").item(0);
    if (renegotiation != null) {
      assertThat(
              renegotiation.getAttribute("secure").equals("1")
                  || renegotiation.getAttribute("supported").equals("0"))
          .as("no insecure renegotiation")
          .isTrue();
    }
    NodeList heartbleed = report.getElementsByTagName("heartbleed");
    for (int i = 0; i < heartbleed.getLength(); i++) {
      assertThat(((Element) heartbleed.item(i)).getAttribute("vulnerable")).isEqualTo("0");
    }
    Element compression = (Element) report.getElementsByTagName("compression").item(0);
    if (compression != null) {
      assertThat(compression.getAttribute("supported")).isEqualTo("0");
    }
  }

  @Test
  void theCertificateIsThisInstallationsAndNamesThisMachine() throws Exception {
    X509Certificate certificate = server.server.tls().serverCertificate();
    assertThat(certificate.getSubjectAlternativeNames())
        .anySatisfy(name -> assertThat(name.get(1)).isEqualTo("127.0.0.1"))
        .anySatisfy(name -> assertThat(name.get(1)).isEqualTo("localhost"));
    assertThat(certificate.getIssuerX500Principal().getName()).contains("casevault install CA");
    assertThat(server.startupOutput).contains(server.server.tls().fingerprint());
    // The client in TestServer trusts only tls/ca.pem: a successful call proves the chain.
    assertThat(server.get("/api/health", null).status()).isEqualTo(200);
  }

  private static Document scan() throws Exception {
    Process process =
        new ProcessBuilder("sslscan", "--no-colour", "--xml=-", "127.0.0.1:" + server.server.port())
            .redirectErrorStream(false)
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(output, StandardCharsets.UTF_8);
    int xml = text.indexOf("<?xml");
    assertThat(xml).as("sslscan wrote an XML report: " + text).isGreaterThanOrEqualTo(0);
    return DocumentBuilderFactory.newDefaultInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(text.substring(xml).getBytes(StandardCharsets.UTF_8)));
  }
}
