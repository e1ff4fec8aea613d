package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.casevault.access.OidcSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OIDC end to end: a real issuer (mock-oauth2-server on 127.0.0.1) signs tokens, the server
 * verifies them against the issuer's JWKS and scopes reads by the roles and attributes in the
 * claims. The verifier's own rejection cases are in casevault-access's OidcAuthenticatorTest.
 */
class OidcBearerTokenTest {
  @TempDir static Path data;
  static MockOAuth2Server issuer;
  static String issuerUrl;
  static TestServer server;

  @BeforeAll
  static void start() throws IOException {
    issuer = new MockOAuth2Server();
    issuer.start(InetAddress.getByName("127.0.0.1"), 0);
    issuerUrl = "http://127.0.0.1:" + issuer.baseUrl().port() + "/corp";
    ServerSettings settings =
        new ServerSettings(
            TestServer.loopback().bind(),
            null,
            null,
            null,
            null,
            List.of(),
            600,
            60,
            null,
            OidcSettings.of(issuerUrl, "casevault").withAttributeClaims(Map.of("team", "team")));
    server = TestServer.start(data.resolve("data"), AuthorisationMatrixTest.caseLines(), settings);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
    issuer.shutdown();
  }

  private static String token(String audience, Map<String, Object> claims) {
    Map<String, Object> all = new java.util.HashMap<>(claims);
    all.put("aud", List.of(audience));
    return "Bearer "
        + issuer.anyToken(HttpUrl.get(issuerUrl), all, Duration.ofMinutes(5)).serialize();
  }

  @Test
  void aTokenOfTheIssuerIsAPrincipalWithItsRolesAndAttributes() throws IOException {
    String agent =
        token("casevault", Map.of("sub", "u-17", "roles", List.of("agent"), "team", "tier2-amer"));
    JsonNode whoami = server.get("/api/whoami", agent).json();
    assertThat(whoami.get("id").textValue()).isEqualTo("oidc:" + issuerUrl + "#u-17");
    assertThat(whoami.get("method").textValue()).isEqualTo("oidc");
    JsonNode found = server.post("/api/search", agent, Map.of("query", "", "size", 10)).json();
    assertThat(found.get("total").longValue()).isEqualTo(2);
    assertThat(found.toString()).contains("CASE-3").contains("CASE-4").doesNotContain("CASE-1");
  }

  @Test
  void tokensForAnotherAudienceOrWithoutRolesGetNothing() throws IOException {
    String elsewhere = token("another-app", Map.of("sub", "u-17", "roles", List.of("supervisor")));
    assertThat(server.get("/api/whoami", elsewhere).status()).isEqualTo(401);
    String noRoles = token("casevault", Map.of("sub", "u-18"));
    assertThat(server.get("/api/whoami", noRoles).status()).isEqualTo(200);
    assertThat(server.post("/api/search", noRoles, Map.of("query", "")).status()).isEqualTo(403);
    String unknownRole = token("casevault", Map.of("sub", "u-19", "roles", List.of("root")));
    assertThat(server.post("/api/search", unknownRole, Map.of("query", "")).status())
        .isEqualTo(403);
  }
}
