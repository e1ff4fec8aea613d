package dev.casevault.server;

import dev.casevault.access.AccessDeniedException;
import dev.casevault.access.AccessPolicy;
import dev.casevault.access.ApiKeys;
import dev.casevault.access.AuthenticationFailedException;
import dev.casevault.access.LocalUsers;
import dev.casevault.access.OidcAuthenticator;
import dev.casevault.access.Principal;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditLogException;
import dev.casevault.audit.AuditTarget;
import dev.casevault.audit.BulkReadGuard;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.OwnerOnlyFiles;
import dev.casevault.json.CaseLimits;
import dev.casevault.service.CaseVault;
import dev.casevault.service.IngestOptions;
import dev.casevault.service.ReadRefusedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * {@code casevault serve}: the HTTPS API over one {@link CaseVault}.
 *
 * <p>Every request passes one filter before any handler: security headers, then authentication
 * (except the health check, the API description and the login itself), then the per-principal rate
 * limit. There is one listener and it speaks TLS; no setting adds a plain one.
 */
public final class Server implements AutoCloseable {
  static final String PRINCIPAL = "casevault.principal";
  public static final String INITIAL_PASSWORD_FILE = "initial-admin-password";
  static final Set<String> INITIAL_ADMIN_ROLES = Set.of("admin", "supervisor");

  /** TLS 1.3 suites, then TLS 1.2 suites with forward secrecy and AEAD only. */
  static final String[] CIPHER_SUITES = {
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
  };

  /** Requests that need no credential; none of them returns case data. */
  private static final Set<String> PUBLIC_PATHS =
      Set.of("/api/health", "/api/openapi.json", "/api/login");

  private static final Logger LOG = Logger.getLogger("casevault.server");
  static final int MAX_BODY_BYTES = 1 << 20;

  /** Refused credentials recorded per client address and minute; more answer 429 unrecorded. */
  static final int FAILED_AUTHENTICATIONS_PER_MINUTE = PasswordLogins.PER_MINUTE_PER_ADDRESS;

  private final Javalin app;
  private final TlsMaterial tls;

  private Server(Javalin app, TlsMaterial tls) {
    this.app = app;
    this.tls = tls;
  }

