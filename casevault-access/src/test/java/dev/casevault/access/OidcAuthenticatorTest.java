package dev.casevault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponseKt;
import no.nav.security.mock.oauth2.http.OAuth2HttpRouterKt;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.KeyProvider;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against a real OIDC issuer (mock-oauth2-server on 127.0.0.1) whose signing key the test owns, so
 * that it can craft tokens that differ from a valid one in exactly one respect.
 */
class OidcAuthenticatorTest {
  private static final String ISSUER_ID = "casevault-idp";
  private static final String AUDIENCE = "casevault";
  private static final InetAddress LOOPBACK = loopback();

  private static RSAKey issuerKey;
  private static MockOAuth2Server server;
  private static String issuer;

  @BeforeAll
  static void startIssuer() throws JOSEException {
    // mock-oauth2-server names each issuer's key after the issuer id.
    issuerKey = rsaKey(ISSUER_ID);
    server = issuerWithKey(issuerKey);
    server.start(LOOPBACK, 0);
    issuer = issuerOn(server);
  }

  @AfterAll
  static void stopIssuer() {
    server.shutdown();
  }

  // ---------------------------------------------------------------------------------------------
  // Accepted

  @Test
  void acceptsATokenIssuedByTheServer() {
    SignedJWT token =
        server.anyToken(
            HttpUrl.get(issuer),
            Map.of(
                "sub",
                "agent-7",
                "aud",
                List.of(AUDIENCE),
                "roles",
                List.of("agent", "tier1"),
                "cv_team",
                "tier1-emea",
                "cv_region",
                List.of("EMEA", "APAC"),
                "email",
                "someone@example.com"),
            Duration.ofMinutes(5));
    OidcAuthenticator authenticator =
        new OidcAuthenticator(
            settings().withAttributeClaims(Map.of("team", "cv_team", "region", "cv_region")));

    Principal principal = authenticator.authenticate(token.serialize());

    assertThat(token.getHeader().getKeyID()).isEqualTo(ISSUER_ID);
    assertThat(principal.id()).isEqualTo("oidc:" + issuer + "#agent-7");
    assertThat(principal.method()).isEqualTo(Principal.AuthenticationMethod.OIDC);
    assertThat(principal.roles()).containsExactlyInAnyOrder("agent", "tier1");
    assertThat(principal.attributes())
        .containsOnlyKeys("team", "region")
        .containsEntry("team", List.of("tier1-emea"))
        .containsEntry("region", List.of("EMEA", "APAC"));
  }

