package dev.casevault.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.corpus.CorpusGenerator;
import dev.casevault.corpus.GeneratedCase;
import dev.casevault.corpus.PlantedValue;
import dev.casevault.json.CaseJsonWriter;
import dev.casevault.opensearch.testkit.OpenSearchCluster;
import dev.casevault.redaction.PiiType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real OpenSearch 2.19 nodes on 127.0.0.1 as targets: two open one-node clusters holding the same
 * generated corpus (one dataset on two hosts, two cluster ids) and a secured one.
 */
class OpenSearchScanTest {
  static final String INDEX = "support-archive";
  static final int CASES = 1_200;
  static final long SEED = 7;

  static OpenSearchCluster first;
  static OpenSearchCluster second;
  static Path secondFolder;
  static final List<PlantedValue> planted = new ArrayList<>();

  @BeforeAll
  static void loadTheSameCorpusIntoTwoOpenClusters() throws IOException {
    first = OpenSearchCluster.sharedOpen();
    secondFolder =
        Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "scan-os-");
    second = OpenSearchCluster.start(secondFolder, 1, OpenSearchCluster.Options.open());
    StringBuilder bulk = new StringBuilder();
    CorpusGenerator generator = new CorpusGenerator(SEED);
    for (int i = 0; i < CASES; i++) {
      GeneratedCase generated = generator.generate(i);
      planted.addAll(generated.planted());
      bulk.append("{\"index\":{\"_id\":\"")
          .append(generated.supportCase().id().value())
          .append("\"}}\n");
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      CaseJsonWriter.writeLine(generated.supportCase(), line);
      bulk.append(line.toString(StandardCharsets.UTF_8));
    }
    for (OpenSearchCluster cluster : List.of(first, second)) {
      cluster.adminRequest("DELETE", "/" + INDEX, null);
      HttpResponse<String> created =
          cluster.adminRequest(
              "PUT",
              "/" + INDEX,
              "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0}}");
      assertThat(created.statusCode()).isEqualTo(200);
      HttpResponse<String> loaded =
          cluster.adminRequest("POST", "/" + INDEX + "/_bulk?refresh=true", bulk.toString());
      assertThat(loaded.statusCode()).isEqualTo(200);
      assertThat(loaded.body()).contains("\"errors\":false");
    }
  }

  @AfterAll
  static void stopTheSecondCluster() {
    if (second != null) {
      second.close();
    }
  }

  private static Endpoint endpoint(URI url) {
    return new Endpoint(url.getHost(), url.getPort());
  }

  @Test
  void theSameCorpusOnTwoOpenNodesIsOneDatasetOnTwoHostsWithItsPersonalData() throws Exception {
    ScanReport report;
    try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
      report =
          scanner.scanAll(
              List.of(endpoint(first.httpUrl(0)), endpoint(second.httpUrl(0))), (r, d, t) -> {});
    }
    System.out.printf(
        "OpenSearchScanTest: scanned two open nodes of %,d cases in %d ms%n",
        CASES, report.took().toMillis());
    for (ScanResult result : report.results()) {
      assertThat(result.service()).isEqualTo("opensearch");
      assertThat(result.verdict()).isEqualTo(Verdict.OPEN_DATA);
      assertThat(result.info().version()).isEqualTo("2.19.4");
      assertThat(result.info().clusterId()).isNotBlank();
      StoreReport store =
          result.stores().stream().filter(s -> s.name().equals(INDEX)).findFirst().orElseThrow();
      assertThat(store.documents()).isEqualTo(CASES);
      assertThat(store.sampled()).isEqualTo(Probes.MAX_SAMPLES);
      assertThat(store.bytes()).isPositive();
      assertThat(result.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(result.severityReason()).contains("records open to anyone").contains("1,200");
    }
    assertThat(report.results().get(0).info().clusterId())
        .isNotEqualTo(report.results().get(1).info().clusterId());

    List<DatasetGroup> datasets = report.datasets();
    assertThat(datasets).hasSize(1);
    DatasetGroup dataset = datasets.getFirst();
    assertThat(dataset.endpoints())
        .containsExactly(
            first.httpUrl(0).getHost() + ":" + first.httpUrl(0).getPort(),
            second.httpUrl(0).getHost() + ":" + second.httpUrl(0).getPort());
    assertThat(dataset.clusterIds()).hasSize(2);

    // The samples are the first three cases in index order, the order of the bulk load; the
    // types found must be among those planted in them.
    assertThat(dataset.personalData()).contains(PiiType.EMAIL);
    Map<String, Long> plantedTypes = typesPlantedInFirst(Probes.MAX_SAMPLES);
    for (PiiType found : dataset.personalData()) {
      assertThat(plantedTypes)
          .as("found %s, which was not planted", found)
          .containsKey(found.name());
    }

    // No planted value appears in any output, only types and shapes.
    String everything = render(report);
    for (PlantedValue value : planted) {
      if (value.value().length() >= 6) {
        assertThat(everything).doesNotContain(value.value());
      }
    }
    assertThat(everything).contains("EMAIL").contains("same dataset on");
  }

  private static Map<String, Long> typesPlantedInFirst(int cases) {
    CorpusGenerator generator = new CorpusGenerator(SEED);
    List<PlantedValue> values = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      values.addAll(generator.generate(i).planted());
    }
    return values.stream()
        .collect(Collectors.groupingBy(PlantedValue::type, Collectors.counting()));
  }

  static String render(ScanReport report) throws IOException {
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    JsonLinesReport.write(report, json);
    StringWriter text = new StringWriter();
    TextReport.write(report, new PrintWriter(text));
    return json.toString(StandardCharsets.UTF_8) + text;
  }

  @Test
  void aSecuredNodeRequiresCredentials() throws Exception {
    OpenSearchCluster secured = OpenSearchCluster.shared(1, OpenSearchCluster.Options.secured());
    try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
      ScanResult result = scanner.scan(endpoint(secured.httpUrl(0)));
      assertThat(result.verdict()).isEqualTo(Verdict.AUTH_REQUIRED);
      assertThat(result.service()).isEqualTo("opensearch");
      assertThat(result.tls()).isTrue();
      assertThat(result.severity()).isEqualTo(Severity.NONE);
      assertThat(result.stores()).isEmpty();
    }
  }
}
