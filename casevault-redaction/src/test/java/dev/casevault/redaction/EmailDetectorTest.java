package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailDetectorTest {
  private static final PiiDetector DETECTOR =
      new PiiDetector(List.of(new EmailDetector()), 2_000_000_000L, 2_000L);

  /** The values found, in order. */
  static List<String> found(String text) {
    return DETECTOR.detect(text).stream()
        .peek(f -> assertThat(f.type()).isEqualTo(PiiType.EMAIL))
        .map(f -> text.substring(f.start(), f.end()))
        .toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Contact jane.doe@contoso.com today.|jane.doe@contoso.com",
        "mailto:jane@contoso.fr|jane@contoso.fr",
        "<j_doe+support@mail.contoso.co.uk>|j_doe+support@mail.contoso.co.uk",
        "Écrivez à héloïse.dupont@exemple.fr.|héloïse.dupont@exemple.fr",
        "PeterFriedman@cuvox.de?|PeterFriedman@cuvox.de",
        "studio: mia@atelier.photography|mia@atelier.photography",
        "jane dot doe at gmail dot com|jane dot doe at gmail dot com",
        "reply to jane[at]contoso[dot]com please|jane[at]contoso[dot]com",
        "jane (at) contoso (dot) co (dot) uk|jane (at) contoso (dot) co (dot) uk",
        "jane{at}contoso{dot}de|jane{at}contoso{dot}de",
        "mail me: jane [at] contoso [dot] com|jane [at] contoso [dot] com",
        "You can reach me at jane @contoso com.|jane @contoso com",
        "write to jane @ contoso . com now|jane @ contoso . com",
        "JANE.DOE AT CONTOSO DOT COM|JANE.DOE AT CONTOSO DOT COM",
        "bryan.bailey AT aol DOT com|bryan.bailey AT aol DOT com",
        "Please reply to jdoe84 at gmail.com, thanks|jdoe84 at gmail.com",
        "mon mail : jean point dupont arobase orange point fr|"
            + "jean point dupont arobase orange point fr",
        "jean.dupont arobase orange.fr|jean.dupont arobase orange.fr",
        "Merci de répondre à anna_vitale @tiscali it, merci|anna_vitale @tiscali it",
        "marie-pierre @cave-vignerons fr|marie-pierre @cave-vignerons fr",
        "Contact: support at contoso dot com|support at contoso dot com",
      })
  void findsAddresses(String text, String expected) {
    assertThat(found(text)).containsExactly(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "meet me at home dot",
        "I'm at the office until five",
        "I'm at home.com",
        "Please look at google.com for details",
        "I work at contoso.com since May",
        "thanks @john see you",
        "@mention alone",
        "ping user@localhost",
        "a@b@c.com",
        "the file is at /var/log",
        "merci @jean on se voit demain",
        "Bonjour @Marie de la compta",
        "password: Cheval2006@ to log in",
        "sftp://admin:Winter2019@nas.contoso.com/backups/",
        "ssh://git@github.com/org/repo.git",
        "price @ 20 dot 5",
        "We meet At contoso dot com",
        "jane at contoso dot notatld",
        "x@y.c0m",
        "He is at microsoft dot com now",
        "Tickets at eventbrite.com",
        "get the app: download at contoso.com/app",
      })
  void ignoresNearMisses(String text) {
    assertThat(found(text)).isEmpty();
  }

  @Test
  void exactSpanAndScores() {
    String text = "a jane.doe@contoso.com b jane @contoso com";
    List<Finding> findings = DETECTOR.detect(text);
    assertThat(findings).hasSize(2);
    assertThat(findings.get(0).start()).isEqualTo(2);
    assertThat(findings.get(0).end()).isEqualTo(22);
    assertThat(findings.get(0).score()).isEqualTo(0.99);
    assertThat(findings.get(1).score()).isBetween(0.5, 0.95);
  }

  @Test
  void badInputFinishesQuickly() {
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder junk = new StringBuilder(10_000_000);
    for (int i = 0; i < 10_000_000; i++) {
      junk.append((char) random.nextInt(0x10000));
    }
    List<String> inputs =
        List.of(
            "@".repeat(50_000),
            "at ".repeat(100_000),
            "jane at ".repeat(100_000),
            "at dot ".repeat(100_000),
            "a@".repeat(100_000),
            "jane@" + "b.".repeat(100_000),
            "x".repeat(1_000_000) + "@contoso.com",
            "\uD800@\uDC00.com \uDC00jane@contoso.com\uD800",
            junk.toString());
    // Each input is a few MB at most; linear work takes milliseconds, quadratic would take hours.
    for (String input : inputs) {
      assertTimeoutPreemptively(Duration.ofMillis(1500), () -> found(input));
    }
    assertThat(found("\uDC00jane@contoso.com\uD800")).containsExactly("jane@contoso.com");
  }
}
