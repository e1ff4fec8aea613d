package dev.casevault.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Authenticates the bearer of an OpenID Connect token: a JWS (access or ID token) signed by the
 * configured issuer with a key from its JWKS, meant for casevault's audience, and valid now.
 *
 * <p>The issuer's discovery document ({@code ISSUER/.well-known/openid-configuration}) is fetched
 * on first use; its {@code issuer} must equal the configured issuer exactly, and its {@code
 * jwks_uri} (https, or loopback http for a loopback issuer) gives the keys. The discovery result is
 * kept for the authenticator's lifetime; a failed discovery is retried at most once per refetch
 * interval. Keys are cached for {@link OidcSettings#JWKS_CACHE_TIME}; a token whose key is not in
 * the cache makes the keys be fetched again (the issuer may have rotated them), at most once per
 * {@link OidcSettings#jwksRefetchInterval()}. Every fetch has bounded connect and read timeouts and
 * a size limit.
 *
 * <p>Verification is nimbus-jose-jwt's: {@link DefaultJWTProcessor} with a {@link
 * JWSVerificationKeySelector} over the allowed algorithms and a {@link DefaultJWTClaimsVerifier}
 * (issuer, audience, required {@code sub}, {@code exp}, {@code iss}; {@code exp} and {@code nbf}
 * with the clock skew). This class adds what nimbus does not check: the size cap before parsing, an
 * {@code iat} in the future, and the refusal of unsigned, encrypted and HMAC tokens ahead of key
 * selection, so that each rejection has its own reason.
 *
 * <p>A rejection is an {@link AuthenticationFailedException} whose {@link
 * AuthenticationFailedException#reason() reason} is a fixed phrase: it never holds the token or
 * text taken from it (at most the name of a standard JWS algorithm), and exceptions raised while
 * reading the token are not attached as causes (their messages may quote it). Thread-safe.
 */
public final class OidcAuthenticator {
  /** Tokens longer than this are refused before any parsing. */
  public static final int MAX_TOKEN_CHARS = 16 * 1024;

  static final int CONNECT_TIMEOUT_MILLIS = 2_000;
  static final int READ_TIMEOUT_MILLIS = 3_000;

  /** Limit for the discovery document and for the JWKS. */
  static final int MAX_DOCUMENT_BYTES = 64 * 1024;

  /** Token types accepted in the JWS {@code typ} header; no header at all is accepted too. */
  private static final Set<JOSEObjectType> ACCEPTED_TYPES =
      Set.of(
          JOSEObjectType.JWT,
          new JOSEObjectType("at+jwt"),
          new JOSEObjectType("application/at+jwt"));

  private static final Set<String> KNOWN_ALGORITHM_NAMES =
      Stream.concat(JWSAlgorithm.Family.SIGNATURE.stream(), JWSAlgorithm.Family.HMAC_SHA.stream())
          .map(JWSAlgorithm::getName)
          .collect(Collectors.toUnmodifiableSet());

  private final OidcSettings settings;
  private final Set<JWSAlgorithm> algorithms;
  private final ResourceRetriever retriever;
  private final Clock clock;

  private final Object discoveryLock = new Object();
  private volatile DefaultJWTProcessor<SecurityContext> processor;
  private long lastFailedDiscoveryMillis;
  private boolean discoveryFailed;

  public OidcAuthenticator(OidcSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /**
   * @param clock paces JWKS refetches and discovery retries (token times use the system clock)
   */
  OidcAuthenticator(OidcSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.algorithms =
        settings.allowedAlgorithms().stream()
            .map(JWSAlgorithm::parse)
            .collect(Collectors.toUnmodifiableSet());
    this.retriever =
        new DefaultResourceRetriever(
            CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS, MAX_DOCUMENT_BYTES, true);
  }

  public OidcSettings settings() {
    return settings;
  }

  /**
   * The principal the token proves, with id {@code oidc:ISSUER#SUB}, the roles of the roles claim
   * and the configured attributes.
   *
   * @param token the compact JWS, without the {@code Bearer } prefix
   * @throws AuthenticationFailedException when the token does not prove it, or the issuer's
   *     discovery document or keys cannot be had
   */
  public Principal authenticate(String token) {
    if (token == null || token.isEmpty()) {
      throw new AuthenticationFailedException("missing token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new AuthenticationFailedException("token too large");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token);
      jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw new AuthenticationFailedException("malformed token");
    }
    if (jwt instanceof PlainJWT) {
      throw new AuthenticationFailedException("unsigned token (alg none)");
    }
    if (jwt instanceof EncryptedJWT) {
      throw new AuthenticationFailedException("encrypted token (JWE) not accepted");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw new AuthenticationFailedException("malformed token");
    }
    JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
    if (!algorithms.contains(algorithm)) {
      String name = algorithm.getName();
      if (JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
        throw new AuthenticationFailedException(
            "HMAC algorithm " + name + " refused: the issuer's keys are public (HS/RS confusion)");
      }
      throw new AuthenticationFailedException(
          "algorithm not allowed: "
              + (KNOWN_ALGORITHM_NAMES.contains(name) ? name : "(not a standard JWS algorithm)"));
    }
    JWTClaimsSet claims;
    try {
      claims = processor().process(signed, null);
    } catch (Rejected e) {
      throw new AuthenticationFailedException(e.reason);
    } catch (BadJWSException e) {
      throw new AuthenticationFailedException("bad signature");
    } catch (BadJOSEException e) {
      throw new AuthenticationFailedException(reasonFor(e));
    } catch (KeySourceException e) {
      if (causedBy(e, RateLimitReachedException.class)) {
        throw new AuthenticationFailedException(
            "unknown signing key; JWKS refetch rate-limited", e);
      }
      throw new AuthenticationFailedException("issuer JWKS unavailable", e);
    } catch (JOSEException e) {
      throw new AuthenticationFailedException("signature verification error");
    }
    return principal(claims);
  }

  private Principal principal(JWTClaimsSet claims) {
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new AuthenticationFailedException("missing sub");
    }
    Set<String> roles = new LinkedHashSet<>(strings(claims, settings.rolesClaim(), "roles claim"));
    Map<String, List<String>> attributes = new TreeMap<>();
    settings
        .attributeClaims()
        .forEach(
            (attribute, claim) -> {
              List<String> values = strings(claims, claim, "claim for attribute " + attribute);
              if (!values.isEmpty()) {
                attributes.put(attribute, values);
              }
            });
    return new Principal(
        "oidc:" + settings.issuer() + "#" + subject,
        Principal.AuthenticationMethod.OIDC,
        roles,
        attributes);
  }

  /** A claim that is absent, a non-blank string, or a list of non-blank strings. */
  private static List<String> strings(JWTClaimsSet claims, String claim, String what) {
    Object value = claims.getClaim(claim);
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text && !text.isBlank()) {
      return List.of(text);
    }
    if (value instanceof List<?> list) {
      List<String> values = new ArrayList<>(list.size());
      for (Object element : list) {
        if (!(element instanceof String text) || text.isBlank()) {
          throw new AuthenticationFailedException(
              what + " is not a string or a list of non-blank strings");
        }
        values.add(text);
      }
      return values;
    }
    throw new AuthenticationFailedException(
        what + " is not a string or a list of non-blank strings");
  }

  private static String reasonFor(BadJOSEException e) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Signed JWT rejected: Another algorithm expected, or no matching key")) {
      return "unknown signing key";
    }
    if (message.startsWith("JOSE header typ")) {
      return "token type not accepted";
    }
    return "token rejected";
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------------------------------------
  // Discovery and keys

  private DefaultJWTProcessor<SecurityContext> processor() {
    DefaultJWTProcessor<SecurityContext> ready = processor;
    if (ready != null) {
      return ready;
    }
    synchronized (discoveryLock) {
      if (processor != null) {
        return processor;
      }
      long now = clock.millis();
      if (discoveryFailed
          && now - lastFailedDiscoveryMillis < settings.jwksRefetchInterval().toMillis()) {
        throw new AuthenticationFailedException("OIDC discovery failed recently; not retried yet");
      }
      try {
        processor = newProcessor(discoverJwksUrl());
        discoveryFailed = false;
        return processor;
      } catch (AuthenticationFailedException e) {
        discoveryFailed = true;
        lastFailedDiscoveryMillis = now;
        throw e;
      }
    }
  }

  private URL discoverJwksUrl() {
    String base =
        settings.issuer().endsWith("/")
            ? settings.issuer().substring(0, settings.issuer().length() - 1)
            : settings.issuer();
    URL wellKnown = url(base + "/.well-known/openid-configuration");
    Map<String, Object> document;
    try {
      document = JSONObjectUtils.parse(retriever.retrieveResource(wellKnown).getContent());
    } catch (IOException e) {
      throw new AuthenticationFailedException("OIDC discovery: document unavailable", e);
    } catch (ParseException e) {
      throw new AuthenticationFailedException("OIDC discovery: document is not a JSON object", e);
    }
    if (!settings.issuer().equals(document.get("issuer"))) {
      throw new AuthenticationFailedException(
          "OIDC discovery: the document's issuer differs from the configured issuer");
    }
    if (!(document.get("jwks_uri") instanceof String jwksUri)) {
      throw new AuthenticationFailedException("OIDC discovery: no jwks_uri");
    }
    URI uri;
    try {
      uri = new URI(jwksUri);
    } catch (java.net.URISyntaxException e) {
      throw new AuthenticationFailedException("OIDC discovery: jwks_uri is not a URL", e);
    }
    boolean secure = "https".equals(uri.getScheme()) && uri.getHost() != null;
    boolean localTest = settings.isLoopbackHttp() && OidcSettings.isLoopbackHttp(uri);
    if (!secure && !localTest) {
      throw new AuthenticationFailedException("OIDC discovery: jwks_uri is not https");
    }
    return url(jwksUri);
  }

  private static URL url(String text) {
    try {
      return URI.create(text).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new AuthenticationFailedException("OIDC discovery: bad URL", e);
    }
  }

  private DefaultJWTProcessor<SecurityContext> newProcessor(URL jwksUrl) {
    JWKSetSource<SecurityContext> fetched =
        new RefetchLimitedJWKSetSource(
            new URLBasedJWKSetSource<>(jwksUrl, retriever),
            settings.jwksRefetchInterval().toMillis(),
            clock);
    JWKSource<SecurityContext> keys =
        JWKSourceBuilder.create(fetched)
            .cache(OidcSettings.JWKS_CACHE_TIME.toMillis(), READ_TIMEOUT_MILLIS * 2L)
            .refreshAheadCache(false)
            .rateLimited(false)
            .retrying(false)
            .outageTolerant(false)
            .build();
    DefaultJWTProcessor<SecurityContext> jwtProcessor = new DefaultJWTProcessor<>();
    Set<JOSEObjectType> types = new LinkedHashSet<>(ACCEPTED_TYPES);
    types.add(null);
    jwtProcessor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(types));
    jwtProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    jwtProcessor.setJWTClaimsSetVerifier(
        new ClaimsVerifier(
            settings.issuer(), settings.audience(), (int) settings.clockSkew().toSeconds()));
    return jwtProcessor;
  }

  /**
   * Lets at most one JWKS fetch through per interval, failed fetches included (a down issuer is not
   * hammered either). nimbus's own {@code RateLimitedJWKSetSource} allows two per interval; the
   * contract here is one.
   */
  private static final class RefetchLimitedJWKSetSource implements JWKSetSource<SecurityContext> {
    private final JWKSetSource<SecurityContext> source;
    private final long intervalMillis;
    private final Clock clock;
    private long lastAttemptMillis;
    private boolean attempted;
    private boolean succeeded;

    RefetchLimitedJWKSetSource(
        JWKSetSource<SecurityContext> source, long intervalMillis, Clock clock) {
      this.source = source;
      this.intervalMillis = intervalMillis;
      this.clock = clock;
    }

    @Override
    public JWKSet getJWKSet(
        JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
        throws KeySourceException {
      synchronized (this) {
        long now = clock.millis();
        if (attempted && now - lastAttemptMillis < intervalMillis) {
          if (!succeeded) {
            throw new KeySourceException("no JWKS fetched yet; the next attempt is rate-limited");
          }
          throw new RateLimitReachedException();
        }
        attempted = true;
        lastAttemptMillis = now;
      }
      JWKSet keys = source.getJWKSet(refreshEvaluator, currentTime, context);
      synchronized (this) {
        succeeded = true;
      }
      return keys;
    }

    @Override
    public void close() throws IOException {
      source.close();
    }
  }

  /** nimbus's claim checks, plus {@code iat} not in the future, each failure with its reason. */
  private static final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {
    private final int skewSeconds;

    ClaimsVerifier(String issuer, String audience, int skewSeconds) {
      super(
          Set.of(audience),
          new JWTClaimsSet.Builder().issuer(issuer).build(),
          Set.of("iss", "sub", "exp"),
          Set.of());
      this.skewSeconds = skewSeconds;
      setMaxClockSkew(skewSeconds);
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
      try {
        super.verify(claims, context);
      } catch (ExpiredJWTException e) {
        throw new Rejected("expired token");
      } catch (BadJWTException e) {
        throw new Rejected(reasonFor(e, claims));
      }
      Date issued = claims.getIssueTime();
      if (issued != null && issued.getTime() > currentTime().getTime() + skewSeconds * 1000L) {
        throw new Rejected("token issued in the future (iat)");
      }
    }

    private static String reasonFor(BadJWTException e, JWTClaimsSet claims) {
      String message = String.valueOf(e.getMessage());
      if (message.startsWith("JWT before use time")) {
        return "token not yet valid (nbf)";
      }
      if (message.startsWith("JWT aud claim rejected")) {
        return "wrong audience";
      }
      if (message.startsWith("JWT missing required aud claim")) {
        return "missing aud";
      }
      if (message.startsWith("JWT iss claim value rejected")) {
        return "wrong issuer";
      }
      if (message.startsWith("JWT missing required claims")) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of("iss", "sub", "exp")) {
          if (claims.getClaim(name) == null) {
            missing.add(name);
          }
        }
        return "missing " + String.join(", ", missing);
      }
      return "claims rejected";
    }
  }

  /** A claims failure that already knows its reason. */
  private static final class Rejected extends BadJWTException {
    private final String reason;

    Rejected(String reason) {
      super(reason);
      this.reason = reason;
    }
  }
}
