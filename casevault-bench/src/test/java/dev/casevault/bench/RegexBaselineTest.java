package dev.casevault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The baseline must find what its javadoc claims, or the benchmark compares against nothing. */
class RegexBaselineTest {
  private final RegexBaseline patterns = RegexBaseline.patterns();
  private final RegexBaseline whole = RegexBaseline.withNames();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "EMAIL           | Write to jane.doe@example.com please. | jane.doe@example.com",
        "EMAIL           | it is jane dot doe at gmail dot com ok  | jane dot doe at gmail dot com",
        "EMAIL           | mail jane[at]contoso[dot]com today     | jane[at]contoso[dot]com",
        "EMAIL           | écrire à jean.dupont arobase orange point fr merci | jean.dupont arobase orange point fr",
        "IP_ADDRESS      | the host 192.168.1.20 is down          | 192.168.1.20",
        "IP_ADDRESS      | from 2001:db8::8a2e:370:7334 today     | 2001:db8::8a2e:370:7334",
        "URL_CREDENTIALS | use ftp://admin:Secret123@files.example.com/scans now | ftp://admin:Secret123@files.example.com",
        "SECRET          | key AKIAIOSFODNN7EXAMPLE leaked        | AKIAIOSFODNN7EXAMPLE",
        "SECRET          | token ghp_abcdefghijABCDEFGHIJ0123456789abcdef here | ghp_abcdefghijABCDEFGHIJ0123456789abcdef",
        "SECRET          | my password is Soleil1985! thanks      | Soleil1985!",
        "SECRET          | mon mot de passe est Chaton42 merci    | Chaton42",
        "PHONE           | call me on +1 202 456 1111 tomorrow    | +1 202 456 1111",
        "PHONE           | appelez le 06 12 34 56 78 svp          | 06 12 34 56 78",
        "CREDIT_CARD     | card 4111 1111 1111 1111 expired       | 4111 1111 1111 1111",
        "IBAN            | IBAN FR76 3000 6000 0112 3456 7890 189 merci | FR76 3000 6000 0112 3456 7890 189",
        "IBAN            | pay to GB82WEST12345698765432 today    | GB82WEST12345698765432",
        "US_SSN          | my SSN is 123-45-6789 ok               | 123-45-6789",
        "FR_NIR          | sécu 1 85 05 78 006 084 91 merci       | 1 85 05 78 006 084 91",
        "UK_NINO         | NI number AB 12 34 56 C thanks         | AB 12 34 56 C",
        "DATE_OF_BIRTH   | My date of birth is 12/03/1985.        | 12/03/1985",
        "DATE_OF_BIRTH   | je suis née le 3 mars 1985 à Lyon      | 3 mars 1985",
      })
  void findsEachFamily(PiiType type, String text, String value) {
    assertThat(patterns.detect(text))
        .extracting(f -> f.type() + "=" + text.substring(f.start(), f.end()))
        .contains(type + "=" + value);
  }

  @Test
  void rejectsLookAlikes() {
    String text =
        "Version 1.2.3.4.5 shipped; order 4111 1111 1111 1112 (bad checksum); look at it on"
            + " Monday; IBAN FR76 3000 6000 0112 3456 7890 188; NIR 1 85 05 78 006 084 92;"
            + " meeting at 12:30:00.";
    assertThat(patterns.detect(text)).isEmpty();
  }

  @Test
  void namesAndAddressesOnlyWithTheNamePasses() {
    String text = "Hello Jane Smith, please send it to 12 Baker Street or 5 rue de la Paix.";
    List<Finding> found = whole.detect(text);
    assertThat(found)
        .extracting(f -> f.type() + "=" + text.substring(f.start(), f.end()))
        .containsExactly(
            "PERSON=Jane Smith",
            "STREET_ADDRESS=12 Baker Street",
            "STREET_ADDRESS=5 rue de la Paix");
    assertThat(patterns.detect(text)).isEmpty();
  }

  @Test
  void validators() {
    assertThat(RegexBaseline.isCardNumber("4111111111111111")).isTrue();
    assertThat(RegexBaseline.isCardNumber("4111111111111112")).isFalse();
    assertThat(RegexBaseline.isIban("DE89 3704 0044 0532 0130 00")).isTrue();
    assertThat(RegexBaseline.isIban("DE89 3704 0044 0532 0130 01")).isFalse();
    assertThat(RegexBaseline.isNir("2 69 02 99 341 732 85")).isTrue();
    assertThat(RegexBaseline.isNir("2690299341732 84")).isFalse();
  }

  @Test
  void finishesOnHostileInput() {
    String hostile =
        "@".repeat(50_000) + "9".repeat(100_000) + " at".repeat(20_000) + " dot".repeat(20_000);
    long started = System.nanoTime();
    whole.detect(hostile);
    assertThat((System.nanoTime() - started) / 1e9).isLessThan(5.0);
  }
}
