package dev.casevault.redaction.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseVaultException;
import dev.casevault.redaction.PiiType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresidioDatasetTest {
  static InputStream resource(String name) {
    InputStream in = PresidioDatasetTest.class.getResourceAsStream(name);
    assertThat(in).as(name).isNotNull();
    return in;
  }

  private static List<LabelledText> read(String json) throws IOException {
    List<LabelledText> texts = new ArrayList<>();
    PresidioDataset.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), texts::add);
    return texts;
  }

  @Test
  void mapsLabelsAndMergesAddressFragmentsWithTheirCity() throws IOException {
    List<LabelledText> texts = new ArrayList<>();
    PresidioDataset.Summary summary;
    try (InputStream in = resource("tiny-presidio.json")) {
      summary = PresidioDataset.read(in, texts::add);
    }
    assertThat(texts).hasSize(2);
    LabelledText first = texts.getFirst();
    assertThat(first.id()).isEqualTo("sample 0");
    // "12 Elm Road", "apt 4", "Springfield" (LOCATION) and "90210" are one address.
    assertThat(first.gold())
        .containsExactly(
            new GoldSpan(PiiType.EMAIL, 9, 28), new GoldSpan(PiiType.STREET_ADDRESS, 38, 75));
    assertThat(first.text().substring(38, 75)).isEqualTo("12 Elm Road, apt 4\nSpringfield\n 90210");
    // The organisation stops the run; Paris after it is a city on its own.
    assertThat(first.ignored())
        .containsExactlyInAnyOrder(
            new IgnoredSpan("ORGANIZATION", 77, 86), new IgnoredSpan("LOCATION", 88, 93));
    assertThat(texts.get(1).gold()).isEmpty();
    assertThat(summary)
        .isEqualTo(
            new PresidioDataset.Summary(2, 3, 1, Map.of("LOCATION", 1L, "ORGANIZATION", 1L)));
  }

  @Test
  void readsPresidiosSmallSet() throws IOException {
    Map<PiiType, Integer> gold = new EnumMap<>(PiiType.class);
    PresidioDataset.Summary summary;
    try (InputStream in = resource("presidio-generated-small.json")) {
      summary =
          PresidioDataset.read(
              in, text -> text.gold().forEach(span -> gold.merge(span.type(), 1, Integer::sum)));
    }
    assertThat(summary.samples()).isEqualTo(100);
    assertThat(summary.addressFragments()).isEqualTo(46);
    assertThat(summary.mergedAddresses()).isEqualTo(26);
    assertThat(gold)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                PiiType.PERSON, 55,
                PiiType.STREET_ADDRESS, 26,
                PiiType.PHONE, 10,
                PiiType.CREDIT_CARD, 10,
                PiiType.US_SSN, 3,
                PiiType.IP_ADDRESS, 2,
                PiiType.EMAIL, 2));
    assertThat(summary.ignoredLabels())
        .containsEntry("ORGANIZATION", 10L)
        .containsEntry("LOCATION", 12L)
        .containsEntry("US_DRIVER_LICENSE", 1L);
  }

  @Test
  void rejectsDataInAnotherShapeWithoutQuotingIt() {
    assertThatThrownBy(() -> read("{\"full_text\": \"secret value\"}"))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage("not a Presidio data set: expected a JSON array");
    assertThatThrownBy(() -> read("[{\"full_text\": \"secret value\"]"))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageStartingWith("invalid JSON at line 1")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(
            () ->
                read(
                    "[{\"full_text\": \"abc\", \"spans\": [{\"entity_type\": \"PERSON\","
                        + " \"start_position\": 1, \"end_position\": 9}]}]"))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage("sample 0: span [1, 9) is empty or outside the text");
    assertThatThrownBy(() -> read("[{\"spans\": []}]"))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage("sample 0: no \"full_text\" string");
  }
}
