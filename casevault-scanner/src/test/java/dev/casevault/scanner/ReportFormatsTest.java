package dev.casevault.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.casevault.redaction.PiiType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON lines, SARIF (against the official schema) and HTML outputs of one report. */
class ReportFormatsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HOSTILE = "<script>alert('x')</script>\"&\u001b[2J";

  static ScanReport report() {
    ScanResult open =
        new ScanResult(
            "127.0.0.1",
            9200,
            null,
            "opensearch",
            Verdict.OPEN_DATA,
            Severity.CRITICAL,
            "records open to anyone × personal data (EMAIL) × 2,000 records → critical",
            false,
            new ServiceInfo("opensearch", "2.19.4", "uuid-1", "archive"),
            2_000L,
            1_234_567L,
            List.of(
                new StoreReport("support-cases", 2_000L, 1_234_567L, 3, List.of(PiiType.EMAIL)),
                new StoreReport(HOSTILE + "-meow", 0L, 200L, 0, List.of())),
            List.of(
                new PersonalDataFound(
                    PiiType.EMAIL, 3, List.of("customer.email"), "xxxx.xxxx@xxxxxxx.xxx")),
            "sha256:00112233445566778899aabbccddeeff",
            List.of(HOSTILE + "-meow"),
            List.of("the service warns that its security features are not enabled"));
    ScanResult copy =
        new ScanResult(
            "127.0.0.2",
            9200,
            null,
            "opensearch",
            Verdict.OPEN_DATA,
            Severity.CRITICAL,
            open.severityReason(),
            true,
            new ServiceInfo("opensearch", "2.19.4", "uuid-2", "copy"),
            2_000L,
            1_234_567L,
            open.stores(),
            open.personalData(),
            open.dataset(),
            open.ransomIndicators(),
            List.of());
    ScanResult metadata =
        new ScanResult(
            "127.0.0.1",
            11211,
            null,
            "memcached",
            Verdict.OPEN_METADATA,
            Severity.LOW,
            "names and counts open to anyone, records not readable × 0 records → low",
            false,
            ServiceInfo.of("memcached", "1.6.18"),
            0L,
            0L,
            List.of(new StoreReport("items", 0L, 0L, 0, List.of())),
            List.of(),
            "sha256:ffeeddccbbaa99887766554433221100",
            List.of(),
            List.of());
    ScanResult closed =
        new ScanResult(
            "127.0.0.1",
            6379,
            null,
            "redis",
            Verdict.AUTH_REQUIRED,
            Severity.NONE,
            "anonymous clients are refused: not exposed",
            false,
            ServiceInfo.of("redis", null),
            null,
            null,
            List.of(),
            List.of(),
            null,
            List.of(),
            List.of("INFO answered -NOAUTH"));
    return new ScanReport(
        Instant.parse("2026-11-29T10:00:00Z"),
        Duration.ofMillis(2_500),
        List.of(open, closed, copy, metadata));
  }

  @Test
  void jsonLinesHaveOneObjectPerEndpointWithItsStoresAndTypes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonLinesReport.write(report(), out);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4);
    JsonNode first = JSON.readTree(lines.getFirst());
    assertThat(first.get("host").asText()).isEqualTo("127.0.0.1");
    assertThat(first.get("port").asInt()).isEqualTo(9200);
    assertThat(first.get("service").asText()).isEqualTo("opensearch");
    assertThat(first.get("verdict").asText()).isEqualTo("OPEN_DATA");
    assertThat(first.get("severity").asText()).isEqualTo("CRITICAL");
    assertThat(first.at("/stores/0/name").asText()).isEqualTo("support-cases");
    assertThat(first.at("/stores/0/documents").asLong()).isEqualTo(2_000);
    assertThat(first.at("/stores/0/personalData/0").asText()).isEqualTo("EMAIL");
    assertThat(first.at("/stores/1/name").asText()).isEqualTo(HOSTILE + "-meow");
    assertThat(first.at("/personalData/0/example").asText()).isEqualTo("xxxx.xxxx@xxxxxxx.xxx");
    assertThat(JSON.readTree(lines.get(1)).get("verdict").asText()).isEqualTo("AUTH_REQUIRED");
  }

  private static Schema sarifSchema() throws IOException {
    try (InputStream schema =
        ReportFormatsTest.class.getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(schema);
    }
  }

  @Test
  void sarifIsValidAgainstTheSarif210SchemaWithRulesSeveritiesAndFingerprints() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SarifReport.write(report(), out);
    JsonNode sarif = JSON.readTree(out.toByteArray());
    Schema schema = sarifSchema();
    List<Error> errors = schema.validate(sarif);
    assertThat(errors).isEmpty();

    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    JsonNode run = sarif.at("/runs/0");
    JsonNode results = run.get("results");
    assertThat(results).hasSize(3); // the closed endpoint is not a finding
    JsonNode first = results.get(0);
    assertThat(first.get("ruleId").asText()).isEqualTo("open-data/critical");
    assertThat(first.get("level").asText()).isEqualTo("error");
    assertThat(first.at("/properties/security-severity").asText()).isEqualTo("9.5");
    assertThat(first.at("/partialFingerprints/endpoint~1v1").asText()).hasSize(64);
    assertThat(first.at("/partialFingerprints/dataset~1v1").asText())
        .isEqualTo("sha256:00112233445566778899aabbccddeeff");
    assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .isEqualTo("http://127.0.0.1:9200/");
    int ruleIndex = first.get("ruleIndex").asInt();
    JsonNode rule = run.at("/tool/driver/rules/" + ruleIndex);
    assertThat(rule.get("id").asText()).isEqualTo("open-data/critical");
    assertThat(rule.at("/properties/security-severity").asText()).isEqualTo("9.5");
    assertThat(results.get(2).get("ruleId").asText()).isEqualTo("open-metadata/low");
    assertThat(results.get(2).get("level").asText()).isEqualTo("note");
  }

  @Test
  void theSchemaRejectsABrokenLogSoTheValidationCanFail() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SarifReport.write(report(), out);
    ObjectNode sarif = (ObjectNode) JSON.readTree(out.toByteArray());
    sarif.put("version", "2.0.0");
    ((ObjectNode) sarif.at("/runs/0/results/0")).put("level", "catastrophic");
    assertThat(sarifSchema().validate(sarif)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void htmlIsSelfContainedAndEscapesEverythingFromTheScannedHosts() {
    StringWriter page = new StringWriter();
    HtmlReport.write(report(), new PrintWriter(page));
    String html = page.toString();
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html)
        .doesNotContain("<script")
        .doesNotContain("\u001b")
        .doesNotContainPattern("(?i)(src|href)\\s*=")
        .doesNotContainPattern("(?i)url\\(")
        .doesNotContain("@import");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;");
    assertThat(html).contains("default-src 'none'");
    assertThat(html).contains("Exposed (3)").contains("Not exposed (1)");
    assertThat(html).contains("The same dataset on several endpoints");
    assertThat(html).contains("127.0.0.1:9200, 127.0.0.2:9200");
  }

  @Test
  void textStripsControlCharactersAndSummarises() {
    StringWriter text = new StringWriter();
    TextReport.write(report(), new PrintWriter(text));
    String out = text.toString();
    assertThat(out).doesNotContain("\u001b");
    assertThat(out).contains("CRITICAL  127.0.0.1:9200  opensearch 2.19.4  OPEN_DATA");
    assertThat(out).contains("same dataset on 127.0.0.1:9200, 127.0.0.2:9200");
    assertThat(out)
        .contains("EMAIL: 3 sampled records; fields customer.email; e.g. xxxx.xxxx@xxxxxxx.xxx");
    assertThat(out)
        .contains(
            "scanned 4 endpoints in 2.5 s: 2 open with data, 1 open metadata, 1 need credentials,"
                + " 0 not a known service or closed, 0 errors");
  }
}
