package dev.casevault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvents;
import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe a server runs on itself at start: anonymous requests to every non-public route. */
class SelfProbeTest {
  @TempDir static Path folder;
  static TestServer server;
  static long knocksAtStart;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start(folder.resolve("data"), List.of(), TestServer.loopback());
    knocksAtStart =
        AuditEvents.readAll(server.data.resolve("audit")).stream()
            .filter(e -> e.action() == AuditAction.AUTHENTICATION_FAILED)
            .filter(e -> SelfProbe.USER_AGENT.equals(e.actor().userAgent()))
            .count();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  private static URI base() {
    return server.uri("/");
  }

  @Test
  void aStartedServerHasProbedEveryNonPublicRouteAndEachRefused() {
    assertThat(server.startupOutput)
        .contains(
            "self-probe: "
                + (Api.ROUTES.size() - 3)
                + " routes refused anonymous requests at https://127.0.0.1:");
    // Its knocks are in the audit log as refused, anonymous, and recognisable.
    assertThat(knocksAtStart).isEqualTo(Api.ROUTES.size() - 3L);
  }

  @Test
  void aRouteThatDoesNotRefuseWithoutCredentialsIsReportedAndRefusesTheStart() throws IOException {
    // /api/health answers anyone: probed as if it were not public, it is what the probe must catch.
    // /api/search is served by POST only: a GET must still be refused as unauthenticated (401),
    // not answered 404 or 405 after routing.
    List<SelfProbe.Unrefused> unrefused =
        SelfProbe.probe(
            base(),
            server.server.tls().serverCertificate(),
            List.of("/api/health", "/api/search", "/api/cases/{id}"),
            Set.of());
    assertThat(unrefused).containsExactly(new SelfProbe.Unrefused("GET", "/api/health", 200));
    assertThat(SelfProbe.refusal(unrefused))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage(
            "refusing to start: this server did not refuse anonymous requests (self-probe):\n"
                + "  GET /api/health answered 200 without credentials");
    // Even a path that routes nowhere is refused before routing, not answered 404.
    assertThat(
            SelfProbe.probe(
                base(), server.server.tls().serverCertificate(), List.of("/nowhere"), Set.of()))
        .isEmpty();
  }

  @Test
  void theProbeLeavesTheWholeFailureBudgetToPeopleOnThisMachine(@TempDir Path other)
      throws IOException {
    try (TestServer fresh =
        TestServer.start(other.resolve("data"), List.of(), TestServer.loopback())) {
      for (int i = 0; i < Server.FAILED_AUTHENTICATIONS_PER_MINUTE / 10; i++) {
        assertThat(fresh.get("/api/whoami", TestServer.basic("nobody", "wrong")).status())
            .as("failed attempt %d", i + 1)
            .isEqualTo(401);
      }
    }
  }

  @Test
  void theProbeTalksOnlyToTheServerWhoseCertificateItHolds(@TempDir Path other) throws IOException {
    try (TestServer stranger =
        TestServer.start(other.resolve("data"), List.of(), TestServer.loopback())) {
      assertThatThrownBy(
              () ->
                  SelfProbe.probe(
                      base(),
                      stranger.server.tls().serverCertificate(),
                      List.of("/api/search"),
                      Set.of()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void aWildcardBindIsProbedOnLoopback() {
    assertThat(SelfProbe.address("0.0.0.0", 8443)).isEqualTo(URI.create("https://127.0.0.1:8443/"));
    assertThat(SelfProbe.address("::", 8443)).isEqualTo(URI.create("https://127.0.0.1:8443/"));
    assertThat(SelfProbe.address("10.0.0.5", 8443)).isEqualTo(URI.create("https://10.0.0.5:8443/"));
    assertThat(SelfProbe.address("fd00::5", 8443)).isEqualTo(URI.create("https://[fd00::5]:8443/"));
  }
}
