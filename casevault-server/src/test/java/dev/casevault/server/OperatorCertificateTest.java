package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators bring their own certificate as PEM files or a PKCS12 key store; the server then serves
 * it instead of generating one, and refuses key files others can read.
 */
class OperatorCertificateTest {
  @TempDir Path dir;

  /** A CA and certificate made elsewhere: another installation's generated material. */
  private Path operatorMaterial() throws IOException {
    Path elsewhere = dir.resolve("elsewhere");
    Files.createDirectories(elsewhere);
    TlsMaterial.generatedIn(elsewhere, List.of("127.0.0.1"));
    return elsewhere.resolve(TlsMaterial.FOLDER);
  }

  private void startWith(ServerSettings settings, Path ca) throws IOException {
    try (TestServer server = TestServer.start(dir.resolve("data"), List.of(), settings)) {
      assertThat(server.server.tls().caFile()).isNull();
      // A client trusting only the operator's CA gets through.
      TestServer.Answer health =
          server.send(
              java.net.http.HttpRequest.newBuilder(server.uri("/api/health")).build(),
              TestServer.client(ca));
      assertThat(health.status()).isEqualTo(200);
      assertThat(Files.exists(dir.resolve("data").resolve(TlsMaterial.FOLDER))).isFalse();
    }
  }

  @Test
  void pemFilesAreServed() throws IOException {
    Path tls = operatorMaterial();
    ServerSettings settings =
        ServerSettings.parse(
            "{\"bind\": \"127.0.0.1:0\", \"tls\": {\"certificate\": \""
                + tls.resolve(TlsMaterial.SERVER_CERT)
                + "\", \"private_key\": \""
                + tls.resolve(TlsMaterial.SERVER_KEY)
                + "\"}}",
            dir.resolve("server.json"));
    startWith(settings, tls.resolve(TlsMaterial.CA_CERT));
  }

  @Test
  void aPkcs12KeyStoreIsServed() throws Exception {
    Path tls = operatorMaterial();
    TlsMaterial material =
        TlsMaterial.fromPem(
            tls.resolve(TlsMaterial.SERVER_CERT), tls.resolve(TlsMaterial.SERVER_KEY), null);
    char[] password = "operator secret".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "server",
        material.keyStore().getKey("server", material.keyStorePassword()),
        password,
        material.keyStore().getCertificateChain("server"));
    Path p12 = dir.resolve("server.p12");
    try (OutputStream out = Files.newOutputStream(p12)) {
      store.store(out, password);
    }
    Files.setPosixFilePermissions(p12, PosixFilePermissions.fromString("rw-------"));
    Path passwordFile = dir.resolve("p12.pass");
    Files.writeString(passwordFile, new String(password) + "\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    ServerSettings settings =
        ServerSettings.parse(
            "{\"bind\": \"127.0.0.1:0\", \"tls\": {\"pkcs12\": \""
                + p12
                + "\", \"pkcs12_password_file\": \""
                + passwordFile
                + "\"}}",
            dir.resolve("server.json"));
    startWith(settings, tls.resolve(TlsMaterial.CA_CERT));
  }

  @Test
  void aPrivateKeyOthersCanReadIsRefused() throws IOException {
    Path tls = operatorMaterial();
    Path key = tls.resolve(TlsMaterial.SERVER_KEY);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> TlsMaterial.fromPem(tls.resolve(TlsMaterial.SERVER_CERT), key, null))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("chmod go-rwx");
  }
}
