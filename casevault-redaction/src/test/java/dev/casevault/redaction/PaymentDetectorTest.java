package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentDetectorTest {
  private static final PaymentDetector DETECTOR = new PaymentDetector();

  static List<String> found(String text, PiiType type) {
    List<Finding> out = new ArrayList<>();
    DETECTOR.detect(ScanText.unbounded(text), out);
    return out.stream()
        .filter(f -> f.type() == type)
        .map(f -> text.substring(f.start(), f.end()))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4111111111111111",
        "5500 0000 0000 0004",
        "2221 0000 0000 0009",
        "3782 822463 10005",
        "3714-496353-98431",
        "6011 1111 1111 1117",
        "3530111333300000",
        "30569309025904"
      })
  void findsCardNumbers(String card) {
    assertThat(found("Card: " + card + ", exp 12/27.", PiiType.CREDIT_CARD)).containsExactly(card);
    assertThat(found("Carte bancaire " + card, PiiType.CREDIT_CARD)).containsExactly(card);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111 1111 1111 1112", // Luhn fails
        "1234 5678 9012 3452", // no card network starts with 1
        "Order 169-2643002-2767980",
        "Tracking 1Z999AA10123456784",
        "KB4012345 and 0000 0000 0000 0000",
        "Serial 9780306406157" // an ISBN, Luhn-invalid and no network prefix
      })
  void rejectsNearMisses(String text) {
    assertThat(found(text, PiiType.CREDIT_CARD)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "FR76 3000 6000 0112 3456 7890 189",
        "FR7630006000011234567890189",
        "GB82 WEST 1234 5698 7654 32",
        "GB82WEST12345698765432",
        "DE89 3704 0044 0532 0130 00",
        "BE68 5390 0754 7034",
        "CH93 0076 2011 6238 5295 7",
        "ES91 2100 0418 4502 0005 1332",
        "IT60 X054 2811 1010 0000 0123 456",
        "NL91 ABNA 0417 1643 00",
        "gb82west12345698765432"
      })
  void findsIbans(String iban) {
    assertThat(found("Mon IBAN : " + iban + ". Merci", PiiType.IBAN)).containsExactly(iban);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "FR76 3000 6000 0112 3456 7890 188", // mod 97 fails
        "FR76 3000 6000 0112 3456 7890", // too short for France
        "GB82WEST1234569876543", // too short for the UK
        "XX82WEST12345698765432", // not a country
        "FA2020-12345"
      })
  void rejectsIbanNearMisses(String text) {
    assertThat(found(text, PiiType.IBAN)).isEmpty();
  }

  @Test
  void spansAreExact() {
    String text = "IBAN FR76 3000 6000 0112 3456 7890 189 BIC BNPAFRPP, card 4111111111111111.";
    List<Finding> out = new ArrayList<>();
    DETECTOR.detect(ScanText.unbounded(text), out);
    assertThat(out)
        .extracting(Finding::type, Finding::start, Finding::end)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(PiiType.IBAN, 5, 38),
            org.assertj.core.groups.Tuple.tuple(PiiType.CREDIT_CARD, 58, 74));
  }
}
