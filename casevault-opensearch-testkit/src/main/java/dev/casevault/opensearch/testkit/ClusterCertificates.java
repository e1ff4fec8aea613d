package dev.casevault.opensearch.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The certificates of one test cluster, made fresh for each start: a CA, one certificate per node
 * (server and client use, SANs 127.0.0.1 and localhost) and an admin client certificate. ECDSA
 * P-256, like {@code TlsMaterial} in casevault-server. The demo certificates that ship with the
 * security plugin are never used: their private keys are public.
 *
 * <p>Subjects are single-RDN ({@code CN=...}) so that their RFC 2253 form, which the security
 * plugin compares with {@code nodes_dn} and {@code admin_dn}, does not depend on RDN order.
 */
final class ClusterCertificates {
  static final String NODE_CN_PREFIX = "casevault-test-node-";
  static final String ADMIN_DN = "CN=casevault-test-admin";
  static final String NODES_DN = "CN=" + NODE_CN_PREFIX + "*";
  private static final Duration VALIDITY = Duration.ofDays(30);

  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final SecureRandom random = new SecureRandom();
  private final KeyPairGenerator generator;

  private ClusterCertificates()
      throws GeneralSecurityException, OperatorCreationException, IOException {
    generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    caKeys = generator.generateKeyPair();
    X500Name name =
        new X500Name("CN=casevault test cluster CA " + Long.toHexString(random.nextLong()));
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            name,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(VALIDITY)),
            name,
            caKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    builder.addExtension(
        Extension.subjectKeyIdentifier,
        false,
        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caKeys.getPublic()));
    ca = sign(builder);
  }

  static ClusterCertificates create() {
    try {
      return new ClusterCertificates();
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot create the test cluster's CA", e);
    }
  }

  X509Certificate ca() {
    return ca;
  }

  /** A key and certificate for {@code subject}, signed by the CA. */
  record Issued(PrivateKey key, X509Certificate certificate) {}

  Issued node(int index) {
    return issue(
        "CN=" + NODE_CN_PREFIX + index,
        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
        true);
  }

  Issued admin() {
    return issue(ADMIN_DN, new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, false);
  }

  private Issued issue(String subject, KeyPurposeId[] purposes, boolean loopbackNames) {
    try {
      KeyPair keys = generator.generateKeyPair();
      Instant now = Instant.now();
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              ca,
              serial(),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(VALIDITY)),
              new X500Name(subject),
              keys.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
      if (loopbackNames) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                new GeneralName[] {
                  new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                  new GeneralName(GeneralName.dNSName, "localhost")
                }));
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          utils.createSubjectKeyIdentifier(keys.getPublic()));
      builder.addExtension(
          Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
      return new Issued(keys.getPrivate(), sign(builder));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  /** Writes the certificate chain (leaf, then CA) and the PKCS#8 key as PEM files. */
  void writePem(Issued issued, Path certificateFile, Path keyFile) throws IOException {
    Files.writeString(
        certificateFile, pem(issued.certificate()) + pem(ca), StandardCharsets.US_ASCII);
    Files.writeString(
        keyFile,
        pem(new PemObject("PRIVATE KEY", issued.key().getEncoded())),
        StandardCharsets.US_ASCII);
  }

  void writeCaPem(Path file) throws IOException {
    Files.writeString(file, pem(ca), StandardCharsets.US_ASCII);
  }

  /** A PKCS12 trust store that holds the CA alone. */
  void writeTrustStore(Path file, char[] password) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("casevault-test-ca", ca);
      save(store, file, password);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A PKCS12 key store with one entry, {@code alias}: the key and its chain. */
  void writeKeyStore(Issued issued, String alias, Path file, char[] password) throws IOException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(
          alias, issued.key(), password, new Certificate[] {issued.certificate(), ca});
      save(store, file, password);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void save(KeyStore store, Path file, char[] password)
      throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
  }

  private X509Certificate sign(X509v3CertificateBuilder builder)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer =
        new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private BigInteger serial() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new BigInteger(1, bytes);
  }

  private static String pem(Object object) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString();
  }
}
