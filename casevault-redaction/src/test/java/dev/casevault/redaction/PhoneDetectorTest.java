package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneDetectorTest {
  private static final PhoneDetector DETECTOR = new PhoneDetector();

  static List<String> found(String text) {
    List<Finding> out = new ArrayList<>();
    DETECTOR.detect(ScanText.unbounded(text), out);
    return out.stream().map(f -> text.substring(f.start(), f.end())).toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+33 6 12 34 56 78",
        "0033 6 12 34 56 78",
        "06.12.34.56.78",
        "06 12 34 56 78",
        "0612345678",
        "+33 (0)6 12 34 56 78",
        "(204) 878-5726",
        "919.719.4954",
        "+1-404-829-3295",
        "+1 (212) 555-0134",
        "+44 20 7946 0958",
        "+44 (0)161 496 0000",
        "020 7946 0958",
        "+32 470 12 34 56",
        "0470/12.34.56",
        "+41 44 668 18 00",
        "044 668 18 00",
        "+49 30 1234567",
        "030/1234567",
        "+34 612 34 56 78",
        "+39 06 6988 4857",
        "(978)645-9740x11144"
      })
  void findsNumbersWrittenTheUsualWays(String phone) {
    assertThat(found("Vous pouvez me joindre au " + phone + " demain.")).containsExactly(phone);
    assertThat(found("Call me at " + phone)).containsExactly(phone);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Le problème dure depuis le 21/07/2009.",
        "Invoice dated 2010-07-07 for $1,299.00.",
        "Firmware 13.0.5766.18864 and build 17.123.0456.0007",
        "Order 169-2643002-2767980 shipped",
        "Commande CMD-2021-123456 et facture FA2020-12345",
        "The order number was 48213377.",
        "Sign-in alert from 86.82.25.239 at 10:30",
        "Our office connects from 213.166.113.7; please",
        "Tracking 6A12345678901 and 1Z999AA10123456784",
        "Years 1998-2004, between 1 2 3 4 5 6 7 8",
        "SSN 123-45-6789",
        "The order number linked to the account is 4155550155.",
        "Your card number ends with 4155550155",
        "Number of seats: 4155550155"
      })
  void leavesOtherNumbersAlone(String text) {
    assertThat(found(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void spanIncludesThePlusAndAWrittenExtension() {
    String text = "Phone: +1-404-829-3295 ext. 123, fax 06 12 34 56 78.";
    List<Finding> out = new ArrayList<>();
    DETECTOR.detect(ScanText.unbounded(text), out);
    assertThat(out)
        .extracting(f -> text.substring(f.start(), f.end()))
        .containsExactly("+1-404-829-3295 ext. 123", "06 12 34 56 78");
    assertThat(out).allSatisfy(f -> assertThat(f.type()).isEqualTo(PiiType.PHONE));
  }

  @org.junit.jupiter.api.Test
  void aValidBareNumberAfterANumberThatIsNotAnOrderOrCardNumber() {
    assertThat(found("The number linked to the account is 4155550155."))
        .containsExactly("4155550155");
    assertThat(found("Le numéro associé au compte est 0612345678")).containsExactly("0612345678");
  }

  @org.junit.jupiter.api.Test
  void anInternationalNumberOutsideTheCurrentPlansIsKeptWithALowerScore() {
    String text = "pour la paie : +33407779195 merci";
    List<Finding> out = new ArrayList<>();
    DETECTOR.detect(ScanText.unbounded(text), out);
    assertThat(out)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(text.substring(f.start(), f.end())).isEqualTo("+33407779195");
              assertThat(f.rule()).isEqualTo("phone.international-possible");
              assertThat(f.score()).isEqualTo(0.5);
            });
    // Too short for any plan of +33: not a phone number.
    assertThat(found("delta +3340777 units")).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void twoNumbersSideBySideAreTwoFindings() {
    assertThat(found("Tél : 06 12 34 56 78 / 01 23 45 67 89"))
        .containsExactly("06 12 34 56 78", "01 23 45 67 89");
  }
}
