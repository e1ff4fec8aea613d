package dev.casevault.server;

import dev.casevault.core.CaseVaultException;
import dev.casevault.core.OwnerOnlyFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
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
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS key and certificate chain, held as an in-memory key store.
 *
 * <p>Without operator certificates, the first start creates a CA of this installation alone and a
 * server certificate it signs (ECDSA P-256), like Elasticsearch 8 does: no demo certificate whose
 * private key is public can exist. Clients trust {@code tls/ca.pem} or pin the printed fingerprint.
 * The CA's private key is discarded once it has signed.
 */
public final class TlsMaterial {
  /** Where generated material lives, under the data directory. */
  public static final String FOLDER = "tls";

  static final String CA_CERT = "ca.pem";
  static final String SERVER_CERT = "server.pem";
  static final String SERVER_KEY = "server-key.pem";
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration SERVER_VALIDITY = Duration.ofDays(825);

  private final KeyStore keyStore;
  private final char[] keyStorePassword;
  private final List<X509Certificate> chain;
  private final Path caFile;

  private TlsMaterial(
      KeyStore keyStore, char[] keyStorePassword, List<X509Certificate> chain, Path caFile) {
    this.keyStore = keyStore;
    this.keyStorePassword = keyStorePassword;
    this.chain = List.copyOf(chain);
    this.caFile = caFile;
  }

  /**
   * The generated material of {@code dataDir}, created on first use with SANs for {@code hosts}
   * (names or IP addresses), {@code localhost}, the loopback addresses and this machine's name.
   */
  public static TlsMaterial generatedIn(Path dataDir, List<String> hosts) throws IOException {
    Path folder = dataDir.resolve(FOLDER);
    Path serverCert = folder.resolve(SERVER_CERT);
    if (!Files.exists(serverCert)) {
      create(folder, hosts);
    }
    return fromPem(serverCert, folder.resolve(SERVER_KEY), folder.resolve(CA_CERT));
  }

  /** The generated material of {@code dataDir}, which must exist ({@code casevault doctor}). */
  public static TlsMaterial existingIn(Path dataDir) throws IOException {
    Path folder = dataDir.resolve(FOLDER);
    if (!Files.exists(folder.resolve(SERVER_CERT))) {
      throw new CaseVaultException(folder + ": no generated certificate yet");
    }
    return fromPem(
        folder.resolve(SERVER_CERT), folder.resolve(SERVER_KEY), folder.resolve(CA_CERT));
  }

