package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NationalIdDetectorTest {
  private static final NationalIdDetector DETECTOR = new NationalIdDetector();

  static List<String> found(String text) {
    List<Finding> out = new ArrayList<>();
    DETECTOR.detect(ScanText.unbounded(text), out);
    return out.stream().map(f -> f.type() + ":" + text.substring(f.start(), f.end())).toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "My SSN is 123-45-6789.|US_SSN:123-45-6789",
        "Here's my ssn: 536 32 3065|US_SSN:536 32 3065",
        "Social security number 078051120 on file|US_SSN:078051120",
        "N° de sécurité sociale : 2 91 06 2A 165 533 17|FR_NIR:2 91 06 2A 165 533 17",
        "NIR 1 68 09 86 469 351 01, merci|FR_NIR:1 68 09 86 469 351 01",
        "numéro 267058063015127|FR_NIR:267058063015127",
        "numéro 2670580630151 27|FR_NIR:2670580630151 27",
        "NI number AB 12 34 56 C please|UK_NINO:AB 12 34 56 C",
        "National Insurance: JG103759A.|UK_NINO:JG103759A"
      })
  void findsNationalIds(String text, String expected) {
    assertThat(found(text)).containsExactly(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Order 123456789 shipped", // nine bare digits without SSN words
        "SSN 000-12-3456", // area 000 is never issued
        "SSN 666-12-3456",
        "SSN 912-12-3456",
        "SSN 123-00-4567",
        "Suite 680 36 4022 Oakridge", // spaced groups without SSN words
        "Ref 123-45-6789-01",
        "NIR 2 91 06 2A 165 533 18", // wrong key
        "NIR 3 68 09 86 469 351 01", // sex digit 3
        "Prefix DA 12 34 56 C", // D is never a prefix letter
        "Prefix GB123456A",
        "Prefix AB123456E", // suffix beyond D
        "Serial PF7KXOB6 and R58HQR9FHYO"
      })
  void rejectsNearMisses(String text) {
    assertThat(found(text)).isEmpty();
  }
}
