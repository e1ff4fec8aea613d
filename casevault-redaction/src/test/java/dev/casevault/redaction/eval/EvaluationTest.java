package dev.casevault.redaction.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.casevault.redaction.Detector;
import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scorer on hand-built predictions and labels whose numbers are known exactly. */
class EvaluationTest {
  private static final String TEXT_1 = "x".repeat(100);
  private static final String TEXT_2 = "y".repeat(60);

  /** A fake detector: for each text, the findings listed for its first character. */
  private static PiiDetector fake(Map<Character, List<Finding>> byFirstChar) {
    Detector detector = (text, out) -> out.addAll(byFirstChar.get(text.charAt(0)));
    return new PiiDetector(List.of(detector), 10_000_000_000L, 0);
  }

  private static Finding finding(PiiType type, int start, int end, String rule) {
    return new Finding(type, start, end, 0.9, rule);
  }

  private static LabelledText text1() {
    return new LabelledText(
        "sample 1",
        "full_text",
        TEXT_1,
        List.of(
            new GoldSpan(PiiType.EMAIL, 10, 20),
            new GoldSpan(PiiType.PHONE, 30, 40),
            new GoldSpan(PiiType.PERSON, 50, 60),
            new GoldSpan(PiiType.PERSON, 70, 80)),
        List.of(new IgnoredSpan("ORGANIZATION", 84, 90)));
  }

  private static LabelledText text2() {
    return new LabelledText(
        "sample 2",
        "full_text",
        TEXT_2,
        List.of(
            new GoldSpan(PiiType.EMAIL, 0, 10),
            new GoldSpan(PiiType.EMAIL, 20, 30),
            new GoldSpan(PiiType.EMAIL, 40, 50)),
        List.of());
  }

  private static PiiDetector detector() {
    return fake(
        Map.of(
            'x',
            List.of(
                finding(PiiType.EMAIL, 10, 19, "email.a"), // IoU 0.9: a match
                finding(PiiType.PHONE, 30, 38, "phone.a"), // IoU 0.8: a false positive and a miss
                finding(PiiType.STREET_ADDRESS, 50, 60, "address.a"), // a person, mistyped
                finding(PiiType.SECRET, 85, 95, "secret.a"), // over the organisation: ignored
                finding(PiiType.US_SSN, 0, 5, "ssn.a")), // nothing there
            'y',
            List.of(finding(PiiType.EMAIL, 0, 10, "email.a"))));
  }

  @Test
  void perTypeCountsAndMeasures() {
    Evaluation evaluation = new Evaluation(detector(), 0.5, 0);
    evaluation.add(text1());
    evaluation.add(text2());
    EvaluationReport report = evaluation.report();

    assertThat(report.byType())
        .containsOnlyKeys(
            PiiType.EMAIL, PiiType.PHONE, PiiType.PERSON, PiiType.STREET_ADDRESS, PiiType.US_SSN)
        .containsEntry(PiiType.EMAIL, new TypeScore(4, 2, 2, 0, 2))
        .containsEntry(PiiType.PHONE, new TypeScore(1, 1, 0, 1, 1))
        .containsEntry(PiiType.PERSON, new TypeScore(2, 0, 0, 0, 2))
        .containsEntry(PiiType.STREET_ADDRESS, new TypeScore(0, 1, 0, 1, 0))
        .containsEntry(PiiType.US_SSN, new TypeScore(0, 1, 0, 1, 0));

    TypeScore email = report.byType().get(PiiType.EMAIL);
    assertThat(email.precision()).isEqualTo(1.0);
    assertThat(email.recall()).isEqualTo(0.5);
    // F2 = 5PR / (4P + R) = 2.5 / 4.5
    assertThat(email.f2()).isCloseTo(5.0 / 9, within(1e-12));

    TypeScore phone = report.byType().get(PiiType.PHONE);
    assertThat(phone.precision()).isZero();
    assertThat(phone.recall()).isZero();
    assertThat(phone.f2()).isZero();

    TypeScore person = report.byType().get(PiiType.PERSON);
    assertThat(person.precision()).as("nothing predicted").isNaN();
    assertThat(person.recall()).isZero();
    assertThat(person.f2()).isNaN();
    assertThat(report.byType().get(PiiType.US_SSN).recall()).as("nothing labelled").isNaN();

    assertThat(report.ignoredPredictions()).isEqualTo(1);
    assertThat(report.texts()).isEqualTo(2);
    assertThat(report.characters()).isEqualTo(160);
    assertThat(report.failedTexts()).isZero();
  }

