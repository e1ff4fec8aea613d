package dev.casevault.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;

/**
 * The index's analysis chains give the same tokens, at the same positions, as the Lucene backend's
 * for inputs that exercise every filter: possessives, elision, stop words of each language, both
 * stemmers, accent and ligature folding, the tokenizer's handling of ids, e-mails and URLs. The
 * expected tokens come from the Lucene chains themselves ({@code lucene-analysis.tsv}).
 */
class OpenSearchAnalysisParityTest {
  private record Expected(String language, String input, String tokens) {}

  @Test
  void theChainsTokeniseLikeTheLuceneBackend() throws IOException {
    String alias =
        "casevault-test-analysis-"
            + Long.toHexString(new java.util.Random().nextLong() & 0xffffffffL);
    OpenSearchClient admin = TestCluster.adminClient();
    try {
      TestCluster.openStore(alias).close();
      List<String> mismatches = new ArrayList<>();
      for (Expected expected : expectations()) {
        String tokens =
            admin
                .indices()
                .analyze(
                    a ->
                        a.index(alias)
                            .analyzer("casevault_" + expected.language())
                            .text(expected.input()))
                .tokens()
                .stream()
                .map(t -> t.token() + "@" + t.position())
                .collect(Collectors.joining(" "));
        if (!tokens.equals(expected.tokens())) {
          mismatches.add(
              expected.language() + " " + expected.input() + ": " + tokens + " != " + expected);
        }
      }
      assertThat(mismatches).isEmpty();
    } finally {
      admin
          .indices()
          .delete(d -> d.index(TestCluster.options(alias).indexName()).ignoreUnavailable(true));
      admin._transport().close();
    }
  }

  private static List<Expected> expectations() throws IOException {
    List<Expected> expected = new ArrayList<>();
    try (InputStream in =
        OpenSearchAnalysisParityTest.class.getResourceAsStream("/lucene-analysis.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", -1);
        expected.add(new Expected(parts[0], parts[1], parts[2]));
      }
    }
    assertThat(expected).hasSizeGreaterThan(20);
    return expected;
  }
}