  /**
   * Runs the bootstrap checks, creates what a first start needs (TLS material, the initial admin),
   * and starts listening.
   *
   * @param out where the one-time notices go (the initial admin password, the fingerprint)
   * @throws CaseVaultException when a bootstrap check fails, naming each finding and its fix
   */
  public static Server start(
      Path dataDir, ServerSettings settings, CaseVault vault, Clock clock, PrintStream out)
      throws IOException {
    OwnerOnlyFiles.createDirectory(dataDir);
    Path auth = dataDir.resolve("auth");
    OwnerOnlyFiles.createDirectory(auth);
    LocalUsers users = LocalUsers.open(auth.resolve("users.json"), clock);
    ApiKeys keys = ApiKeys.open(auth.resolve("api-keys.json"), clock);
    AccessPolicy policy = policy(dataDir, settings);

    refuseUnsafeStart(dataDir, settings, users);
    // Who may see what is decided by this policy from now on: which one must be on record.
    vault.record(
        AuditEvent.of(
                AuditAction.POLICY_LOADED,
                AuditEvent.Outcome.SUCCESS,
                dev.casevault.audit.Actor.localOwner(),
                String.valueOf(policy.version()))
            .withTarget(AuditTarget.details(Map.of("source", policySource(dataDir, settings)))));
    char[] initial = users.createInitialAdmin(INITIAL_ADMIN_ROLES);
    if (initial != null) {
      Path file = dataDir.resolve(INITIAL_PASSWORD_FILE);
      OwnerOnlyFiles.write(file, (new String(initial) + "\n").getBytes(StandardCharsets.UTF_8));
      out.println("created the initial admin user '" + LocalUsers.INITIAL_ADMIN + "'.");
      out.println("  password (shown once; also in " + file + ", owner-only):");
      out.println("  " + new String(initial));
      out.println("  change it (POST /api/me/password) and delete that file.");
    }

    TlsMaterial tls = tlsMaterial(dataDir, settings);
    Sessions sessions =
        new Sessions(clock, Duration.ofMinutes(settings.sessionMinutes()), users::stampMatches);
    Path rejects = dataDir.resolve("rejects");
    OwnerOnlyFiles.createDirectory(rejects);
    PasswordLogins passwords = new PasswordLogins(users);
    Api api =
        new Api(
            vault,
            policy,
            passwords,
            keys,
            sessions,
            () ->
                new IngestOptions(
                    CaseLimits.defaults(),
                    rejects.resolve(
                        "upload-"
                            + java.time.Instant.now().toString().replace(":", "")
                            + "-"
                            + UUID.randomUUID()
                            + ".jsonl"),
                    Duration.ofSeconds(5),
                    Math.max(1, Runtime.getRuntime().availableProcessors())));
    RateLimiter perPrincipal = new RateLimiter(settings.requestsPerMinute());
    RateLimiter failures = new RateLimiter(FAILED_AUTHENTICATIONS_PER_MINUTE);
    // Until the server has probed itself, it answers only the probe (whose requests still go
    // through authentication like any other): nothing is served before the check has passed.
    AtomicBoolean selfProbed = new AtomicBoolean();
    byte[] openApi = resource("openapi.json");
    Authenticator authenticator =
        new Authenticator(
            passwords,
            keys,
            sessions,
            settings.oidc() == null ? null : new OidcAuthenticator(settings.oidc()));

    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.http.maxRequestSize = MAX_BODY_BYTES;
              config.http.generateEtags = false;
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setSendServerVersion(false);
                    http.setSendXPoweredBy(false);
                    http.setRequestHeaderSize(16 * 1024);
                  });
              config.jetty.addConnector(
                  (server, http) -> connector(server, http, tls, settings.bind()));
              config.routes.before(
                  ctx -> {
                    if (!selfProbed.get() && !SelfProbe.USER_AGENT.equals(ctx.userAgent())) {
                      problem(ctx, 503, "starting", "the server is starting; retry in a moment");
                      ctx.skipRemainingHandlers();
                      return;
                    }
                    filter(ctx, settings, authenticator, perPrincipal, failures, vault, policy);
                  });
              config.routes.get("/api/health", api::health);
              config.routes.get(
                  "/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
              config.routes.post("/api/login", api::login);
              config.routes.post("/api/logout", api::logout);
              config.routes.get("/api/whoami", api::whoami);
              config.routes.post("/api/me/password", api::changePassword);
              config.routes.post("/api/search", api::search);
              config.routes.get("/api/suggest", api::suggest);
              config.routes.post("/api/ingest", api::ingest);
              config.routes.post("/api/export", api::export);
              config.routes.get("/api/cases/{id}", api::getCase);
              config.routes.post("/api/cases/{id}/reveal", api::reveal);
              config.routes.get("/api/admin/users", api::listUsers);
              config.routes.post("/api/admin/users", api::addUser);
              config.routes.delete("/api/admin/users/{name}", api::removeUser);
              config.routes.get("/api/admin/keys", api::listKeys);
              config.routes.post("/api/admin/keys", api::createKey);
              config.routes.delete("/api/admin/keys/{id}", api::revokeKey);
              config.routes.get("/api/admin/roles", api::roles);
              config.routes.get("/api/admin/locks", api::locks);
              config.routes.get("/api/audit/events", api::auditEvents);
              config.routes.get("/api/audit/incident", api::incident);
              config.routes.get("/api/audit/checkpoint", api::auditCheckpoint);
              config.routes.get("/api/audit/proof", api::auditProof);
              config.routes.delete("/api/admin/locks", api::unlock);
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> error(e, ctx, vault, sessions, String.valueOf(policy.version())));
              config.routes.error(404, ctx -> problem(ctx, 404, "not_found", "no such endpoint"));
              config.routes.error(
                  405, ctx -> problem(ctx, 405, "method_not_allowed", "method not allowed"));
              config.routes.error(
                  413, ctx -> problem(ctx, 413, "too_large", "the request body is too large"));
            });
    app.start();
    refuseIfAnonymousReads(app, settings, tls, out);
    // The probe's refusals are recorded; they must not spend the failed-authentication budget of
    // the address people on this machine use. Only the probe has been answered so far.
    failures.clear();
    selfProbed.set(true);
    out.println(
        "casevault listening on https://"
            + settings.bind().host()
            + ":"
            + app.port()
            + " (TLS certificate SHA-256 "
            + tls.fingerprint()
            + (tls.caFile() != null ? "; clients trust " + tls.caFile() : "")
            + ")");
    return new Server(app, tls);
  }

  /**
   * Knocks at the server's own address without credentials (see {@link SelfProbe}); stops it and
   * refuses the start if any route did not refuse, or if the probe could not reach it.
   */
  private static void refuseIfAnonymousReads(
      Javalin app, ServerSettings settings, TlsMaterial tls, PrintStream out) {
    URI address = SelfProbe.address(settings.bind().host(), app.port());
    List<SelfProbe.Unrefused> unrefused;
    try {
      unrefused = SelfProbe.probe(address, tls.serverCertificate(), Api.ROUTES, PUBLIC_PATHS);
    } catch (IOException | RuntimeException e) {
      app.stop();
      throw new CaseVaultException(
          "refusing to start: the self-probe could not ask this server at "
              + address
              + " ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
    if (!unrefused.isEmpty()) {
      app.stop();
      throw SelfProbe.refusal(unrefused);
    }
    out.println(
        "self-probe: "
            + (Api.ROUTES.size() - PUBLIC_PATHS.size())
            + " routes refused anonymous requests at "
            + address);
  }

  /**
   * Runs the bootstrap checks and throws, naming every failed check and its fix, when one fails.
   * {@code serve} calls it before it opens anything, and {@link #start} again.
   */
  public static void refuseUnsafeStart(Path dataDir, ServerSettings settings) throws IOException {
    refuseUnsafeStart(
        dataDir,
        settings,
        LocalUsers.open(dataDir.resolve("auth").resolve("users.json"), Clock.systemUTC()));
  }

  private static void refuseUnsafeStart(Path dataDir, ServerSettings settings, LocalUsers users)
      throws IOException {
    List<BootstrapChecks.Finding> findings =
        BootstrapChecks.beforeStart(dataDir, settings, users, BootstrapChecks.runningAsRoot());
    List<BootstrapChecks.Finding> errors =
        findings.stream().filter(f -> f.severity() == BootstrapChecks.Severity.ERROR).toList();
    if (!errors.isEmpty()) {
      StringBuilder message = new StringBuilder("refusing to start:");
      errors.forEach(f -> message.append("\n  ").append(f));
      throw new CaseVaultException(message.toString());
    }
  }

  private static ServerConnector connector(
      org.eclipse.jetty.server.Server server,
      HttpConfiguration http,
      TlsMaterial tls,
      ServerSettings.HostPort bind) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(tls.keyStore());
    ssl.setKeyStorePassword(new String(tls.keyStorePassword()));
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    ssl.setIncludeCipherSuites(CIPHER_SUITES);
    ssl.setUseCipherSuitesOrder(true);
    ssl.setRenegotiationAllowed(false);
    HttpConfiguration https = new HttpConfiguration(http);
    https.addCustomizer(new SecureRequestCustomizer());
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(bind.host());
    connector.setPort(bind.port());
    connector.setIdleTimeout(30_000);
    return connector;
  }

  private static void filter(
      Context ctx,
      ServerSettings settings,
      Authenticator authenticator,
      RateLimiter perPrincipal,
      RateLimiter failures,
      CaseVault vault,
      AccessPolicy policy) {
    ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-store");
    cors(ctx, settings.corsOrigins());
    if (ctx.method() == HandlerType.OPTIONS) {
      ctx.status(204);
      ctx.skipRemainingHandlers();
      return;
    }
    if (PUBLIC_PATHS.contains(ctx.path())) {
      return;
    }
    Principal principal;
    try {
      principal = authenticator.authenticate(ctx);
    } catch (AuthenticationFailedException e) {
      // Each failure is recorded, and so each address may fail only so often: unlimited failures
      // would fill the log's disk and stop every answer.
      limit(failures, ctx.req().getRemoteAddr());
      vault.record(
          AuditEvent.of(
                  AuditAction.AUTHENTICATION_FAILED,
                  AuditEvent.Outcome.DENIED,
                  Api.anonymous(ctx, authenticator.claimedUser(ctx)),
                  String.valueOf(policy.version()))
              .withTarget(AuditTarget.details(Map.of("path", Api.route(ctx.path()))))
              .withReason(e.reason()));
      throw e;
    }
    if (vault.isLocked(principal.id()) && !ctx.path().equals("/api/logout")) {
      throw Api.refusedAsLocked(ctx, vault, principal, String.valueOf(policy.version()));
    }
    limit(perPrincipal, principal.id());
    ctx.attribute(PRINCIPAL, principal);
  }

  private static void cors(Context ctx, List<String> origins) {
    String origin = ctx.header("Origin");
    if (origin != null && origins.contains(origin)) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Vary", "Origin");
      ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
      ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE");
    }
  }

  private static void limit(RateLimiter limiter, String key) {
    long wait = limiter.acquire(key);
    if (wait > 0) {
      throw new RateLimited(wait);
    }
  }

  /** The bearer token of the request, or null. */
  static String bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }

  /** Turns the credential of a request into a principal, or refuses it. */
  static final class Authenticator {
    private final PasswordLogins passwords;
    private final ApiKeys keys;
    private final Sessions sessions;
    private final OidcAuthenticator oidc;

    /**
     * @param oidc the OIDC issuer's verifier, or null when no issuer is configured
     */
    Authenticator(
        PasswordLogins passwords, ApiKeys keys, Sessions sessions, OidcAuthenticator oidc) {
      this.passwords = passwords;
      this.keys = keys;
      this.sessions = sessions;
      this.oidc = oidc;
    }

    /**
     * Whom a refused request claimed to be, for the audit log: the user of a Basic credential if
     * there is such a user (a name that is no user may be a password typed in the wrong box), else
     * anonymous.
     */
    String claimedUser(Context ctx) {
      String header = ctx.header("Authorization");
      if (header != null
          && header.length() <= 8192
          && header.regionMatches(true, 0, "Basic ", 0, 6)) {
        try {
          String decoded =
              new String(
                  Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
          int colon = decoded.indexOf(':');
          String name = colon <= 0 ? "" : decoded.substring(0, colon);
          if (passwords.users().list().stream().anyMatch(u -> u.name().equals(name))) {
            return "user:" + name;
          }
        } catch (IllegalArgumentException e) {
          // malformed: anonymous
        }
      }
      return "anonymous";
    }

    Principal authenticate(Context ctx) {
      if (java.util.Collections.list(ctx.req().getHeaders("Authorization")).size() > 1) {
        throw new AuthenticationFailedException("several credentials in one request");
      }
      String header = ctx.header("Authorization");
      if (header == null || header.isBlank()) {
        throw new AuthenticationFailedException("no credential");
      }
      if (header.length() > 8192) {
        throw new AuthenticationFailedException("oversized credential");
      }
      if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
        String decoded;
        try {
          decoded =
              new String(
                  Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new AuthenticationFailedException("malformed basic credential");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
          throw new AuthenticationFailedException("malformed basic credential");
        }
        return passwords.check(
            ctx.req().getRemoteAddr(),
            decoded.substring(0, colon),
            decoded.substring(colon + 1).toCharArray());
      }
      String token = bearer(ctx);
      if (token == null) {
        throw new AuthenticationFailedException("unsupported authorization scheme");
      }
      if (token.startsWith(Sessions.PREFIX)) {
        return sessions.authenticate(token);
      }
      if (ApiKeys.looksLikeKey(token)) {
        return keys.authenticate(token);
      }
      if (oidc != null) {
        return oidc.authenticate(token);
      }
      throw new AuthenticationFailedException("a bearer token, but no OIDC issuer is configured");
    }
  }

  /** A request over the principal's rate limit. */
  static final class RateLimited extends RuntimeException {
    private final long seconds;

    RateLimited(long seconds) {
      super(null, null, false, false);
      this.seconds = seconds;
    }
  }

  private static void error(
      Exception e, Context ctx, CaseVault vault, Sessions sessions, String policyVersion) {
    if (e instanceof AccessDeniedException denied && ctx.attribute(PRINCIPAL) != null) {
      try {
        vault.record(
            AuditEvent.of(
                    AuditAction.ACCESS_DENIED,
                    AuditEvent.Outcome.DENIED,
                    Api.actor(ctx, ctx.attribute(PRINCIPAL)),
                    policyVersion)
                .withTarget(AuditTarget.details(Map.of("path", Api.route(ctx.path()))))
                .withReason(denied.getMessage()));
      } catch (AuditLogException failed) {
        error(failed, ctx, vault, sessions, policyVersion);
        return;
      }
    }
    if (e instanceof ReadRefusedException && ctx.attribute(PRINCIPAL) != null) {
      // Sessions end at both steps: a person logs in again, a script's token stops working.
      sessions.closeAll(((Principal) ctx.attribute(PRINCIPAL)).id());
    }
    switch (e) {
      case AuditLogException failed -> {
        // Fail closed: what could not be recorded is not answered. The cause (a path, an I/O
        // error) stays in the server's log.
        LOG.log(Level.SEVERE, "the audit log cannot record; refusing requests", failed);
        ctx.header("Retry-After", "30");
        problem(
            ctx,
            503,
            "audit_unavailable",
            "the audit log cannot record this request, so nothing was answered; retry later");
      }
      case ApiException api -> problem(ctx, api.status(), api.code(), api.getMessage());
      case AuthenticationFailedException auth -> {
        // The self-probe's expected refusals are in the audit log; its one summary line suffices
        // on the console.
        if (!SelfProbe.USER_AGENT.equals(ctx.userAgent())) {
          LOG.info(
              () ->
                  "authentication failed from " + ctx.req().getRemoteAddr() + ": " + auth.reason());
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"casevault\", Basic realm=\"casevault\"");
        problem(ctx, 401, "unauthenticated", "authentication failed");
      }
      case AccessDeniedException denied -> problem(ctx, 403, "forbidden", denied.getMessage());
      case ReadRefusedException refused when refused.step() == BulkReadGuard.Step.LOCK ->
          problem(
              ctx,
              403,
              "locked",
              "too many cases read: this principal is locked and an alert was raised ("
                  + refused.getMessage()
                  + ")");
      case ReadRefusedException refused -> {
        ctx.header("WWW-Authenticate", "Bearer realm=\"casevault\", Basic realm=\"casevault\"");
        problem(
            ctx,
            401,
            "reauthenticate",
            "too many cases read: log in again to go on (" + refused.getMessage() + ")");
      }
      case RateLimited limited -> {
        ctx.header("Retry-After", Long.toString(limited.seconds));
        problem(ctx, 429, "rate_limited", "too many requests; retry later");
      }
      case CaseVaultException known -> problem(ctx, 400, "bad_request", known.getMessage());
      case dev.casevault.store.StoreFailureException store -> {
        // The operator reads the store's words (hosts, statuses) in the log; the client learns
        // only that the store cannot answer now.
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.WARNING, "store unavailable " + reference + ": " + store.getMessage());
        ctx.header("Retry-After", "5");
        problem(
            ctx,
            503,
            "store_unavailable",
            "the archive's store cannot answer now; retry later (reference " + reference + ")");
      }
      case io.javalin.http.HttpResponseException http ->
          problem(ctx, http.getStatus(), "http_" + http.getStatus(), "request refused");
      default -> {
        String reference = UUID.randomUUID().toString();
        // The stack trace stays on the server; it may quote internals the client must not see.
        LOG.log(Level.SEVERE, "internal error " + reference, e);
        problem(ctx, 500, "internal", "internal error; reference " + reference);
      }
    }
  }

  static void problem(Context ctx, int status, String code, String message) {
    ctx.status(status);
    ctx.contentType("application/json");
    com.fasterxml.jackson.databind.node.ObjectNode body = Api.JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    Api.send(ctx, body);
  }

  private static String policySource(Path dataDir, ServerSettings settings) {
    if (settings.accessPolicy() != null) {
      return settings.accessPolicy().toString();
    }
    Path local = dataDir.resolve("access-policy.json");
    return Files.exists(local) ? local.toString() : "built-in";
  }

  private static AccessPolicy policy(Path dataDir, ServerSettings settings) throws IOException {
    if (settings.accessPolicy() != null) {
      return AccessPolicy.read(settings.accessPolicy());
    }
    Path local = dataDir.resolve("access-policy.json");
    return Files.exists(local) ? AccessPolicy.read(local) : AccessPolicy.defaults();
  }

  static TlsMaterial tlsMaterial(Path dataDir, ServerSettings settings) throws IOException {
    if (settings.tlsCertificate() != null) {
      return TlsMaterial.fromPem(settings.tlsCertificate(), settings.tlsPrivateKey(), null);
    }
    if (settings.tlsPkcs12() != null) {
      return TlsMaterial.fromPkcs12(settings.tlsPkcs12(), settings.tlsPkcs12PasswordFile());
    }
    return TlsMaterial.generatedIn(dataDir, List.of(settings.bind().host()));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = Server.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  public int port() {
    return app.port();
  }

  public TlsMaterial tls() {
    return tls;
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    app.jettyServer().server().join();
  }

  @Override
  public void close() {
    app.stop();
  }
}
