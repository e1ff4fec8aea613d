package dev.casevault.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationTest {
  final Classifier classifier = new Classifier(PiiDetector.standard());
  final Endpoint endpoint = new Endpoint("127.0.0.1", 9200);

  private static SampledRecord record(String id, String json) throws Exception {
    return new SampledRecord(id, new ObjectMapper().readTree(json));
  }

  @Test
  void shapesKeepTheFormatAndNothingOfTheValue() {
    assertThat(Classifier.shape("jane.doe@example.com")).isEqualTo("xxxx.xxx@xxxxxxx.xxx");
    assertThat(Classifier.shape("+33 6 12 34 56 78")).isEqualTo("+99 9 99 99 99 99");
    assertThat(Classifier.shape("a\u001b[2Jb")).isEqualTo("x [9xx");
    assertThat(Classifier.shape("1".repeat(50))).isEqualTo("9".repeat(40) + "…");
  }

  @Test
  void ransomNotesAndWipedIndicesAreIndicators() {
    Observation observation =
        new Observation(
            "elasticsearch",
            Verdict.OPEN_METADATA,
            false,
            null,
            List.of(
                StoreSample.unsampled("customers-meow", 0L, 0L),
                StoreSample.unsampled("read_me", 1L, 10L),
                StoreSample.unsampled("How_To_Recover_Your_Data", 1L, 10L),
                StoreSample.unsampled("warning", 1L, 10L),
                StoreSample.unsampled("orders", 5L, 10L)),
            List.of());
    ScanResult result = classifier.classify(endpoint, observation);
    assertThat(result.ransomIndicators())
        .containsExactly("customers-meow", "read_me", "How_To_Recover_Your_Data", "warning");
  }

  @Test
  void severityGrowsWithSensitivityAndSize() throws Exception {
    SampledRecord email = record("1", "{\"contact\":{\"mail\":\"jane.doe@example.com\"}}");
    SampledRecord card = record("2", "{\"payment\":\"card 4111 1111 1111 1111\"}");
    SampledRecord plain = record("3", "{\"status\":\"open\",\"count\":3}");
    ScanResult small = open(List.of(email), 10L);
    assertThat(small.severity()).isEqualTo(Severity.HIGH);
    assertThat(small.personalData().getFirst().fields()).containsExactly("contact.mail");
    assertThat(open(List.of(email), 5_000L).severity()).isEqualTo(Severity.CRITICAL);
    ScanResult cards = open(List.of(card), 10L);
    assertThat(cards.personalData())
        .extracting(PersonalDataFound::type)
        .contains(PiiType.CREDIT_CARD);
    assertThat(cards.severity()).isEqualTo(Severity.CRITICAL);
    ScanResult nothing = open(List.of(plain), 1_000_000L);
    assertThat(nothing.severity()).isEqualTo(Severity.HIGH);
    assertThat(nothing.severityReason())
        .isEqualTo(
            "records open to anyone × no personal data in the samples × 1,000,000 records → high");
  }

  @Test
  void theFingerprintIgnoresTheClusterAndFollowsNamesCountsStructureAndSampledIds()
      throws Exception {
    SampledRecord a = record("a", "{}");
    SampledRecord b = record("b", "{}");
    String one =
        Classifier.fingerprint(List.of(new StoreSample("x", 3L, 9L, "{m}", List.of(a, b))));
    assertThat(Classifier.fingerprint(List.of(new StoreSample("x", 3L, 99L, "{m}", List.of(b, a)))))
        .isEqualTo(one);
    assertThat(Classifier.fingerprint(List.of(new StoreSample("x", 4L, 9L, "{m}", List.of(a, b)))))
        .isNotEqualTo(one);
    assertThat(Classifier.fingerprint(List.of(new StoreSample("x", 3L, 9L, "{n}", List.of(a, b)))))
        .isNotEqualTo(one);
    assertThat(Classifier.fingerprint(List.of(new StoreSample("x", 3L, 9L, "{m}", List.of(a)))))
        .isNotEqualTo(one);
  }

  private ScanResult open(List<SampledRecord> samples, long documents) {
    return classifier.classify(
        endpoint,
        new Observation(
            "elasticsearch",
            Verdict.OPEN_DATA,
            false,
            null,
            List.of(new StoreSample("index", documents, 100L, "", samples)),
            List.of()));
  }
}
