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

  /** Address blocks: the street line then its unit, town, region, postal code and country. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        // Unit, town and country on their own lines.
        "Please ship to:\n[3684 Court Street\n Suite 710\n Maryland Heights\n Ethiopia]\nThanks",
        "[320 St Marys Rd\n Apt. 389\n Winnipeg\n Canada R3C 4A5]",
        // On one line, with commas.
        "Send it to [96 Hausergasse 59 Apt. 787, Colle Di Tora, El Salvador 25900] please.",
        "Send it to [12 Elm Street, Apt 4, Springfield, IL 62704].",
        // Number, name, number: only with a block after it.
        "Address: [37 Melum 50\n Apt. 241\n Finnbogastaðir\n Spain 96857]",
        "She lives at [59 Metsanurga 48, Vadsa]",
        "[92 Eusebio Dávila 57\nPYRGA\n, LA\n 56139]",
        // Lower case.
        "send it to [19 pierre delannoyplaats 211 apt. 098 erwetegem united states] asap",
        // Quoted or listed lines.
        "> [41 Via dalla Staziun 87\n> Apt. 033\n> Dozwil\n> Mongolia 34161]",
        // French.
        "Nouvelle adresse : [15 rue Victor Hugo, Bât. B, 69003 Lyon, France].",
        "Livrer au [8 avenue Jean Jaurès\n Appt 12\n Toulouse\n France 31000] merci.",
        "Mon adresse : [Rue du Centre 108, Masnuy-Saint-Pierre, Belgique]",
        "Envoyez à [BP 45, 75008 Paris] svp.",
        // Number after the street name.
        "Lieferung an [Hausergasse 59, 1010 Wien].",
        "Adresa: [Truhlářská 996, 11000 Praha]",
        "Ship to [55 ul. Podleśna 17, Katowice]",
        "Ship to [Västerviksgatan 2\n Suite 052\n Morjärv\n Sweden]",
        // PO boxes, military posts, ZIP after its keyword.
        "Mail: [P.O. Box 178, Springfield, IL 62704]",
        "Mail to [PSC 4665, Box 2778\nAPO AE 80338] today.",
        "Mail to [USNS Márquez\nFPO AP 08653] today.",
        "My zip code is [35649].",
        // Street corners.
        "Meet me at [the corner of 149 William Street and Maple Avenue] tonight.",
        "Ship to [10 The Crescent, Leeds LS8 5DW].",
        "Ship to [Am Markt 22, 81753 München].",
        "Shipped to [38 The Crescent].",
        "Write to [51 Franklin St, Fifth Floor, Boston, MA 02110-1301, USA].",
        "Lieferung an [Karl-Marx-Straße 5, 10243 Berlin].",
        "j'habite au [12 rue de la paix, 75002 paris]",
        "Adresse : [Paul-Nevermann-Platz 47]",
        // A street without a type or a second number, right before its unit.
        "[291 Adelianos Kambos\n Suite 477\n Larnaka\n Cyprus]",
        "[38 124 N. Stadion Suite 056 Larnaka Larnaca]",
        // Abbreviations, capitals, lower-case codes, floors.
        "[51 1819 St. John Street\n>Apt. 327\n>Archerwill\n>Canada]",
        "Mail [92 C/ Manuel Iradier 77, 01005 Vitoria].",
        "[70 95 Dora Creek Apt. 604 THE CHANNON NSW] for this card",
        "[65 Alt Reinickendorf 86\nCandeias\n, qld\n 57006]",
        "Livraison : [12 rue de la Paix, 3e étage, 75002 Paris].",
        "[95 Bem rkp. 97. Suite 446, Poznań, Bolivia 28327]. I moved.",
        "the office is at [21 114 rue sidi apt. 789, valverde de valdelacasa, swaziland 14385]",
        "[apt. 731 96 törneby 2\ngualöv se 27660]",
      })
  void findsAddressBlocks(String marked) {
    findsAddresses(marked);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version 2 of the app",
        "Order 12345 shipped to Paris",
        "Room 4 at 10 am",
        "We have 3 Printers 2 Scanners in stock.",
        "Upgrade 3 Windows 10, then reboot.",
        "Commande 12345 expédiée à Paris le 3 mars.",
        "On 12 March 2024 we shipped 3 units.",
        "Batch 12 Items 30\nThanks,\nJohn",
        "Call 5 Main 4\nJohn Smith\nACME",
        "the corner of my desk and the wall",
        "ZIP code is required",
        "version 10 Build 19045, 20220 Edition",
        "I own 3 The Way games and more.",
        "Am Montag 5 Leute.",
        "We had 12 Tickets\n Suite 4 is broken",
        "Il y a 3 étages dans 2 bâtiments.",
        "Voir la Partie 2 du guide, Sortie 3 puis Chapitre 4.",
        "See Part-Time 5 and Jean-Pierre 3.",
        "i have 2 rue cards, then 3 more",
        "il habite au 3 rue de là, mais bon",
        "I ordered 2 MacBook Pro 14, 2023 model, and 3 Dell XPS 13, Berlin office.",
      })
  void ignoresBlockBait(String text) {
    assertThat(addresses(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // A name or a company on the next line is not the town.
        "Ship to [12 Elm Street]\nJohn Smith\nACME Corp",
        // Sentence punctuation ends the block.
        "I live at [18 Meadow Lane]. Paris is far.",
        // A lower-case word ends it.
        "I live at [18 Meadow Lane] and Paris is far.",
        // A dot then a capitalised word is the next sentence.
        "My new address is [11 Granville Street, Unit 9]. The verification fails.",
        // A phone number on the next line is not a postal code.
        "[49 Nassaustraat 123\nOrmiston, NZ 04293]\n0479 50 54 03 office",
      })
  void stopsTheBlock(String marked) {
    findsAddresses(marked);
  }

  @Test
  void badInputFinishesFast() {
    String digits = "1".repeat(100_000);
    String streets = "12 Rue ".repeat(200_000);
    String numbered = "Street 5 Street 5 Avenue 7 ".repeat(100_000);
    String surrogates = "\uD800 12 Main \uDC00Street ".repeat(50_000);
    String blocks = "12 Main Street\n Apt. 4\n Paris\n".repeat(50_000);
    String generic = "12 Abc 34\n".repeat(100_000);
    String corners = "corner of A and B and ".repeat(100_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          for (String text :
              List.of(digits, streets, numbered, surrogates, blocks, generic, corners)) {
            List<Finding> found = new ArrayList<>();
            detector.detect(ScanText.unbounded(text), found);
          }
        });
  }
}
