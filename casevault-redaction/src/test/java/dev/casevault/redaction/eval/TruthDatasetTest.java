package dev.casevault.redaction.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseVaultException;
import dev.casevault.redaction.PiiType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TruthDatasetTest {
  private static BufferedReader resource(String name) {
    return new BufferedReader(
        new InputStreamReader(PresidioDatasetTest.resource(name), StandardCharsets.UTF_8));
  }

  private static String resourceText(String name) throws IOException {
    try (BufferedReader reader = resource(name)) {
      return String.join("\n", reader.lines().toList()) + "\n";
    }
  }

  private static TruthDataset.Summary read(String cases, String truth, List<LabelledText> out)
      throws IOException {
    return TruthDataset.read(
        new BufferedReader(new StringReader(cases)),
        new BufferedReader(new StringReader(truth)),
        out::add);
  }

  @Test
  void everyFreeTextFieldIsATextAndIdentityRowsAreOnlyCounted() throws IOException {
    List<LabelledText> texts = new ArrayList<>();
    TruthDataset.Summary summary;
    try (BufferedReader cases = resource("tiny-cases.jsonl");
        BufferedReader truth = resource("tiny-cases.jsonl.truth.jsonl")) {
      summary = TruthDataset.read(cases, truth, texts::add);
    }
    assertThat(summary).isEqualTo(new TruthDataset.Summary(2, 7, 3, 3));
    assertThat(texts)
        .extracting(t -> t.id().substring(15) + " " + t.field() + " " + t.gold())
        .containsExactly(
            "01 subject []",
            "01 description [GoldSpan[type=EMAIL, start=16, end=35]]",
            "01 messages[0].text [GoldSpan[type=PHONE, start=11, end=26]]",
            "01 messages[1].text []",
            "01 notes[0].text [GoldSpan[type=PERSON, start=12, end=19]]",
            "02 subject []",
            "02 description []");
    assertThat(texts.get(2).text()).isEqualTo("Call me on +1 415 555 0100 today.");
    assertThat(texts.get(2).gold().getFirst().type()).isEqualTo(PiiType.PHONE);
  }

  @Test
  void freeTextFieldsAreTheOnesTheDetectorScans() {
    assertThat(TruthDataset.isFreeText("subject")).isTrue();
    assertThat(TruthDataset.isFreeText("messages[12].text")).isTrue();
    assertThat(TruthDataset.isFreeText("notes[0].text")).isTrue();
    assertThat(TruthDataset.isFreeText("notes[0].author")).isFalse();
    assertThat(TruthDataset.isFreeText("customer.name")).isFalse();
    assertThat(TruthDataset.isFreeText("agent.email")).isFalse();
  }

  @Test
  void filesThatDoNotAgreeAreRejectedWithTheLineAndNoValue() throws IOException {
    String cases = resourceText("tiny-cases.jsonl");
    String truth = resourceText("tiny-cases.jsonl.truth.jsonl");
    List<LabelledText> sink = new ArrayList<>();

    String shifted = truth.replace("\"start\":16,\"end\":35", "\"start\":15,\"end\":34");
    assertThatThrownBy(() -> read(cases, shifted, sink))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage(
            "truth line 3: the value does not match description of case CASE-2020-0000001 at"
                + " [15, 34)")
        .hasMessageNotContaining("ann.lee");

    String secondCaseFirst =
        "{\"case\":\"CASE-2020-0000002\",\"field\":\"customer.name\",\"type\":\"PERSON\","
            + "\"start\":0,\"end\":3,\"value\":\"Eve\"}\n"
            + truth;
    assertThatThrownBy(() -> read(cases, secondCaseFirst, sink))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage(
            "truth line 2: case CASE-2020-0000001 is not in the cases file, or the truth file is"
                + " not in the order of the cases file");

    assertThatThrownBy(() -> read(cases, truth.replace("\"PHONE\"", "\"FAX\""), sink))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage("truth line 4: unknown type FAX");

    assertThatThrownBy(() -> read("{\"id\": \"A\", \"subject\": \"x\n", "", sink))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage("cases line 1: invalid JSON");

    assertThatThrownBy(
            () -> read(cases, truth.replace("messages[0].text", "messages[7].text"), sink))
        .isInstanceOf(CaseVaultException.class)
        .hasMessage("truth line 4: case CASE-2020-0000001 has no field messages[7].text");
  }
}
