package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The number detectors finish quickly on hostile input and find nothing in it. */
class DigitRunsBadInputTest {
  private static final List<Detector> DETECTORS =
      List.of(
          new PhoneDetector(),
          new PaymentDetector(),
          new NationalIdDetector(),
          new DateOfBirthDetector());

  private static List<Finding> detectWithin(String text, Duration limit) {
    List<Finding> out = new ArrayList<>();
    long start = System.nanoTime();
    // A real budget: a detector that loops too long throws instead of hanging the test.
    ScanText scan = ScanText.of(text, limit.toNanos());
    for (Detector detector : DETECTORS) {
      detector.detect(scan, out);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(limit);
    return out;
  }

  @Test
  void aHundredThousandDigitRun() {
    assertThat(detectWithin("Tel 4" + "1".repeat(100_000), Duration.ofSeconds(2))).isEmpty();
  }

  @Test
  void tenMegabytesOfSpacedDigits() {
    StringBuilder text = new StringBuilder(10_000_000);
    for (int i = 0; text.length() < 10_000_000; i++) {
      text.append(i % 10).append(' ');
    }
    assertThat(detectWithin(text.toString(), Duration.ofSeconds(10))).isEmpty();
  }

  @Test
  void repeatedPhoneLikeGroupsAreBoundedPerCandidate() {
    String text = "06 12 34 56 78 ".repeat(30_000);
    List<Finding> out = detectWithin(text, Duration.ofSeconds(10));
    assertThat(out).isNotEmpty().allSatisfy(f -> assertThat(f.length()).isLessThanOrEqualTo(26));
  }

  @Test
  void binaryJunkAndLoneSurrogates() {
    SplittableRandom random = new SplittableRandom(7);
    char[] junk = new char[1_000_000];
    for (int i = 0; i < junk.length; i++) {
      junk[i] = (char) random.nextInt(0x10000);
    }
    detectWithin(new String(junk), Duration.ofSeconds(5));
    String surrogates = "DOB \ud800 12/\udc00/1980 +33\ud83d 6 12 34 56 78\udfff 4111\ud800";
    List<Finding> out = detectWithin(surrogates.repeat(10_000), Duration.ofSeconds(5));
    assertThat(out).allSatisfy(f -> assertThat(f.type()).isEqualTo(PiiType.PHONE));
  }

  @Test
  void repeatedBirthWordsWithoutDates() {
    assertThat(detectWithin("born DOB née ".repeat(200_000), Duration.ofSeconds(5))).isEmpty();
  }
}
