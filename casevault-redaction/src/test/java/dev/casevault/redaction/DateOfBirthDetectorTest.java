package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateOfBirthDetectorTest {
  private static final DateOfBirthDetector DETECTOR = new DateOfBirthDetector();

  static List<String> found(String text) {
    List<Finding> out = new ArrayList<>();
    DETECTOR.detect(ScanText.unbounded(text), out);
    return out.stream().map(f -> text.substring(f.start(), f.end())).toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DOB: 02/05/1977|02/05/1977",
        "I was born on 12/18/1990, thanks|12/18/1990",
        "Date of birth 1963-12-21.|1963-12-21",
        "Geboren am 05.04.1963|05.04.1963",
        "Date de naissance : 17 décembre 1983|17 décembre 1983",
        "For verification, I was born on December 18, 1990.|December 18, 1990",
        "Passed verification (DOB 24 Jun 1961).|24 Jun 1961",
        "je suis née le 1er mars 1975|1er mars 1975",
        "d.o.b. 8/2/81|8/2/81",
        "la mauvaise date de naissance ; la bonne est le 11.09.1974.|11.09.1974"
      })
  void findsTheDateAfterABirthWord(String text, String date) {
    assertThat(found(text)).containsExactly(date);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Mon MacBook ne fonctionne plus depuis le 21/07/2009.",
        "Order placed on December 18, 1990 and shipped 1991-01-02",
        "Date of birth: 31/02/1977", // no 31 February
        "DOB 1850-01-01", // not a plausible birth year
        "Born to run. The outage started 12/03/2020.", // the date is in another sentence
        "Birthday party on 13/13/1990",
        "DOB on account: 1.22.4.5"
      })
  void leavesOtherDatesAlone(String text) {
    assertThat(found(text)).isEmpty();
  }
}
