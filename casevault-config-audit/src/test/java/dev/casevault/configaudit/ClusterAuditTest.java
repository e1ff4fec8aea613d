package dev.casevault.configaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseVaultException;
import dev.casevault.opensearch.testkit.OpenSearchCluster;
import java.net.URI;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The audit of live clusters, on real nodes the testkit starts on 127.0.0.1. */
class ClusterAuditTest {

  @Test
  void aNodeWithoutSecurityIsCriticalToAStrangerAlready() throws Exception {
    OpenSearchCluster open = OpenSearchCluster.sharedOpen();
    List<ConfigFinding> findings =
        ClusterAudit.audit(open.httpUrl(0), SSLContext.getDefault(), null);
    assertThat(findings)
        .extracting(ConfigFinding::rule)
        .containsExactly(ConfigRule.SECURITY_DISABLED);
    assertThat(findings.getFirst().location())
        .isEqualTo("GET " + open.httpUrl(0) + "/_cat/indices without credentials");
  }

  @Test
  void credentialsAreNeverSentOverPlainHttp() {
    assertThatThrownBy(
            () ->
                ClusterAudit.audit(
                    URI.create("http://127.0.0.1:9200"),
                    SSLContext.getDefault(),
                    new ClusterAudit.Credentials("admin", "secret".toCharArray())))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageStartingWith("refusing to send the audit's credentials over plain HTTP")
        .hasMessageNotContaining("secret");
  }

  @Test
  void aSecuredClusterAsTheTestkitConfiguresItHasNoFinding() throws Exception {
    OpenSearchCluster secured = OpenSearchCluster.shared();
    ClusterAudit.Credentials admin =
        new ClusterAudit.Credentials(secured.adminUser(), secured.adminPassword().toCharArray());
    assertThat(ClusterAudit.audit(secured.httpUrl(0), secured.sslContext(), admin)).isEmpty();
    // A stranger learns nothing, and is told nothing is wrong that a stranger could see.
    assertThat(ClusterAudit.audit(secured.httpUrl(0), secured.sslContext(), null)).isEmpty();
    // And the files the testkit wrote for its nodes pass the file audit.
    assertThat(FileAudit.audit(secured.folder().resolve("node-0").resolve("config"))).isEmpty();
  }

  @Test
  void aClusterServingAnonymousRequestsIsCriticalToAStrangerAndTheAdminSeesTheSettingToo()
      throws Exception {
    OpenSearchCluster careless =
        OpenSearchCluster.shared(1, OpenSearchCluster.Options.secured().withAnonymousReads(true));
    List<ConfigFinding> asStranger =
        ClusterAudit.audit(careless.httpUrl(0), careless.sslContext(), null);
    assertThat(asStranger)
        .extracting(ConfigFinding::rule)
        .containsExactly(ConfigRule.ANONYMOUS_ACCESS);
    assertThat(asStranger.getFirst().evidence())
        .isEqualTo("HTTP 200: served as opendistro_security_anonymous");
    ClusterAudit.Credentials admin =
        new ClusterAudit.Credentials(careless.adminUser(), careless.adminPassword().toCharArray());
    List<ConfigFinding> asAdmin =
        ClusterAudit.audit(careless.httpUrl(0), careless.sslContext(), admin);
    assertThat(asAdmin)
        .extracting(ConfigFinding::location)
        .contains(
            "GET /_plugins/_security/api/securityconfig: config.dynamic.http.anonymous_auth_enabled");
  }

  @Test
  void aUserWhoMayNotReadTheSecurityConfigurationGetsUnreadableFindingsNotSilence()
      throws Exception {
    OpenSearchCluster secured = OpenSearchCluster.shared();
    ClusterAudit.Credentials service =
        new ClusterAudit.Credentials(
            secured.serviceUser(), secured.servicePassword().toCharArray());
    List<ConfigFinding> findings =
        ClusterAudit.audit(secured.httpUrl(0), secured.sslContext(), service);
    assertThat(findings).isNotEmpty().allMatch(f -> f.rule() == ConfigRule.UNREADABLE);
    // casevault's service role may not even read the cluster's name and version, nor the nodes.
    assertThat(findings)
        .extracting(ConfigFinding::location)
        .contains("GET /", "GET /_nodes/settings");
  }

  @Test
  void wrongCredentialsAndBadUrlsAreClearErrors() throws Exception {
    OpenSearchCluster secured = OpenSearchCluster.shared();
    assertThatThrownBy(
            () ->
                ClusterAudit.audit(
                    secured.httpUrl(0),
                    secured.sslContext(),
                    new ClusterAudit.Credentials("admin", "wrong".toCharArray())))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage("the cluster refused the audit's credentials (HTTP 401)");
    assertThatThrownBy(
            () ->
                ClusterAudit.audit(
                    URI.create("https://admin:secret@127.0.0.1:9200"), secured.sslContext(), null))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageNotContaining("secret");
    assertThatThrownBy(
            () ->
                ClusterAudit.audit(URI.create("ftp://127.0.0.1:9200"), secured.sslContext(), null))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageStartingWith("a cluster URL starts with https:// or http://");
  }
}
