package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The engine itself: overlap resolution, budgets, failures, and the pre-filter's tokens. */
class PiiDetectorTest {

  @Test
  void overlapsKeepTheHigherScoreThenTheLongerSpan() {
    List<Finding> found =
        List.of(
            new Finding(PiiType.PHONE, 10, 20, 0.6, "a"),
            new Finding(PiiType.CREDIT_CARD, 8, 27, 0.95, "b"),
            new Finding(PiiType.PERSON, 0, 5, 0.7, "c"),
            new Finding(PiiType.STREET_ADDRESS, 0, 7, 0.7, "d"),
            new Finding(PiiType.EMAIL, 30, 40, 0.9, "e"));
    assertThat(PiiDetector.resolve(found, 50))
        .extracting(Finding::rule)
        .containsExactly("d", "b", "e");
  }

  @Test
  void findingsOutsideTheTextAreADetectorFailure() {
    Detector wrong = (text, out) -> out.add(new Finding(PiiType.EMAIL, 0, 99, 0.9, "wrong"));
    PiiDetector engine = new PiiDetector(List.of(wrong), 1_000_000_000L, 0);
    assertThatThrownBy(() -> engine.detect("short")).isInstanceOf(DetectionFailedException.class);
  }

  @Test
  void stackOverflowInADetectorIsAFailureNotACrash() {
    Detector deep =
        new Detector() {
          @Override
          public void detect(ScanText text, List<Finding> out) {
            detect(text, out);
          }
        };
    PiiDetector engine = new PiiDetector(List.of(deep), 1_000_000_000L, 0);
    assertThatThrownBy(() -> engine.detect("x"))
        .isInstanceOf(DetectionFailedException.class)
        .hasMessageContaining("StackOverflowError");
  }

  @Test
  void theScanLooksTokensUpOnceAsAGazetteerWould() {
    String text = "Élodie MÜLLER née le 3 mai, ǅemal ne sait pas: PASSWORD=x, tél 06 12";
    ScanText scan = ScanText.unbounded(text);
    Gazetteer names = Gazetteer.of(List.of("elodie", "muller", "džemal", "pas"));
    for (int t = 0; t < scan.tokenCount(); t++) {
      assertThat(names.flags(scan, t))
          .as(scan.token(t))
          .isEqualTo(names.flags(text, scan.start(t), scan.end(t)));
    }
    assertThat(names.contains(text, 0, 6)).isTrue();
    assertThat(scan.keywords(2) & Keywords.BIRTH).isNotZero(); // née
    assertThat(scan.keywords(7) & Keywords.BIRTH).isNotZero(); // ne: the flag ignores accents
    assertThat(scan.keywords(10) & Keywords.SECRET_LABEL).isNotZero();
    assertThat(scan.keywords(12) & Keywords.PHONE_CONTEXT).isNotZero();
    assertThat(scan.isCapitalised(6)).isTrue(); // a title-case first letter
    assertThat(scan.isAllLower(6)).isFalse();
    assertThat(scan.isAllLower(7)).isTrue();
  }

  @Test
  void tokensHaveTheirShapes() {
    ScanText scan = ScanText.unbounded("Jane DOE paid 42€ to FR76 at jane@x.io via https://a");
    assertThat(scan.tokenCount()).isEqualTo(13);
    assertThat(scan.token(0)).isEqualTo("Jane");
    assertThat(scan.isCapitalised(0)).isTrue();
    assertThat(scan.isAllUpper(1)).isTrue();
    assertThat(scan.isAllLower(2)).isTrue();
    assertThat(scan.isDigits(3)).isTrue();
    assertThat(scan.isMixed(5)).isTrue();
    assertThat(scan.tokenIs(6, "at")).isTrue();
    assertThat(scan.atSignCount()).isEqualTo(1);
    assertThat(scan.atSign(0)).isEqualTo(scan.end(7));
    assertThat(scan.schemeSeparatorCount()).isEqualTo(1);
    assertThat(scan.tokenAtOrAfter(scan.start(5) + 1)).isEqualTo(5);
    assertThat(scan.charAt(-1)).isEqualTo('\0');
  }

  @Test
  void surrogatesSeparateTokensAndNeverBreakTheScan() {
    ScanText scan = ScanText.unbounded("ab\uD800cd\uDC00\uD83D\uDE00ef");
    assertThat(scan.tokenCount()).isEqualTo(3);
  }

  /** The standard engine finishes hostile input quickly with a clear outcome. */
  @Test
  void hostileInputFinishesInBoundedTime() {
    PiiDetector engine = PiiDetector.standard();
    Random random = new Random(42);
    byte[] junk = new byte[2_000_000];
    random.nextBytes(junk);
    StringBuilder binary = new StringBuilder();
    for (byte b : junk) {
      binary.append((char) (b & 0xff));
    }
    List<String> inputs =
        List.of(
            binary.toString(),
            "@".repeat(50_000),
            "1".repeat(100_000),
            "at ".repeat(100_000),
            "dot ".repeat(100_000),
            "[at] [dot] ".repeat(50_000),
            "\uD800".repeat(100_000),
            "Aaa Bbb ".repeat(200_000),
            "Mr ".repeat(100_000),
            "1 2 3 4 ".repeat(200_000),
            "password: ".repeat(50_000),
            "a@b.".repeat(50_000));
    for (String input : inputs) {
      long start = System.nanoTime();
      try {
        engine.detect(input);
      } catch (DetectionTimeoutException timedOut) {
        // A clear outcome too: the case would be quarantined.
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis)
          .as("input starting %s", input.substring(0, 8).replaceAll("[^ -~]", "?"))
          .isLessThan(
              PiiDetector.BASE_BUDGET_NANOS / 1_000_000 + input.length() * 2L / 1000 + 2000);
    }
  }

  @Test
  void aTenMegabyteFieldIsExaminedWithinItsBudget() {
    String sentence = "The printer on floor 3 stopped after update 10.0.19045, ticket 55231. ";
    String big = sentence.repeat(10_000_000 / sentence.length());
    List<Finding> found = PiiDetector.standard().detect(big);
    assertThat(found).allSatisfy(f -> assertThat(f.end()).isLessThanOrEqualTo(big.length()));
  }
}
