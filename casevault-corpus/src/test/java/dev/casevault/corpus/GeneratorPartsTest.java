package dev.casevault.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.Language;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The number generators on their own, over every country and layout the corpus may draw. */
class GeneratorPartsTest {
  private final SplittableRandom random = new SplittableRandom(99);

  @Test
  void everyIbanCountryHasItsLengthAndAValidCheck() {
    for (String country : Checks.IBAN_LENGTHS.keySet()) {
      for (int i = 0; i < 500; i++) {
        String iban = Payments.iban(country, random);
        assertThat(Checks.ibanValid(iban)).as(iban).isTrue();
        assertThat(iban).startsWith(country);
      }
    }
  }

  @Test
  void validatorsAndGeneratorsAgreeWithPublishedExamples() {
    assertThat(Checks.luhn("4111111111111111")).isTrue();
    assertThat(Checks.luhn("4111111111111112")).isFalse();
    assertThat(Payments.luhnDigit("411111111111111")).isEqualTo(1);
    assertThat(Checks.ibanValid("GB82 WEST 1234 5698 7654 32")).isTrue();
    assertThat(Checks.ibanValid("GB83 WEST 1234 5698 7654 32")).isFalse();
    assertThat(Checks.ibanValid("FR14 2004 1010 0505 0001 3M02 606")).isTrue();
    assertThat(98 - Payments.mod97("WEST12345698765432GB00")).isEqualTo(82);
    assertThat(Checks.nirValid("2 55 08 14 168 025 38")).isTrue();
    assertThat(Checks.nirValid("2 55 08 14 168 025 39")).isFalse();
    assertThat(NationalIds.nirKey("2550814168025")).isEqualTo(38);
    assertThat(Checks.ninoValid("AB 12 34 56 C")).isTrue();
    // HMRC's own placeholder uses Q, a letter never issued.
    assertThat(Checks.ninoValid("QQ 12 34 56 C")).isFalse();
    assertThat(Checks.ninoValid("GB 12 34 56 C")).isFalse();
  }

  @Test
  void frenchAndBelgianIbansCarryValidNationalChecks() {
    for (int i = 0; i < 500; i++) {
      String fr = Payments.iban("FR", random).replace(" ", "");
      long bank = Long.parseLong(fr.substring(4, 9));
      long branch = Long.parseLong(fr.substring(9, 14));
      long account = Long.parseLong(fr.substring(14, 25));
      assertThat(Integer.parseInt(fr.substring(25)))
          .as("RIB key of %s", fr)
          .isEqualTo(97 - (int) ((89 * bank + 15 * branch + 3 * account) % 97));
      String be = Payments.iban("BE", random).replace(" ", "");
      long check = Long.parseLong(be.substring(4, 14)) % 97;
      assertThat(Integer.parseInt(be.substring(14))).as(be).isEqualTo(check == 0 ? 97 : check);
    }
  }

  @Test
  void everyCardPassesLuhnAndHasItsBrandsLength() {
    Set<Integer> lengths = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      String digits = Checks.digitsOnly(Payments.card(random));
      assertThat(Checks.luhn(digits)).as(digits).isTrue();
      assertThat(digits.length())
          .isEqualTo(digits.startsWith("34") || digits.startsWith("37") ? 15 : 16);
      lengths.add(digits.length());
    }
    assertThat(lengths).containsExactlyInAnyOrder(15, 16);
  }

  @Test
  void nirKeysAreValidIncludingCorsica() {
    Set<String> departments = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      LocalDate birth = LocalDate.ofEpochDay(random.nextLong(-10_000, 11_000));
      String nir = NationalIds.nir(random.nextBoolean(), birth, random);
      assertThat(Checks.nirValid(nir)).as(nir).isTrue();
      departments.add(nir.replace(" ", "").substring(5, 7));
    }
    assertThat(departments).contains("2A", "2B", "99");
  }

  @Test
  void ninosAndSsnsFollowTheirRules() {
    for (int i = 0; i < 5000; i++) {
      String nino = NationalIds.nino(random);
      assertThat(Checks.ninoValid(nino)).as(nino).isTrue();
      String ssn = NationalIds.ssn(random);
      assertThat(Checks.ssnValid(ssn)).as(ssn).isTrue();
    }
  }

  @Test
  void phoneNumbersHaveTheirCountrysShape() {
    for (Country country : Country.values()) {
      for (int i = 0; i < 300; i++) {
        Phones.Phone phone = Phones.random(country, random.nextBoolean(), random);
        String written = Phones.format(phone, random);
        String digits = written.replaceAll("\\D", "");
        assertThat(digits)
            .as("%s %s", country, written)
            .endsWith(phone.nsn().substring(phone.nsn().length() - 4));
        assertThat(Phones.e164(phone)).matches("\\+\\d{10,13}");
        if (country == Country.US || country == Country.CA) {
          assertThat(phone.nsn()).matches("[2-9]\\d{2}[2-9]\\d{6}");
        }
        if (country == Country.FR) {
          assertThat(phone.nsn()).matches("[1-79]\\d{8}");
        }
      }
    }
  }

  @Test
  void obfuscatedAddressesHideTheAtSign() {
    for (int i = 0; i < 200; i++) {
      String obfuscated = Emails.obfuscate("jane.doe@orange.fr", Language.FR, random);
      assertThat(obfuscated).doesNotContain("jane.doe@orange.fr").contains("jane");
    }
  }

  @Test
  void ipAddressesArePublic() {
    for (int i = 0; i < 2000; i++) {
      String[] octets = Network.ipv4(random).split("\\.");
      assertThat(octets).hasSize(4);
      int a = Integer.parseInt(octets[0]);
      assertThat(a).isNotIn(0, 10, 127).isLessThan(224);
      assertThat(Network.ipv6(random)).matches("[0-9a-f:]+").contains(":");
    }
  }

  @Test
  void templatesParseSlotsChoicesAndEscapes() {
    Template template = Template.parse("Hi {first}, <a|b\\|c> \\{x\\}~!");
    StringBuilder filled = new StringBuilder();
    TextBuffer out = new TextBuffer();
    template.render(
        new Template.Renderer() {
          @Override
          public void fill(Slot slot, TextBuffer buffer) {
            filled.append(slot);
            buffer.append(slot == Slot.FRENCH_SPACE ? " " : "Jane");
          }

          @Override
          public int choose(int options) {
            return options - 1;
          }
        },
        out);
    assertThat(out.finish("subject", new java.util.ArrayList<>())).isEqualTo("Hi Jane, b|c {x} !");
    assertThat(filled.toString()).isEqualTo("FIRSTFRENCH_SPACE");
    assertThat(template.endsSentence()).isTrue();
    assertThat(Template.parse("IBAN: {iban}").endsSentence()).isFalse();
    assertThatThrownBy(() -> Template.parse("{nope}")).hasMessageContaining("unknown slot");
    assertThatThrownBy(() -> Template.parse("<a|b")).hasMessageContaining("unclosed");
    assertThatThrownBy(() -> Template.parse("a|b")).hasMessageContaining("unexpected");
  }
}
