package dev.casevault.access;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How {@link OidcAuthenticator} trusts one OpenID Connect issuer. Every value is checked here and a
 * bad one is refused, never silently corrected.
 *
 * @param issuer the issuer identifier, compared character for character with the discovery
 *     document's {@code issuer} and with each token's {@code iss}. It must be an {@code https} URL
 *     without query, fragment or user info. Plain {@code http} is accepted only for a loopback host
 *     ({@code 127.0.0.1}, {@code [::1]} or {@code localhost}): such traffic never leaves the
 *     machine, so no one on the network can swap the discovery document or the keys; this serves
 *     tests and an identity provider running as a local sidecar.
 * @param audience the value a token's {@code aud} must contain (the client id or API identifier
 *     that the issuer gives casevault); required
 * @param allowedAlgorithms JWS algorithm names a token may be signed with: asymmetric algorithms
 *     only ({@code RS*}, {@code PS*}, {@code ES256}, {@code ES384}, {@code ES512}), because the
 *     issuer's JWKS publishes public keys; {@code none} and {@code HS*} are refused
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}, whole seconds from 0 to
 *     5 minutes
 * @param rolesClaim the claim holding the principal's roles: a string (one role) or a list of
 *     strings
 * @param attributeClaims principal attribute (one of {@link AccessPolicy#ATTRIBUTES}) to the claim
 *     holding its values (a string or a list of strings); attributes not named get no values
 * @param jwksRefetchInterval the shortest time between two fetches of the issuer's JWKS: a token
 *     signed with an unknown key makes the authenticator refetch the keys (the issuer may have
 *     rotated them) at most once per interval, so that forged key ids cannot flood the issuer; from
 *     1 second to 5 minutes (the time the keys are cached)
 */
public record OidcSettings(
    String issuer,
    String audience,
    Set<String> allowedAlgorithms,
    Duration clockSkew,
    String rolesClaim,
    Map<String, String> attributeClaims,
    Duration jwksRefetchInterval) {

  /** RS256, ES256 and PS256. */
  public static final Set<String> DEFAULT_ALGORITHMS = Set.of("RS256", "ES256", "PS256");

  /** The asymmetric algorithms a JWKS of public keys can verify and the JDK implements. */
  public static final Set<String> SUPPORTED_ALGORITHMS =
      Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");

  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  public static final String DEFAULT_ROLES_CLAIM = "roles";
  public static final Duration DEFAULT_JWKS_REFETCH_INTERVAL = Duration.ofSeconds(30);
  public static final Duration MIN_JWKS_REFETCH_INTERVAL = Duration.ofSeconds(1);

  /** How long fetched keys are trusted before they are fetched again. */
  public static final Duration JWKS_CACHE_TIME = Duration.ofMinutes(5);

  private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");

  public OidcSettings {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(allowedAlgorithms, "allowedAlgorithms");
    Objects.requireNonNull(clockSkew, "clockSkew");
    Objects.requireNonNull(rolesClaim, "rolesClaim");
    Objects.requireNonNull(attributeClaims, "attributeClaims");
    Objects.requireNonNull(jwksRefetchInterval, "jwksRefetchInterval");
    checkIssuer(issuer);
    if (audience.isBlank()) {
      throw new IllegalArgumentException("OIDC audience: required, is blank");
    }
    allowedAlgorithms = checkAlgorithms(allowedAlgorithms);
    if (clockSkew.isNegative()
        || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0
        || clockSkew.getNano() != 0) {
      throw new IllegalArgumentException(
          "OIDC clock skew: whole seconds from 0 to "
              + MAX_CLOCK_SKEW.toSeconds()
              + ", is "
              + clockSkew);
    }
    if (rolesClaim.isBlank()) {
      throw new IllegalArgumentException("OIDC roles claim: a claim name, is blank");
    }
    TreeMap<String, String> attributes = new TreeMap<>();
    attributeClaims.forEach(
        (attribute, claim) -> {
          if (!AccessPolicy.ATTRIBUTES.contains(attribute)) {
            throw new IllegalArgumentException(
                "OIDC attribute claims: unknown principal attribute \""
                    + attribute
                    + "\"; known: "
                    + String.join(", ", new TreeSet<>(AccessPolicy.ATTRIBUTES)));
          }
          if (claim == null || claim.isBlank()) {
            throw new IllegalArgumentException(
                "OIDC attribute claims: attribute \"" + attribute + "\" needs a claim name");
          }
          attributes.put(attribute, claim);
        });
    attributeClaims = Collections.unmodifiableMap(attributes);
    if (jwksRefetchInterval.compareTo(MIN_JWKS_REFETCH_INTERVAL) < 0
        || jwksRefetchInterval.compareTo(JWKS_CACHE_TIME) > 0) {
      throw new IllegalArgumentException(
          "OIDC JWKS refetch interval: from "
              + MIN_JWKS_REFETCH_INTERVAL.toSeconds()
              + " s to "
              + JWKS_CACHE_TIME.toSeconds()
              + " s, is "
              + jwksRefetchInterval);
    }
  }

  /** Settings with the defaults: RS256/ES256/PS256, 60 s of skew, roles in {@code roles}. */
  public static OidcSettings of(String issuer, String audience) {
    return new OidcSettings(
        issuer,
        audience,
        DEFAULT_ALGORITHMS,
        DEFAULT_CLOCK_SKEW,
        DEFAULT_ROLES_CLAIM,
        Map.of(),
        DEFAULT_JWKS_REFETCH_INTERVAL);
  }

  /** A copy that reads principal attributes from the given claims. */
  public OidcSettings withAttributeClaims(Map<String, String> claims) {
    return new OidcSettings(
        issuer, audience, allowedAlgorithms, clockSkew, rolesClaim, claims, jwksRefetchInterval);
  }

  /** Whether the issuer is a plain-http loopback URL (then the JWKS may be too). */
  boolean isLoopbackHttp() {
    return isLoopbackHttp(URI.create(issuer));
  }

  static boolean isLoopbackHttp(URI uri) {
    return "http".equals(uri.getScheme())
        && uri.getHost() != null
        && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
  }

  private static void checkIssuer(String issuer) {
    URI uri;
    try {
      uri = new URI(issuer);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("OIDC issuer: not a URL", e);
    }
    if (!uri.isAbsolute() || uri.getHost() == null || uri.getRawAuthority() == null) {
      throw new IllegalArgumentException("OIDC issuer: an absolute URL with a host, is " + issuer);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "OIDC issuer: no query, fragment or user info allowed, is " + issuer);
    }
    if (!"https".equals(uri.getScheme()) && !isLoopbackHttp(uri)) {
      throw new IllegalArgumentException(
          "OIDC issuer: https required (plain http only on 127.0.0.1, [::1] or localhost), is "
              + issuer);
    }
  }

  private static Set<String> checkAlgorithms(Set<String> algorithms) {
    if (algorithms.isEmpty()) {
      throw new IllegalArgumentException("OIDC algorithms: at least one needed");
    }
    LinkedHashSet<String> checked = new LinkedHashSet<>();
    for (String name : algorithms) {
      if (name == null) {
        throw new IllegalArgumentException("OIDC algorithms: null in the list");
      }
      if (name.equalsIgnoreCase("none")) {
        throw new IllegalArgumentException("OIDC algorithms: \"none\" (unsigned tokens) refused");
      }
      if (name.toUpperCase(Locale.ROOT).startsWith("HS")) {
        throw new IllegalArgumentException(
            "OIDC algorithms: "
                + name
                + " refused: HMAC needs a shared secret, and the issuer's JWKS holds public keys"
                + " (accepting it would let anyone sign with the public key)");
      }
      if (!SUPPORTED_ALGORITHMS.contains(name)) {
        throw new IllegalArgumentException(
            "OIDC algorithms: unsupported \""
                + name
                + "\"; supported: "
                + String.join(", ", new TreeSet<>(SUPPORTED_ALGORITHMS)));
      }
      checked.add(name);
    }
    return Collections.unmodifiableSet(checked);
  }
}
