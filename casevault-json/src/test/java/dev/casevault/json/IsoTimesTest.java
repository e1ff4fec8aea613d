package dev.casevault.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoTimesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2019-12-05T10:15:00Z",
        "2019-12-05T10:15:00.1Z",
        "2019-12-05T10:15:00.123+01:00",
        "2019-12-05T10:15:00.123456-05:30",
        "2019-12-05T10:15:00.123456789+18:00",
        "2019-12-05T23:59:59-18:00",
        "2020-02-29T00:00:00Z",
        "2000-02-29T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "2019-12-05T10:15:00-00:00"
      })
  void parsesWhatJavaTimeParses(String text) {
    assertThat(parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2019-12-05",
        "2019-12-05T10:15Z",
        "2019-12-05T10:15:00",
        "2019-12-05 10:15:00Z",
        "2019-12-05t10:15:00Z",
        "2019-12-05T10:15:00z",
        "2019-12-05T10:15:00.Z",
        "2019-12-05T10:15:00.1234567890Z",
        "2019-12-05T10:15:00,123Z",
        "2019-12-05T10:15:00+0100",
        "2019-12-05T10:15:00+01",
        "2019-12-05T10:15:00+01:00:00",
        "2019-12-05T10:15:00+18:01",
        "2019-12-05T10:15:00+19:00",
        "2019-12-05T10:15:00+01:60",
        "2019-12-05T10:15:00 Z",
        "2019-12-05T10:15:00ZZ",
        "2019-00-05T10:15:00Z",
        "2019-13-05T10:15:00Z",
        "2019-12-00T10:15:00Z",
        "2019-12-32T10:15:00Z",
        "2019-02-29T10:15:00Z",
        "1900-02-29T10:15:00Z",
        "2019-04-31T10:15:00Z",
        "2019-12-05T24:00:00Z",
        "2019-12-05T10:60:00Z",
        "2019-12-05T10:15:60Z",
        "+2019-12-05T10:15:00Z",
        "-2019-12-05T10:15:00Z",
        "20191-12-05T10:15:00Z",
        "2019-1-05T10:15:00Z",
        "2019-12-05T1:15:00.0Z",
        "2019/12/05T10:15:00Z",
        "2019-12-05T10-15-00Z",
        "２０１９-12-05T10:15:00Z",
        "2019-12-05T10:15:00.12a3Z"
      })
  void rejectsAnythingElse(String text) {
    assertThat(parse(text)).isNull();
  }

  @Test
  void readsFromTheMiddleOfABuffer() {
    char[] buffer = "xx2019-12-05T10:15:00Zyy".toCharArray();
    assertThat(IsoTimes.parse(buffer, 2, 20)).isEqualTo(Instant.parse("2019-12-05T10:15:00Z"));
  }

  private static Instant parse(String text) {
    return IsoTimes.parse(text.toCharArray(), 0, text.length());
  }
}
