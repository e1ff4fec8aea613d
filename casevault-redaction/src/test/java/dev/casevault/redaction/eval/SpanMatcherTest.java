package dev.casevault.redaction.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanMatcherTest {
  @Test
  void anIouOfExactlyNineTenthsMatchesAndJustBelowDoesNot() {
    assertThat(SpanMatcher.matches(0, 10, 0, 9)).as("9/10").isTrue();
    assertThat(SpanMatcher.matches(0, 20, 2, 20)).as("18/20").isTrue();
    assertThat(SpanMatcher.matches(0, 10, 0, 11)).as("10/11").isTrue();
    assertThat(SpanMatcher.matches(0, 100, 0, 89)).as("89/100").isFalse();
    assertThat(SpanMatcher.matches(0, 20, 3, 20)).as("17/20").isFalse();
    assertThat(SpanMatcher.matches(0, 10, 0, 8)).as("8/10").isFalse();
    assertThat(SpanMatcher.matches(0, 10, 10, 20)).as("adjacent").isFalse();
    assertThat(SpanMatcher.iou(0, 10, 5, 15)).isEqualTo(5.0 / 15);
  }

  private static Finding finding(PiiType type, int start, int end) {
    return new Finding(type, start, end, 0.9, "test");
  }

  @Test
  void aLabelledSpanIsMatchedByOnePredictionOnly() {
    List<GoldSpan> gold = List.of(new GoldSpan(PiiType.EMAIL, 0, 10));
    List<Finding> predicted = List.of(finding(PiiType.EMAIL, 0, 11), finding(PiiType.EMAIL, 0, 10));
    // Both reach the threshold; the better one (IoU 1) gets the span, the other gets nothing.
    assertThat(SpanMatcher.match(gold, predicted, true)).containsExactly(-1, 0);
  }

  @Test
  void aPredictionMatchesOneLabelledSpanOnly() {
    List<GoldSpan> gold =
        List.of(new GoldSpan(PiiType.PERSON, 0, 10), new GoldSpan(PiiType.PERSON, 0, 10));
    assertThat(SpanMatcher.match(gold, List.of(finding(PiiType.PERSON, 0, 10)), true))
        .containsExactly(0);
  }

  @Test
  void matchesAreTakenBestIouFirstNotInListOrder() {
    List<GoldSpan> gold =
        List.of(new GoldSpan(PiiType.PHONE, 0, 100), new GoldSpan(PiiType.PHONE, 5, 100));
    // The first prediction reaches both spans (IoU 0.95 and 1); taking the first span in list
    // order would leave the second prediction without a match.
    List<Finding> predicted =
        List.of(finding(PiiType.PHONE, 5, 100), finding(PiiType.PHONE, 0, 100));
    assertThat(SpanMatcher.match(gold, predicted, true)).containsExactly(1, 0);
  }

  @Test
  void typedMatchingNeedsTheSameTypeAndTypeAgnosticDoesNot() {
    List<GoldSpan> gold = List.of(new GoldSpan(PiiType.PERSON, 0, 10));
    List<Finding> predicted = List.of(finding(PiiType.STREET_ADDRESS, 0, 10));
    assertThat(SpanMatcher.match(gold, predicted, true)).containsExactly(-1);
    assertThat(SpanMatcher.match(gold, predicted, false)).containsExactly(0);
  }
}
