package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreetAddressDetectorTest {
  private final StreetAddressDetector detector = new StreetAddressDetector();

  private List<String> addresses(String text) {
    List<Finding> found = new ArrayList<>();
    detector.detect(ScanText.unbounded(text), found);
    return found.stream().map(f -> text.substring(f.start(), f.end())).toList();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Ship it to [2249 Peachtree St NE, Apt 16, Phoenix, AZ 85019] please.",
        "I live at [18 Meadow Lane, Madison, WI 53720].",
        "Office: [7 Broadway], second floor.",
        "Address: [221 Baker Street, London NW1 6XE]",
        "New address: [Flat 14, 26 Victoria Road, Oxford OX4 4XZ].",
        "Send to [6 Main Street, Unit 19, Ottawa, ON K1S 9C5].",
        "Envoyez à [3285 rue Sherbrooke, Montréal (Québec) H2X 1Y4].",
        "J'habite [47 rue de la République, 78000 Versailles].",
        "Adresse : [178 rue du 8 Mai 1945, 67100 Strasbourg]",
        "Chez [12 bis avenue Foch, 75116 Paris] depuis mars.",
        "Nouvelle adresse : [Rue Saint-Gilles 114, 4020 Liège].",
        "Ich wohne in der [Bahnhofstraße 33, 10115 Berlin].",
        "Lieferung an [Schillerstraße 34, 60419 Frankfurt am Main].",
        "Spedire a [Corso Italia 46, 00189 Roma].",
        "Enviar a [Calle Mayor 5, 2º A, 28013 Madrid].",
        "Billing address: [Lindenallee 53]",
      })
  void findsAddresses(String marked) {
    int start = marked.indexOf('[');
    int end = marked.indexOf(']');
    String text = marked.replace("[", "").replace("]", "");
    assertThat(addresses(text)).containsExactly(marked.substring(start + 1, end));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I own 5 Street Fighter games.",
        "Il habite à 3 rue de là, mais bon.",
        "Order 12 Google Drive licences for 3 users.",
        "It costs 45 Euros per month.",
        "Version 2 Way Forward is out.",
        "We waited 20 Minutes on the phone.",
      })
  void ignoresBait(String text) {
    assertThat(addresses(text)).isEmpty();
  }

  @Test
  void badInputFinishesFast() {
    String digits = "1".repeat(100_000);
    String streets = "12 Rue ".repeat(200_000);
    String numbered = "Street 5 Street 5 Avenue 7 ".repeat(100_000);
    String surrogates = "\uD800 12 Main \uDC00Street ".repeat(50_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (String text : List.of(digits, streets, numbered, surrogates)) {
            List<Finding> found = new ArrayList<>();
            detector.detect(ScanText.unbounded(text), found);
          }
        });
  }
}
