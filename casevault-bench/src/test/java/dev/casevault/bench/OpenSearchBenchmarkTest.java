package dev.casevault.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.bench.OpenSearchBenchmark.Contender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenSearchBenchmarkTest {
  @TempDir Path temp;

  @Test
  void everyPairOfContendersSwapsPlaceFromOneChunkToTheNext() {
    assertThat(OpenSearchBenchmark.order(0))
        .containsExactly(Contender.LUCENE, Contender.OPENSEARCH, Contender.RAW_BULK);
    assertThat(OpenSearchBenchmark.order(1))
        .containsExactly(Contender.RAW_BULK, Contender.OPENSEARCH, Contender.LUCENE);
    assertThat(OpenSearchBenchmark.order(2)).isEqualTo(OpenSearchBenchmark.order(0));
  }

  @Test
  void latenciesAreNearestRankPercentilesOfTheMeasuredQueries() {
    // 1..200 ms, shuffled by a stride coprime with 200.
    long[] nanos = LongStream.range(0, 200).map(i -> ((i * 77) % 200 + 1) * 1_000_000L).toArray();
    Map<String, Object> summary = OpenSearchBenchmark.latencies(nanos, 500);
    assertThat(summary.get("queries")).isEqualTo(200);
    assertThat(summary.get("p50Millis")).isEqualTo(101.0);
    assertThat(summary.get("p99Millis")).isEqualTo(198.0);
    assertThat(summary.get("maxMillis")).isEqualTo(200.0);
    assertThat(summary.get("meanHits")).isEqualTo(2.5);
  }

  @Test
  void replicasThatNoNodeCouldHoldAreRefused() {
    assertThatThrownBy(
            () ->
                OpenSearchBenchmark.Settings.parse(
                    Map.of("--nodes", "1", "--replicas", "1", "--out", "x.json")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replicas");
  }

  /**
   * A whole run at toy size on one secured node: every contender holds every case, the raw index
   * holds the store's documents byte for byte, both backends find the same totals, and the cluster
   * and the indices are gone afterwards.
   */
  @Test
  void aSmokeRunComparesTheSameDocumentsAndLeavesNothingBehind() throws Exception {
    // Under target/: the nodes' user must reach the cluster's folder (a @TempDir is owner-only).
    Path work = Path.of("target", "opensearch-benchmark-test");
    Path out = temp.resolve("results/opensearch.json");
    OpenSearchBenchmark.run(
        OpenSearchBenchmark.Settings.parse(
            Map.of(
                "--cases", "300",
                "--queries", "20",
                "--nodes", "1",
                "--replicas", "0",
                "--heap-mb", "384",
                "--chunk", "100",
                "--warmup", "50",
                "--work", work.toString(),
                "--out", out.toString())));

    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.at("/corpus/stored").asLong() + json.at("/corpus/quarantined").asLong())
        .isEqualTo(300);
    long stored = json.at("/corpus/stored").asLong();
    assertThat(json.at("/checks/casesInEachContender").asLong()).isEqualTo(stored);
    assertThat(json.at("/checks/sampledSourcesByteIdentical").asInt()).isEqualTo(50);
    assertThat(json.at("/sameSettingsAndMapping").asBoolean()).isTrue();
    for (String contender : List.of("lucene", "opensearch", "rawBulk")) {
      assertThat(json.at("/ingest/" + contender + "/casesPerSecond").asDouble()).isPositive();
      assertThat(json.at("/ingest/" + contender + "/chunkSeconds")).hasSize(3);
    }
    assertThat(json.at("/ingest/overheadRatioRawToCasevault").asDouble()).isPositive();
    for (String scope : List.of("everything", "restricted")) {
      assertThat(json.at("/search/" + scope + "/queriesWithDifferentTotals").asInt()).isZero();
      assertThat(json.at("/search/" + scope + "/opensearch/queries").asInt()).isEqualTo(20);
    }
    assertThat(json.at("/search/restricted/visibleCases").asLong())
        .isPositive()
        .isLessThan(json.at("/search/everything/visibleCases").asLong());
    assertThat(json.at("/disk/opensearch/docs").asLong()).isEqualTo(stored);
    assertThat(json.at("/disk/lucene/bytesPerCase").asDouble()).isPositive();
    assertThat(json.at("/disk/translogFlushThresholdSize").asText()).isNotEmpty();
    assertThat(json.at("/nodes/0/opensearch").asText()).startsWith("2.");
    assertThat(json.at("/loadAverageBefore").asText()).isNotEmpty();
    try (var left = Files.list(work)) {
      assertThat(left).isEmpty();
    }
  }
}
