package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.audit.AuditTrail;
import dev.casevault.json.CaseLimits;
import dev.casevault.service.CaseVault;
import dev.casevault.service.IngestListener;
import dev.casevault.service.IngestOptions;
import dev.casevault.service.IngestReport;
import dev.casevault.service.Requester;
import dev.casevault.store.lucene.LuceneCaseStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real server on 127.0.0.1 over a real Lucene index in a temporary folder, with a client that
 * trusts only this installation's generated CA.
 */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Path data;
  final CaseVault vault;

  /** The audit log the vault records into; a test may close it to see requests fail closed. */
  final AuditTrail audit;

  final Server server;
  final HttpClient client;
  final String adminPassword;
  final String startupOutput;

  private TestServer(
      Path data,
      CaseVault vault,
      AuditTrail audit,
      Server server,
      HttpClient client,
      String adminPassword,
      String startupOutput) {
    this.data = data;
    this.vault = vault;
    this.audit = audit;
    this.server = server;
    this.client = client;
    this.adminPassword = adminPassword;
    this.startupOutput = startupOutput;
  }

  /** Opens the store a test server runs on, given its data directory. */
  interface StoreOpener {
    dev.casevault.store.CaseStore open(Path data) throws IOException;
  }

  /** The embedded default: a Lucene index in the data directory. */
  static final StoreOpener LUCENE = data -> LuceneCaseStore.open(data.resolve("index"));

  /** Ingests {@code caseLines} (ingest-format JSON lines) and starts a server on a free port. */
  static TestServer start(Path data, List<String> caseLines, ServerSettings settings)
      throws IOException {
    return start(data, caseLines, settings, LUCENE);
  }

  /** Like {@link #start(Path, List, ServerSettings)}, on the store {@code opener} opens. */
  static TestServer start(
      Path data, List<String> caseLines, ServerSettings settings, StoreOpener opener)
      throws IOException {
    if (!Files.exists(data)) {
      Files.createDirectories(
          data,
          java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
    }
    AuditTrail audit = AuditTrail.open(data.resolve(CaseVault.AUDIT_FOLDER), Clock.systemUTC());
    CaseVault vault = CaseVault.open(opener.open(data), data, true, audit);
    if (!caseLines.isEmpty()) {
      Path input = Files.createTempFile("cases", ".jsonl");
      Files.write(input, caseLines);
      IngestReport report =
          vault.ingest(
              List.of(input),
              new IngestOptions(
                  CaseLimits.defaults(), data.resolve("rejects.jsonl"), Duration.ofSeconds(5), 1),
              IngestListener.SILENT,
              Requester.localOwner());
      Files.delete(input);
      assertThat(report.rejected()).as("test cases rejected").isZero();
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Server server;
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      server = Server.start(data, settings, vault, Clock.systemUTC(), out);
    } catch (IOException | RuntimeException e) {
      vault.close();
      throw e;
    }
    String password = Files.readString(data.resolve(Server.INITIAL_PASSWORD_FILE)).strip();
    Path ca = server.tls().caFile();
    return new TestServer(
        data,
        vault,
        audit,
        server,
        ca == null ? HttpClient.newHttpClient() : client(ca),
        password,
        output.toString(StandardCharsets.UTF_8));
  }

  static ServerSettings loopback() {
    return ServerSettings.defaults().withBind(new ServerSettings.HostPort("127.0.0.1", 0));
  }

  static HttpClient client(Path caPem) throws IOException {
    try (InputStream in = Files.newInputStream(caPem)) {
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", ca);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return HttpClient.newBuilder()
          .sslContext(context)
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.port() + path);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A response: status, headers and the body parsed as JSON (null when empty). */
  record Answer(int status, Map<String, List<String>> headers, String text) {
    JsonNode json() {
      try {
        return text.isEmpty() ? null : JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    }
  }

  Answer get(String path, String authorization) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  Answer post(String path, String authorization, Object body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    body instanceof String s ? s : JSON.writeValueAsString(body)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.build());
  }

  Answer delete(String path, String authorization) throws IOException {
    return send(
        HttpRequest.newBuilder(uri(path)).DELETE().header("Authorization", authorization).build());
  }

  Answer send(HttpRequest request) throws IOException {
    return send(request, client);
  }

  Answer send(HttpRequest request, HttpClient with) throws IOException {
    HttpClient client = with;
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().map(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  String admin() {
    return basic("admin", adminPassword);
  }

  /** The password of every user {@link #addUser} creates. */
  static final String PASSWORD = "correct horse battery staple";

  /** Adds a local user through the admin API, with {@link #PASSWORD}, and checks it was created. */
  void addUser(String name, List<String> roles, Map<String, List<String>> attributes)
      throws IOException {
    Answer answer =
        post(
            "/api/admin/users",
            admin(),
            Map.of("name", name, "password", PASSWORD, "roles", roles, "attributes", attributes));
    assertThat(answer.status()).as("adding user " + name + ": " + answer.text()).isEqualTo(201);
  }

  /** The {@code Authorization} header of a login session of {@code name}. */
  String login(String name, String password) throws IOException {
    Answer answer = post("/api/login", null, Map.of("user", name, "password", password));
    assertThat(answer.status()).as("login of " + name).isEqualTo(200);
    return "Bearer " + answer.json().get("token").textValue();
  }

  @Override
  public void close() throws IOException {
    server.close();
    vault.close();
  }
}