  @Test
  void acceptsAnAccessTokenFromTheTokenEndpoint() throws Exception {
    server.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER_ID, "exporter", "at+jwt", List.of(AUDIENCE), Map.of("roles", "exporter"), 300));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(issuer + "/token"))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id=exporter"
                                + "&client_secret=secret&scope=casevault"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    String accessToken =
        (String) com.nimbusds.jose.util.JSONObjectUtils.parse(response.body()).get("access_token");
    assertThat(SignedJWT.parse(accessToken).getHeader().getType())
        .isEqualTo(new JOSEObjectType("at+jwt"));

    Principal principal = new OidcAuthenticator(settings()).authenticate(accessToken);

    assertThat(principal.id()).isEqualTo("oidc:" + issuer + "#exporter");
    assertThat(principal.roles()).containsExactly("exporter");
    assertThat(principal.attributes()).isEmpty();
  }

  @Test
  void acceptsAnEs256TokenFromAnEcIssuer() {
    MockOAuth2Server ecServer =
        new MockOAuth2Server(
            new OAuth2Config(
                false,
                null,
                null,
                false,
                new OAuth2TokenProvider(new KeyProvider(List.of(), "ES256"))));
    ecServer.start(LOOPBACK, 0);
    try {
      String ecIssuer = issuerOn(ecServer);
      SignedJWT token =
          ecServer.anyToken(
              HttpUrl.get(ecIssuer),
              Map.of("sub", "agent-9", "aud", List.of(AUDIENCE)),
              Duration.ofMinutes(5));
      assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
      OidcSettings ec = OidcSettings.of(ecIssuer, AUDIENCE);

      assertThat(new OidcAuthenticator(ec).authenticate(token.serialize()).id())
          .endsWith("#agent-9");
      assertThat(reasonFrom(new OidcAuthenticator(onlyRs256(ec)), token.serialize()))
          .isEqualTo("algorithm not allowed: ES256");
    } finally {
      ecServer.shutdown();
    }
  }

  @Test
  void aCraftedTokenSignedWithTheIssuersKeyIsAccepted() throws Exception {
    // The control for every attack below: each differs from this token in one respect only.
    Principal principal = authenticator().authenticate(signed(claims().build()));
    assertThat(principal.id()).isEqualTo("oidc:" + issuer + "#agent-7");
    assertThat(principal.roles()).containsExactly("agent");
  }

  @Test
  void rolesMayBeOneStringOrAbsent() throws Exception {
    assertThat(authenticator().authenticate(signed(claims().claim("roles", "auditor").build())))
        .extracting(Principal::roles)
        .isEqualTo(Set.of("auditor"));
    assertThat(authenticator().authenticate(signed(claims().claim("roles", null).build())))
        .extracting(Principal::roles)
        .isEqualTo(Set.of());
  }

  @Test
  void toleratesTheClockSkewAndNoMore() throws Exception {
    Instant now = Instant.now();
    assertThat(
            authenticator()
                .authenticate(signed(claims().expirationTime(date(now.minusSeconds(30))).build())))
        .isNotNull();
    assertThat(
            authenticator()
                .authenticate(signed(claims().notBeforeTime(date(now.plusSeconds(30))).build())))
        .isNotNull();
    assertThat(
            authenticator()
                .authenticate(signed(claims().issueTime(date(now.plusSeconds(30))).build())))
        .isNotNull();
    assertThat(reason(signed(claims().expirationTime(date(now.minusSeconds(90))).build())))
        .isEqualTo("expired token");
  }

  // ---------------------------------------------------------------------------------------------
  // Rejected: how the token is protected

  @Test
  void rejectsAnUnsignedToken() {
    String token = new PlainJWT(claims().build()).serialize();
    assertThat(token).endsWith(".");
    assertThat(reason(token)).isEqualTo("unsigned token (alg none)");
  }

  @Test
  void rejectsNoneSpelledDifferently() {
    String token =
        Base64URL.encode("{\"alg\":\"nOnE\",\"typ\":\"JWT\"}")
            + "."
            + Base64URL.encode(claims().build().toString())
            + ".c2lnbmF0dXJl";
    assertThat(reason(token)).isEqualTo("algorithm not allowed: (not a standard JWS algorithm)");
  }

  @Test
  void rejectsHs256SignedWithTheIssuersPublicKey() throws Exception {
    byte[] publicKey = issuerKey.toRSAPublicKey().getEncoded();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(issuerKey.getKeyID()).build(),
            claims().build());
    forged.sign(new MACSigner(publicKey));
    // The attack is real: the signature does verify with the public key as HMAC secret.
    assertThat(SignedJWT.parse(forged.serialize()).verify(new MACVerifier(publicKey))).isTrue();

    assertThat(reason(forged.serialize()))
        .isEqualTo("HMAC algorithm HS256 refused: the issuer's keys are public (HS/RS confusion)");
  }

  @Test
  void rejectsAnAlgorithmOutsideTheAllowList() throws Exception {
    String rs384 = signed(JWSAlgorithm.RS384, issuerKey, JOSEObjectType.JWT, claims().build());

    assertThat(reason(rs384)).isEqualTo("algorithm not allowed: RS384");
    // Same token, same key: accepted once RS384 is allowed, so the algorithm alone was refused.
    OidcSettings withRs384 =
        new OidcSettings(
            issuer,
            AUDIENCE,
            Set.of("RS256", "RS384"),
            OidcSettings.DEFAULT_CLOCK_SKEW,
            "roles",
            Map.of(),
            OidcSettings.DEFAULT_JWKS_REFETCH_INTERVAL);
    assertThat(new OidcAuthenticator(withRs384).authenticate(rs384)).isNotNull();
  }

  @Test
  void rejectsABadSignature() throws Exception {
    RSAKey impostor = rsaKey(issuerKey.getKeyID());
    assertThat(reason(signed(JWSAlgorithm.RS256, impostor, JOSEObjectType.JWT, claims().build())))
        .isEqualTo("bad signature");

    String valid = signed(claims().build());
    String[] parts = valid.split("\\.");
    String otherPayload = Base64URL.encode(claims().subject("admin").build().toString()).toString();
    assertThat(reason(parts[0] + "." + otherPayload + "." + parts[2])).isEqualTo("bad signature");
  }

  @Test
  void rejectsAnUnknownKey() throws Exception {
    MutableClock clock = new MutableClock();
    OidcAuthenticator authenticator = new OidcAuthenticator(settings(), clock);
    String token =
        signed(JWSAlgorithm.RS256, rsaKey("not-the-issuers"), JOSEObjectType.JWT, claims().build());

    assertThat(reasonFrom(authenticator, token))
        .isEqualTo("unknown signing key; JWKS refetch rate-limited");
    clock.advance(OidcSettings.DEFAULT_JWKS_REFETCH_INTERVAL);
    assertThat(reasonFrom(authenticator, token)).isEqualTo("unknown signing key");
  }

  @Test
  void rejectsAnEncryptedToken() throws Exception {
    EncryptedJWT encrypted =
        new EncryptedJWT(
            new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A128GCM), claims().build());
    encrypted.encrypt(new RSAEncrypter(issuerKey.toRSAPublicKey()));
    assertThat(reason(encrypted.serialize())).isEqualTo("encrypted token (JWE) not accepted");
  }

  @Test
  void rejectsATokenTypeMeantForSomethingElse() throws Exception {
    String logout =
        signed(JWSAlgorithm.RS256, issuerKey, new JOSEObjectType("logout+jwt"), claims().build());
    assertThat(reason(logout)).isEqualTo("token type not accepted");
    String accessToken =
        signed(JWSAlgorithm.RS256, issuerKey, new JOSEObjectType("at+jwt"), claims().build());
    assertThat(authenticator().authenticate(accessToken)).isNotNull();
  }

  // ---------------------------------------------------------------------------------------------
  // Rejected: what the token says

  @Test
  void rejectsAnExpiredToken() throws Exception {
    Instant now = Instant.now();
    assertThat(
            reason(
                signed(
                    claims()
                        .issueTime(date(now.minus(Duration.ofHours(2))))
                        .expirationTime(date(now.minus(Duration.ofHours(1))))
                        .build())))
        .isEqualTo("expired token");
  }

  @Test
  void rejectsATokenNotYetValid() throws Exception {
    assertThat(reason(signed(claims().notBeforeTime(date(Instant.now().plusSeconds(600))).build())))
        .isEqualTo("token not yet valid (nbf)");
  }

  @Test
  void rejectsATokenIssuedInTheFuture() throws Exception {
    assertThat(reason(signed(claims().issueTime(date(Instant.now().plusSeconds(600))).build())))
        .isEqualTo("token issued in the future (iat)");
  }

  @Test
  void rejectsAnotherIssuer() throws Exception {
    String otherIssuer = issuer.replace(ISSUER_ID, "another-tenant");
    assertThat(reason(signed(claims().issuer(otherIssuer).build()))).isEqualTo("wrong issuer");
    assertThat(reason(signed(claims().issuer(issuer + "/").build()))).isEqualTo("wrong issuer");
    assertThat(reason(signed(claims().issuer(null).build()))).isEqualTo("missing iss");
  }

  @Test
  void rejectsAnotherAudience() throws Exception {
    assertThat(reason(signed(claims().audience("another-api").build())))
        .isEqualTo("wrong audience");
    assertThat(reason(signed(claims().audience((String) null).build()))).isEqualTo("missing aud");
    assertThat(
            authenticator().authenticate(signed(claims().audience(List.of("x", AUDIENCE)).build())))
        .isNotNull();
  }

  @Test
  void rejectsAMissingOrBlankSubject() throws Exception {
    assertThat(reason(signed(claims().subject(null).build()))).isEqualTo("missing sub");
    assertThat(reason(signed(claims().subject(" ").build()))).isEqualTo("missing sub");
  }

  @Test
  void rejectsAMissingExpiry() throws Exception {
    assertThat(reason(signed(claims().expirationTime(null).build()))).isEqualTo("missing exp");
  }

  @Test
  void rejectsRolesAndAttributesThatAreNotStrings() throws Exception {
    assertThat(reason(signed(claims().claim("roles", List.of("agent", 7)).build())))
        .isEqualTo("roles claim is not a string or a list of non-blank strings");
    assertThat(reason(signed(claims().claim("roles", Map.of("admin", true)).build())))
        .isEqualTo("roles claim is not a string or a list of non-blank strings");
    OidcAuthenticator withTeam =
        new OidcAuthenticator(settings().withAttributeClaims(Map.of("team", "cv_team")));
    assertThat(reasonFrom(withTeam, signed(claims().claim("cv_team", 42).build())))
        .isEqualTo("claim for attribute team is not a string or a list of non-blank strings");
  }

  // ---------------------------------------------------------------------------------------------
  // Rejected: not a token

  @Test
  void rejectsMalformedTokens() {
    for (String token :
        List.of(
            "not a token",
            "a.b.c",
            "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
            "eyJhbGciOiJSUzI1NiJ9",
            "....")) {
      assertThat(reason(token)).as(token).isEqualTo("malformed token");
    }
    assertThat(reason("")).isEqualTo("missing token");
  }

  @Test
  void rejectsAnOversizedTokenBeforeParsingIt() throws Exception {
    String big = signed(claims().claim("padding", "x".repeat(11_000)).build());
    assertThat(big.length()).isLessThanOrEqualTo(OidcAuthenticator.MAX_TOKEN_CHARS);
    assertThat(authenticator().authenticate(big)).isNotNull();

    String tooBig = signed(claims().claim("padding", "x".repeat(13_000)).build());
    assertThat(tooBig.length()).isGreaterThan(OidcAuthenticator.MAX_TOKEN_CHARS);
    assertThat(reason(tooBig)).isEqualTo("token too large");
    assertThat(reason("x".repeat(OidcAuthenticator.MAX_TOKEN_CHARS + 1)))
        .isEqualTo("token too large");
  }

  // ---------------------------------------------------------------------------------------------
  // Discovery and key rotation

  @Test
  void refusesADiscoveryDocumentForAnotherIssuer() throws Exception {
    // With a trailing slash the discovery URL is the same, but the document names the issuer
    // without it: not equal, so nothing from that document is trusted.
    MutableClock clock = new MutableClock();
    OidcAuthenticator authenticator =
        new OidcAuthenticator(OidcSettings.of(issuer + "/", AUDIENCE), clock);
    String token = signed(claims().issuer(issuer + "/").build());

    assertThat(reasonFrom(authenticator, token))
        .isEqualTo("OIDC discovery: the document's issuer differs from the configured issuer");
    assertThat(reasonFrom(authenticator, token))
        .isEqualTo("OIDC discovery failed recently; not retried yet");
    clock.advance(OidcSettings.DEFAULT_JWKS_REFETCH_INTERVAL);
    assertThat(reasonFrom(authenticator, token))
        .isEqualTo("OIDC discovery: the document's issuer differs from the configured issuer");
  }

  @Test
  void reportsAnUnreachableIssuer() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
      closedPort = socket.getLocalPort();
    }
    OidcAuthenticator authenticator =
        new OidcAuthenticator(
            OidcSettings.of("http://127.0.0.1:" + closedPort + "/" + ISSUER_ID, AUDIENCE));
    assertThat(reasonFrom(authenticator, signed(claims().build())))
        .isEqualTo("OIDC discovery: document unavailable");
  }

  @Test
  void refusesAnOversizedJwks() throws Exception {
    AtomicInteger padding = new AtomicInteger();
    OAuth2TokenProvider keys = new OAuth2TokenProvider(new KeyProvider(List.of(issuerKey)));
    MockOAuth2Server padded =
        new MockOAuth2Server(
            new OAuth2Config(false, null, null, false, keys),
            OAuth2HttpRouterKt.get(
                "/" + ISSUER_ID + "/jwks",
                request -> {
                  Map<String, Object> jwks =
                      new HashMap<>(keys.publicJwkSet(ISSUER_ID).toJSONObject());
                  jwks.put("padding", "x".repeat(padding.get()));
                  return OAuth2HttpResponseKt.json(jwks);
                }));
    padded.start(LOOPBACK, 0);
    try {
      OidcSettings settings = OidcSettings.of(issuerOn(padded), AUDIENCE);
      String token = signed(claims().issuer(issuerOn(padded)).build());
      padding.set(50_000);
      assertThat(new OidcAuthenticator(settings).authenticate(token)).isNotNull();

      padding.set(70_000);
      AuthenticationFailedException e =
          catchThrowableOfType(
              AuthenticationFailedException.class,
              () -> new OidcAuthenticator(settings).authenticate(token));
      assertThat(e.reason()).isEqualTo("issuer JWKS unavailable");
      assertThat(e).hasStackTraceContaining("limit");
    } finally {
      padded.shutdown();
    }
  }

  @Test
  void givesUpOnAnIssuerThatDoesNotAnswer() throws Exception {
    OAuth2TokenProvider keys = new OAuth2TokenProvider(new KeyProvider(List.of(issuerKey)));
    MockOAuth2Server slow =
        new MockOAuth2Server(
            new OAuth2Config(false, null, null, false, keys),
            OAuth2HttpRouterKt.get(
                "/" + ISSUER_ID + "/jwks",
                request -> {
                  try {
                    Thread.sleep(OidcAuthenticator.READ_TIMEOUT_MILLIS + 500);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return OAuth2HttpResponseKt.json(keys.publicJwkSet(ISSUER_ID).toJSONObject());
                }));
    slow.start(LOOPBACK, 0);
    try {
      OidcAuthenticator authenticator =
          new OidcAuthenticator(OidcSettings.of(issuerOn(slow), AUDIENCE));
      String token = signed(claims().issuer(issuerOn(slow)).build());
      long start = System.nanoTime();
      AuthenticationFailedException e =
          catchThrowableOfType(
              AuthenticationFailedException.class, () -> authenticator.authenticate(token));
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(e.reason()).isEqualTo("issuer JWKS unavailable");
      assertThat(e).hasStackTraceContaining("timed out");
      assertThat(millis).isLessThan(OidcAuthenticator.READ_TIMEOUT_MILLIS + 1_000L);
      // No keys were ever had: the next token within the interval is not told "unknown key".
      assertThat(reasonFrom(authenticator, token)).isEqualTo("issuer JWKS unavailable");
    } finally {
      slow.shutdown();
    }
  }

  @Test
  void followsAKeyRotationRefetchingAtMostOncePerInterval() throws Exception {
    // The issuer publishes the key of its own issuer id, then, rotated, only a second key of the
    // same server (mock-oauth2-server names a key after the issuer id it was made for).
    String nextKeyId = ISSUER_ID + "-next";
    OAuth2TokenProvider keys = new OAuth2TokenProvider();
    AtomicReference<String> published = new AtomicReference<>(ISSUER_ID);
    AtomicInteger jwksFetches = new AtomicInteger();
    MockOAuth2Server rotating =
        new MockOAuth2Server(
            new OAuth2Config(false, null, null, false, keys),
            OAuth2HttpRouterKt.get(
                "/" + ISSUER_ID + "/jwks",
                request -> {
                  jwksFetches.incrementAndGet();
                  return OAuth2HttpResponseKt.json(
                      keys.publicJwkSet(published.get()).toJSONObject());
                }));
    rotating.start(LOOPBACK, 0);
    try {
      String rotatingIssuer = issuerOn(rotating);
      Map<String, Object> claims =
          Map.of("iss", rotatingIssuer, "aud", List.of(AUDIENCE), "sub", "agent-1");
      String oldToken = keys.jwt(claims, Duration.ofMinutes(5), ISSUER_ID).serialize();
      String newToken = keys.jwt(claims, Duration.ofMinutes(5), nextKeyId).serialize();
      assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(nextKeyId);
      MutableClock clock = new MutableClock();
      OidcAuthenticator authenticator =
          new OidcAuthenticator(OidcSettings.of(rotatingIssuer, AUDIENCE), clock);

      assertThat(authenticator.authenticate(oldToken).id()).endsWith("#agent-1");
      assertThat(reasonFrom(authenticator, newToken))
          .isEqualTo("unknown signing key; JWKS refetch rate-limited");
      assertThat(jwksFetches).hasValue(1);

      published.set(nextKeyId);
      // Within the interval of the first fetch: no refetch, the new key stays unknown.
      assertThat(reasonFrom(authenticator, newToken))
          .isEqualTo("unknown signing key; JWKS refetch rate-limited");
      assertThat(authenticator.authenticate(oldToken)).isNotNull();
      assertThat(jwksFetches).hasValue(1);

      clock.advance(OidcSettings.DEFAULT_JWKS_REFETCH_INTERVAL);
      assertThat(authenticator.authenticate(newToken).id()).endsWith("#agent-1");
      assertThat(jwksFetches).hasValue(2);

      // The old key left the JWKS with the refetch, and asking again right away fetches nothing.
      assertThat(reasonFrom(authenticator, oldToken))
          .isEqualTo("unknown signing key; JWKS refetch rate-limited");
      assertThat(authenticator.authenticate(newToken)).isNotNull();
      assertThat(jwksFetches).hasValue(2);
      clock.advance(OidcSettings.DEFAULT_JWKS_REFETCH_INTERVAL);
      assertThat(reasonFrom(authenticator, oldToken)).isEqualTo("unknown signing key");
      assertThat(jwksFetches).hasValue(3);
    } finally {
      rotating.shutdown();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  /** The issuer URL on 127.0.0.1 (the server's own URLs say localhost). */
  private static String issuerOn(MockOAuth2Server mock) {
    return "http://127.0.0.1:" + mock.baseUrl().port() + "/" + ISSUER_ID;
  }

  private static OidcSettings settings() {
    return OidcSettings.of(issuer, AUDIENCE);
  }

  private static OidcSettings onlyRs256(OidcSettings settings) {
    return new OidcSettings(
        settings.issuer(),
        settings.audience(),
        Set.of("RS256"),
        settings.clockSkew(),
        settings.rolesClaim(),
        settings.attributeClaims(),
        settings.jwksRefetchInterval());
  }

  private static OidcAuthenticator authenticator() {
    return new OidcAuthenticator(settings());
  }

  /** Valid claims for the shared issuer: change one thing to make an attack. */
  private static JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(AUDIENCE)
        .subject("agent-7")
        .issueTime(date(now))
        .notBeforeTime(date(now))
        .expirationTime(date(now.plusSeconds(600)))
        .claim("roles", List.of("agent"));
  }

  private static String signed(JWTClaimsSet claims) throws JOSEException {
    return signed(JWSAlgorithm.RS256, issuerKey, JOSEObjectType.JWT, claims);
  }

  private static String signed(
      JWSAlgorithm algorithm, RSAKey key, JOSEObjectType type, JWTClaimsSet claims)
      throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static String reason(String token) {
    return reasonFrom(authenticator(), token);
  }

  /** The rejection's reason, after checking that neither it nor the message shows the token. */
  private static String reasonFrom(OidcAuthenticator authenticator, String token) {
    AuthenticationFailedException e =
        catchThrowableOfType(
            AuthenticationFailedException.class, () -> authenticator.authenticate(token));
    assertThat(e).as("rejected").isNotNull();
    assertThat(e.getMessage()).isEqualTo("authentication failed");
    assertThat(e.reason()).isNotBlank();
    for (String part : token.split("\\.")) {
      if (part.length() >= 8) {
        assertThat(e.reason()).doesNotContain(part);
        assertThat(String.valueOf(e.getCause())).doesNotContain(part);
      }
    }
    return e.reason();
  }

  private static MockOAuth2Server issuerWithKey(RSAKey key) {
    return new MockOAuth2Server(
        new OAuth2Config(
            false, null, null, false, new OAuth2TokenProvider(new KeyProvider(List.of(key)))));
  }

  private static RSAKey rsaKey(String keyId) throws JOSEException {
    return new RSAKeyGenerator(2048).keyID(keyId).generate();
  }

  private static Date date(Instant instant) {
    return Date.from(instant);
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByName("127.0.0.1");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Paces refetches and discovery retries; token times stay on the real clock. */
  private static final class MutableClock extends Clock {
    private volatile Instant now = Instant.now();

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
