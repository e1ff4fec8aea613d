package dev.casevault.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseVaultException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSearchSettingsTest {
  @TempDir Path folder;

  private OpenSearchSettings settings(String urls) {
    return new OpenSearchSettings(
        java.util.Arrays.stream(urls.split(","))
            .map(String::strip)
            .map(java.net.URI::create)
            .toList(),
        folder.resolve("trust.p12"),
        "pw",
        "casevault",
        "s3");
  }

  @Test
  void plainHttpIsRefusedWithTheReason() {
    assertThatThrownBy(() -> settings("https://a:9200,http://b:9200"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refusing http://b:9200")
        .hasMessageContaining("https only");
  }

  @Test
  void otherSchemesPathsAndCredentialsInTheUrlAreRefused() {
    for (String bad :
        List.of(
            "ftp://a:9200",
            "a:9200",
            "https://a:9200/prefix",
            "https://a:9200/?x=1",
            "https://user:secret@a:9200")) {
      assertThatThrownBy(() -> settings(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .message()
          .doesNotContain("secret");
    }
    assertThatThrownBy(() -> settings(" , ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretsNeverPrint() {
    OpenSearchSettings s = settings("https://a:9200, https://b:9201");
    assertThat(s.urls())
        .containsExactly(URI.create("https://a:9200"), URI.create("https://b:9201"));
    assertThat(s.toString()).doesNotContain("s3").doesNotContain("pw").contains("casevault");
  }

  @Test
  void blankUserOrEmptyPasswordIsRefused() {
    List<URI> urls = List.of(URI.create("https://a:9200"));
    Path trust = folder.resolve("trust.p12");
    assertThatThrownBy(() -> new OpenSearchSettings(urls, trust, "pw", " ", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OpenSearchSettings(urls, trust, "pw", "casevault", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMissingOrUnreadableTrustStoreFailsBeforeAnyConnection() throws Exception {
    assertThatThrownBy(() -> SecureTransport.open(settings("https://127.0.0.1:1")))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("not a readable file");
    Files.writeString(folder.resolve("trust.p12"), "not a key store");
    assertThatThrownBy(() -> SecureTransport.open(settings("https://127.0.0.1:1")))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("cannot read the OpenSearch trust store");
  }

  @Test
  void indexNamesStayInsideCasevaultsOwnNamespace() {
    assertThat(OpenSearchIndexOptions.defaults().indexName()).isEqualTo("casevault-cases-v1");
    for (String bad :
        List.of("cases", "casevault-", "casevault-Cases", "casevault-a*", ".casevault-a")) {
      assertThatThrownBy(() -> OpenSearchIndexOptions.defaults().withAlias(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> OpenSearchIndexOptions.defaults().withShards(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OpenSearchIndexOptions.defaults().withShards(1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