  /** Operator-supplied PEM files: the certificate chain (leaf first) and its private key. */
  public static TlsMaterial fromPem(Path certificates, Path privateKey, Path caFile)
      throws IOException {
    OwnerOnlyFiles.requireOwnerOnly(privateKey);
    List<X509Certificate> chain = readCertificates(certificates);
    if (chain.isEmpty()) {
      throw new CaseVaultException(certificates + ": no PEM certificate in it");
    }
    PrivateKey key = readPrivateKey(privateKey);
    try {
      char[] password = randomPassword();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, password, chain.toArray(Certificate[]::new));
      return new TlsMaterial(store, password, chain, caFile);
    } catch (GeneralSecurityException e) {
      throw new CaseVaultException(privateKey + ": the key does not fit " + certificates, e);
    }
  }

  /** An operator's PKCS12 key store with one key entry; the password file is owner-only. */
  public static TlsMaterial fromPkcs12(Path keyStoreFile, Path passwordFile) throws IOException {
    char[] password =
        new String(OwnerOnlyFiles.read(passwordFile), StandardCharsets.UTF_8).strip().toCharArray();
    OwnerOnlyFiles.requireOwnerOnly(keyStoreFile);
    try (InputStream in = Files.newInputStream(keyStoreFile)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      List<String> keyAliases = new ArrayList<>();
      for (String alias : java.util.Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keyAliases.add(alias);
        }
      }
      if (keyAliases.size() != 1) {
        throw new CaseVaultException(
            keyStoreFile + ": needs exactly one private key entry, has " + keyAliases.size());
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : store.getCertificateChain(keyAliases.getFirst())) {
        chain.add((X509Certificate) certificate);
      }
      return new TlsMaterial(store, password, chain, null);
    } catch (GeneralSecurityException e) {
      throw new CaseVaultException(
          keyStoreFile + ": cannot open as PKCS12 with the password in " + passwordFile, e);
    }
  }

  public KeyStore keyStore() {
    return keyStore;
  }

  public char[] keyStorePassword() {
    return keyStorePassword.clone();
  }

  public X509Certificate serverCertificate() {
    return chain.getFirst();
  }

  /** The generated CA certificate file, for clients to trust; null for operator material. */
  public Path caFile() {
    return caFile;
  }

  /** SHA-256 of the server certificate, as {@code AB:CD:...}, for clients that pin it. */
  public String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(serverCertificate().getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public Instant expires() {
    return serverCertificate().getNotAfter().toInstant();
  }

  private static void create(Path folder, List<String> hosts) throws IOException {
    OwnerOnlyFiles.createDirectory(folder);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair caKeys = generator.generateKeyPair();
      KeyPair serverKeys = generator.generateKeyPair();
      Instant now = Instant.now();
      String install = HexFormat.of().formatHex(randomBytes(4));
      X500Name caName = new X500Name("CN=casevault install CA " + install);
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();

      X509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(
              caName,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(CA_VALIDITY)),
              caName,
              caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      ca.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      ca.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCert = sign(ca, caKeys.getPrivate());

      X509v3CertificateBuilder server =
          new JcaX509v3CertificateBuilder(
              caCert,
              serial(),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(SERVER_VALIDITY)),
              new X500Name("CN=casevault " + install),
              serverKeys.getPublic());
      server.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      server.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      server.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      server.addExtension(
          Extension.subjectAlternativeName, false, new GeneralNames(subjectNames(hosts)));
      server.addExtension(
          Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caCert));
      X509Certificate serverCert = sign(server, caKeys.getPrivate());

      // The CA's key is not kept: it signed the one server certificate this installation needs,
      // and a copy on disk would let whoever reads the data directory mint certificates for any
      // name that clients trusting ca.pem would accept. Renewal makes a new CA.
      OwnerOnlyFiles.write(folder.resolve(SERVER_KEY), pem(serverKeys.getPrivate()));
      OwnerOnlyFiles.write(folder.resolve(CA_CERT), pem(caCert));
      // The server certificate file holds the chain a client needs: leaf, then CA.
      ByteArrayOutputStream chain = new ByteArrayOutputStream();
      chain.write(pem(serverCert));
      chain.write(pem(caCert));
      OwnerOnlyFiles.write(folder.resolve(SERVER_CERT), chain.toByteArray());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot create the TLS certificates", e);
    }
  }

  private static GeneralName[] subjectNames(List<String> hosts) {
    Set<String> names = new LinkedHashSet<>(hosts);
    names.add("localhost");
    names.add("127.0.0.1");
    names.add("::1");
    try {
      names.add(InetAddress.getLocalHost().getHostName());
    } catch (IOException e) {
      // No resolvable host name: the other names still work.
    }
    List<GeneralName> general = new ArrayList<>();
    for (String name : names) {
      if (name.isBlank() || name.equals("0.0.0.0") || name.equals("::")) {
        continue;
      }
      general.add(
          isIpLiteral(name)
              ? new GeneralName(GeneralName.iPAddress, name)
              : new GeneralName(GeneralName.dNSName, name));
    }
    return general.toArray(GeneralName[]::new);
  }

  static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static BigInteger serial() {
    return new BigInteger(1, randomBytes(16));
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static char[] randomPassword() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24)).toCharArray();
  }

  private static byte[] pem(Object object) throws IOException {
    if (object instanceof PrivateKey key) {
      // PKCS#8, which every TLS tool reads, rather than the traditional per-algorithm format.
      object = new org.bouncycastle.util.io.pem.PemObject("PRIVATE KEY", key.getEncoded());
    }
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(object);
    }
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static List<X509Certificate> readCertificates(Path file) throws IOException {
    try (InputStream in = new ByteArrayInputStream(Files.readAllBytes(file))) {
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) certificate);
      }
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new CaseVaultException(file + ": not a PEM certificate chain", e);
    }
  }

  private static PrivateKey readPrivateKey(Path file) throws IOException {
    String text = new String(OwnerOnlyFiles.read(file), StandardCharsets.US_ASCII);
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      return switch (object) {
        case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
        case PrivateKeyInfo info -> converter.getPrivateKey(info);
        case null, default ->
            throw new CaseVaultException(
                file + ": not an unencrypted PEM private key (PKCS#8 or traditional)");
      };
    }
  }
}
