package dev.casevault.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CaseLimitsTest {
  @Test
  void defaults() {
    assertThat(CaseLimits.defaults())
        .isEqualTo(new CaseLimits(1_048_576, 1_000, 262_144, 256, 64, 10_000, 1_000));
  }

  @Test
  void withMaxCaseBytesChangesOnlyTheLineLimit() {
    assertThat(CaseLimits.defaults().withMaxCaseBytes(4096))
        .isEqualTo(new CaseLimits(4096, 1_000, 262_144, 256, 64, 10_000, 1_000));
  }

  @Test
  void everyLimitMustBePositive() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CaseLimits.defaults().withMaxCaseBytes(0))
        .withMessage("maxCaseBytes must be between 1 and 1073741824, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CaseLimits.defaults().withMaxCaseBytes((1 << 30) + 1))
        .withMessage("maxCaseBytes must be between 1 and 1073741824, was 1073741825");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CaseLimits(1, 0, 1, 1, 1, 1, 1))
        .withMessage("maxSubjectChars must be greater than 0, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CaseLimits(1, 1, -1, 1, 1, 1, 1))
        .withMessage("maxTextChars must be greater than 0, was -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CaseLimits(1, 1, 1, 0, 1, 1, 1))
        .withMessage("maxKeywordChars must be greater than 0, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CaseLimits(1, 1, 1, 1, 0, 1, 1))
        .withMessage("maxTags must be greater than 0, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CaseLimits(1, 1, 1, 1, 1, 0, 1))
        .withMessage("maxMessages must be greater than 0, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new CaseLimits(1, 1, 1, 1, 1, 1, 0))
        .withMessage("maxNotes must be greater than 0, was 0");
  }
}
