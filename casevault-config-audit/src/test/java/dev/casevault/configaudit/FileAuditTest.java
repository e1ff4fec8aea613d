package dev.casevault.configaudit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseVaultException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules over configuration files, on files that break each of them and on careful ones. */
class FileAuditTest {
  private static Path resource(String name) throws URISyntaxException {
    return Path.of(FileAuditTest.class.getResource("/" + name).toURI());
  }

  private static List<String> summary(List<ConfigFinding> findings) {
    return findings.stream()
        .map(f -> f.rule().id() + " @" + f.location().replaceAll("^.*/", ""))
        .toList();
  }

  @Test
  void aCarelessOpenSearchNodeBreaksEveryRuleAndEachFindingNamesItsLine() throws Exception {
    List<ConfigFinding> findings = FileAudit.audit(resource("careless"));
    assertThat(summary(findings))
        .containsExactlyInAnyOrder(
            "plain-http-beyond-loopback @opensearch.yml:3",
            "cors-any-origin @opensearch.yml:7",
            "demo-certificates @opensearch.yml:8",
            "demo-certificates @opensearch.yml:9",
            "demo-certificates @opensearch.yml:10",
            "demo-certificates @opensearch.yml:12",
            "demo-certificates @opensearch.yml:14",
            "default-salt @opensearch.yml:15",
            "anonymous-access @config.yml:7",
            "wildcard-all-access @roles_mapping.yml:7");
    // Worst first, and every finding says what, where and how to fix it.
    assertThat(findings.getFirst().severity()).isEqualTo(Severity.CRITICAL);
    assertThat(findings.getLast().severity()).isEqualTo(Severity.MEDIUM);
    ConfigFinding cors =
        findings.stream().filter(f -> f.rule() == ConfigRule.CORS_ANY_ORIGIN).findFirst().get();
    assertThat(cors.evidence()).isEqualTo("http.cors.allow-origin: *");
    assertThat(cors.toString()).contains("fix: set http.cors.allow-origin to the exact origins");
  }

  @Test
  void aCarefulNodeHasNoFinding() throws Exception {
    assertThat(FileAudit.audit(resource("careful"))).isEmpty();
  }

  @Test
  void elasticsearchWithSecurityOffIsCritical() throws Exception {
    assertThat(summary(FileAudit.audit(resource("es-disabled/elasticsearch.yml"))))
        .containsExactly(
            "security-disabled @elasticsearch.yml:3",
            "plain-http-beyond-loopback @elasticsearch.yml:2");
  }

  @Test
  void anOpenSearchNodeWithoutAnySecuritySettingIsReported() throws Exception {
    Path file = java.nio.file.Files.createTempFile("opensearch", ".yml");
    try {
      java.nio.file.Files.writeString(file, "cluster.name: x\nnetwork.host: 127.0.0.1\n");
      List<ConfigFinding> findings = FileAudit.audit(file);
      assertThat(findings)
          .extracting(ConfigFinding::rule)
          .containsExactly(ConfigRule.SECURITY_DISABLED);
      assertThat(findings.getFirst().evidence()).contains("no plugins.security.* setting");
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void aFileThatIsNotYamlIsRefusedWithItsLine() {
    assertThatThrownBy(() -> FileAudit.audit(resource("broken")))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageMatching(
            ".*broken/opensearch.yml:2:\\d+: not valid YAML \\(while parsing a flow sequence\\)")
        // The parser quotes the offending line; the error does not: it may hold a password.
        .hasMessageNotContaining("unclosed");
  }

  @Test
  void aMissingPathIsAClearError() {
    assertThatThrownBy(() -> FileAudit.audit(Path.of("no/such/opensearch.yml")))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage("no/such/opensearch.yml: no such file or folder");
  }
}