  @Test
  void typeAgnosticScoreCountsAMistypedFindingAsFound() {
    Evaluation evaluation = new Evaluation(detector(), 0.5, 0);
    evaluation.add(text1());
    evaluation.add(text2());
    // Found: the short email, the person found as an address, the email of text 2.
    // Missed: the phone (IoU 0.8), the second person, two emails of text 2.
    // False: the phone prediction and the SSN. The secret over the organisation is not scored.
    TypeScore any = evaluation.report().anyType();
    assertThat(any).isEqualTo(new TypeScore(7, 5, 3, 2, 4));
    assertThat(any.precision()).isEqualTo(0.6);
    assertThat(any.recall()).isEqualTo(3.0 / 7);
    double p = 0.6;
    double r = 3.0 / 7;
    assertThat(any.f2()).isCloseTo(5 * p * r / (4 * p + r), within(1e-12));
  }

  @Test
  void findingsBelowTheMinimumScoreAreNotPredictions() {
    Evaluation evaluation = new Evaluation(detector(), 0.95, 0);
    evaluation.add(text1());
    evaluation.add(text2());
    TypeScore any = evaluation.report().anyType();
    assertThat(any.predicted()).isZero();
    assertThat(any.falseNegatives()).isEqualTo(7);
  }

  @Test
  void keepsTheAskedNumberOfErrorsPerTypeWithContext() {
    Evaluation evaluation = new Evaluation(detector(), 0.5, 1);
    evaluation.add(text1());
    evaluation.add(text2());
    List<ErrorExample> errors = evaluation.report().errors();
    // One miss per type (EMAIL, PHONE, PERSON) and one false positive per type (PHONE,
    // STREET_ADDRESS, US_SSN), in type order, misses first.
    assertThat(errors)
        .extracting(e -> e.type() + " " + e.kind())
        .containsExactly(
            "PERSON MISS",
            "EMAIL MISS",
            "PHONE MISS",
            "PHONE FALSE_POSITIVE",
            "US_SSN FALSE_POSITIVE",
            "STREET_ADDRESS FALSE_POSITIVE");
    ErrorExample phoneMiss = errors.get(2);
    assertThat(phoneMiss.nearest()).isEqualTo("PHONE [30, 38) IoU 0.80 phone.a");
    assertThat(phoneMiss.context())
        .isEqualTo("x".repeat(30) + "[[" + "x".repeat(10) + "]]" + "x".repeat(40) + "…");
    ErrorExample personMiss = errors.get(0);
    assertThat(personMiss.id()).isEqualTo("sample 1");
    assertThat(personMiss.start()).isEqualTo(50);
    assertThat(personMiss.nearest()).startsWith("STREET_ADDRESS [50, 60) IoU 1.00");
    assertThat(errors.get(5).rule()).isEqualTo("address.a");
    assertThat(errors.get(5).nearest()).startsWith("PERSON [50, 60)");
  }

  @Test
  void aTextTheDetectorFailsOnCountsAsNothingFound() {
    Detector broken =
        (text, out) -> {
          throw new IllegalStateException("bug");
        };
    Evaluation evaluation =
        new Evaluation(new PiiDetector(List.of(broken), 10_000_000_000L, 0), 0.5, 0);
    evaluation.add(text2());
    EvaluationReport report = evaluation.report();
    assertThat(report.failedTexts()).isEqualTo(1);
    assertThat(report.byType().get(PiiType.EMAIL)).isEqualTo(new TypeScore(3, 0, 0, 0, 3));
  }

  @Test
  void contextIsOneLineAndMarksTheSpan() {
    assertThat(Evaluation.context("call\nme at 555-0100\u001b[31m now", 11, 19))
        .isEqualTo("call⏎me at [[555-0100]] [31m now");
  }
}
