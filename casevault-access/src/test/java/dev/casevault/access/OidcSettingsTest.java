package dev.casevault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OidcSettingsTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    OidcSettings settings = OidcSettings.of("https://idp.example.com/realms/support", "casevault");
    assertThat(settings.allowedAlgorithms()).containsExactlyInAnyOrder("RS256", "ES256", "PS256");
    assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.rolesClaim()).isEqualTo("roles");
    assertThat(settings.attributeClaims()).isEmpty();
    assertThat(settings.jwksRefetchInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://idp.example.com",
        "https://idp.example.com/",
        "https://idp.example.com:8443/realms/support",
        "http://127.0.0.1:8080/idp",
        "http://localhost:8080/idp",
        "http://[::1]:8080/idp"
      })
  void acceptsHttpsIssuersAndPlainHttpOnlyOnLoopback(String issuer) {
    assertThat(OidcSettings.of(issuer, "casevault").issuer()).isEqualTo(issuer);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://idp.example.com",
        "http://10.0.0.5/idp",
        "http://127.0.0.2/idp",
        "http://localhost.example.com/idp",
        "ftp://idp.example.com",
        "file:///etc/idp",
        "idp.example.com",
        "/realms/support",
        "https://idp.example.com/?tenant=1",
        "https://idp.example.com/#x",
        "https://user@idp.example.com/",
        "https://idp example.com/"
      })
  void refusesAnIssuerThatIsNotHttpsOrLoopback(String issuer) {
    assertThatThrownBy(() -> OidcSettings.of(issuer, "casevault"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("OIDC issuer:");
  }

  @Test
  void theAudienceIsRequired() {
    assertThatThrownBy(() -> OidcSettings.of("https://idp.example.com", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("audience");
    assertThatThrownBy(() -> OidcSettings.of("https://idp.example.com", null))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "NONE", "HS256", "HS384", "HS512", "hs256", "RS999", "ES256K"})
  void refusesNoneHmacAndUnknownAlgorithms(String algorithm) {
    assertThatThrownBy(() -> withAlgorithms(Set.of("RS256", algorithm)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("OIDC algorithms:");
  }

  @Test
  void refusesAnEmptyAlgorithmList() {
    assertThatThrownBy(() -> withAlgorithms(Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("OIDC algorithms: at least one needed");
  }

  @Test
  void acceptsEveryAsymmetricAlgorithm() {
    assertThat(withAlgorithms(OidcSettings.SUPPORTED_ALGORITHMS).allowedAlgorithms()).hasSize(9);
  }

  @Test
  void theClockSkewIsWholeSecondsUpToFiveMinutes() {
    assertThat(withSkew(Duration.ZERO).clockSkew()).isZero();
    assertThat(withSkew(Duration.ofMinutes(5)).clockSkew()).isEqualTo(Duration.ofMinutes(5));
    for (Duration bad :
        new Duration[] {
          Duration.ofSeconds(301),
          Duration.ofSeconds(-1),
          Duration.ofMillis(1500),
          Duration.ofDays(1)
        }) {
      assertThatThrownBy(() -> withSkew(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("OIDC clock skew:");
    }
  }

  @Test
  void attributeClaimsNameKnownAttributesAndClaims() {
    OidcSettings settings =
        OidcSettings.of("https://idp.example.com", "casevault")
            .withAttributeClaims(Map.of("team", "casevault_team", "region", "region"));
    assertThat(settings.attributeClaims())
        .isEqualTo(Map.of("region", "region", "team", "casevault_team"));
    assertThatThrownBy(
            () ->
                OidcSettings.of("https://idp.example.com", "casevault")
                    .withAttributeClaims(Map.of("email", "email")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown principal attribute \"email\"");
    assertThatThrownBy(
            () ->
                OidcSettings.of("https://idp.example.com", "casevault")
                    .withAttributeClaims(Map.of("team", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a claim name");
  }

  @Test
  void theRolesClaimIsNotBlank() {
    assertThatThrownBy(
            () ->
                new OidcSettings(
                    "https://idp.example.com",
                    "casevault",
                    OidcSettings.DEFAULT_ALGORITHMS,
                    OidcSettings.DEFAULT_CLOCK_SKEW,
                    "",
                    Map.of(),
                    OidcSettings.DEFAULT_JWKS_REFETCH_INTERVAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("roles claim");
  }

  @Test
  void theRefetchIntervalIsBetweenOneSecondAndTheCacheTime() {
    for (Duration bad : new Duration[] {Duration.ofMillis(999), Duration.ofMinutes(6)}) {
      assertThatThrownBy(
              () ->
                  new OidcSettings(
                      "https://idp.example.com",
                      "casevault",
                      OidcSettings.DEFAULT_ALGORITHMS,
                      OidcSettings.DEFAULT_CLOCK_SKEW,
                      "roles",
                      Map.of(),
                      bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("OIDC JWKS refetch interval:");
    }
  }

  private static OidcSettings withAlgorithms(Set<String> algorithms) {
    return new OidcSettings(
        "https://idp.example.com",
        "casevault",
        algorithms,
        OidcSettings.DEFAULT_CLOCK_SKEW,
        "roles",
        Map.of(),
        OidcSettings.DEFAULT_JWKS_REFETCH_INTERVAL);
  }

  private static OidcSettings withSkew(Duration skew) {
    return new OidcSettings(
        "https://idp.example.com",
        "casevault",
        OidcSettings.DEFAULT_ALGORITHMS,
        skew,
        "roles",
        Map.of(),
        OidcSettings.DEFAULT_JWKS_REFETCH_INTERVAL);
  }
}
