package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.Agent;
import dev.casevault.core.Author;
import dev.casevault.core.CaseId;
import dev.casevault.core.Channel;
import dev.casevault.core.Customer;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.NoteVisibility;
import dev.casevault.core.Status;
import dev.casevault.core.SupportCase;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The redactor's operators, tokens and sealing, driven by a detector that finds fixed words, so
 * that these tests do not depend on the quality of the real detectors.
 */
class RedactorTest {
  private static final Instant AT = Instant.parse("2020-01-01T00:00:00Z");
  private final RedactionKeys keys = RedactionKeys.ephemeral();
  private final Vault vault = Vault.inMemory(keys);

  /** Finds each occurrence of the given words as the given types. */
  static Detector words(Map<String, PiiType> words) {
    return (text, out) -> {
      for (Map.Entry<String, PiiType> word : words.entrySet()) {
        for (int at = text.text().indexOf(word.getKey());
            at >= 0;
            at = text.text().indexOf(word.getKey(), at + 1)) {
          out.add(new Finding(word.getValue(), at, at + word.getKey().length(), 0.9, "test.word"));
        }
      }
    };
  }

  private Redactor redactor(Detector detector, RedactionPolicy policy) {
    return new Redactor(new PiiDetector(List.of(detector), 1_000_000_000L, 0), policy, keys, vault);
  }

  static SupportCase caseWith(String description, Customer customer) {
    return new SupportCase(
        new CaseId("CASE-1"),
        AT,
        AT,
        Status.OPEN,
        "printer",
        Channel.EMAIL,
        Language.EN,
        "EMEA",
        "tier1",
        List.of("vip"),
        customer,
        new Agent("A-1", "Zoe Agent", "zoe@support.example.com"),
        "Subject",
        description,
        List.of(new Message(AT, Author.CUSTOMER, "write to jane@example.com")),
        List.of(new Note(AT, "Zoe Agent", NoteVisibility.INTERNAL, "called jane@example.com")));
  }

  @Test
  void replacesWithTypedPlaceholdersThatAreStableUnderOneKey() throws Exception {
    Redactor redactor =
        redactor(
            words(
                Map.of(
                    "jane@example.com",
                    PiiType.EMAIL,
                    "4111 1111 1111 1111",
                    PiiType.CREDIT_CARD,
                    "hunter2",
                    PiiType.SECRET)),
            RedactionPolicy.defaults());
    RedactedCase redacted =
        redactor.redact(
            caseWith(
                "mail jane@example.com, card 4111 1111 1111 1111, password hunter2",
                new Customer(
                    "C-1", "Jane Doe", "Jane@Example.com", "+33 6 12 34 56 78", "192.0.2.1")));
    SupportCase c = redacted.content();
    assertThat(c.description())
        .matches(
            "mail \\[EMAIL#[0-9a-f]{4}\\], card \\*{4} \\*{4} \\*{4} 1111, password \\[SECRET\\]");
    String placeholder = c.description().substring(5, 5 + 12);
    assertThat(c.messages().getFirst().text()).isEqualTo("write to " + placeholder);
    assertThat(c.notes().getFirst().text()).isEqualTo("called " + placeholder);
    assertThat(c.customer().email())
        .as("identity token: same value, any case, same token")
        .isEqualTo(redactor.identityToken(PiiType.EMAIL, "jane@example.com"))
        .startsWith("EMAIL#" + placeholder.substring(7, 11));
    assertThat(c.customer().name()).isEqualTo(redactor.identityToken(PiiType.PERSON, "jane  DOE"));
    assertThat(c.customer().phone()).startsWith("PHONE#");
    assertThat(c.customer().ip()).startsWith("IP_ADDRESS#");
    assertThat(c.customer().id()).isEqualTo("C-1");
    assertThat(c.agent().name()).startsWith("PERSON#");
    assertThat(c.notes().getFirst().author()).isEqualTo(c.agent().name());
    assertThat(redacted.redactedCounts())
        .containsEntry(PiiType.EMAIL, 5)
        .containsEntry(PiiType.SECRET, 1);
  }

  @Test
  void anotherKeyGivesOtherTokens() throws Exception {
    SupportCase input = caseWith("x", new Customer("C-1", "Jane Doe", null, null, null));
    RedactionKeys otherKeys = RedactionKeys.ephemeral();
    Redactor other =
        new Redactor(
            new PiiDetector(List.of(), 1_000_000_000L, 0),
            RedactionPolicy.defaults(),
            otherKeys,
            Vault.inMemory(otherKeys));
    Redactor mine = redactor(words(Map.of()), RedactionPolicy.defaults());
    assertThat(other.redact(input).content().customer().name())
        .isNotEqualTo(mine.redact(input).content().customer().name());
  }

  @Test
  void sealedOriginalsAreRevealedOnlyWithTheirCaseFieldAndPlace() throws Exception {
    Redactor redactor =
        redactor(words(Map.of("jane@example.com", PiiType.EMAIL)), RedactionPolicy.defaults());
    RedactedCase redacted =
        redactor.redact(
            caseWith("hello jane@example.com", new Customer("C-9", "Jane Doe", null, null, null)));
    SealedValue inDescription =
        redacted.sealed().stream()
            .filter(v -> v.field().equals("description"))
            .findFirst()
            .orElseThrow();
    assertThat(inDescription.start()).isEqualTo(6);
    assertThat(vault.unseal(inDescription, "CASE-1", "description")).contains("jane@example.com");
    assertThatThrownBy(() -> vault.unseal(inDescription, "CASE-2", "description"))
        .as("a sealed value moved to another case does not open")
        .isInstanceOf(IllegalStateException.class);
    SealedValue name =
        redacted.sealed().stream()
            .filter(v -> v.field().equals("customer.name"))
            .findFirst()
            .orElseThrow();
    assertThat(vault.unseal(name, "CASE-1", "customer.name")).contains("Jane Doe");
    assertThat(SealedValue.decodeAll(SealedValue.encodeAll(redacted.sealed())))
        .isEqualTo(redacted.sealed());
  }

  @Test
  void forgettingACustomerMakesTheirSealedValuesUnrecoverable() throws Exception {
    Redactor redactor = redactor(words(Map.of()), RedactionPolicy.defaults());
    SupportCase input = caseWith("x", new Customer("C-7", "Jane Doe", null, null, null));
    RedactedCase redacted = redactor.redact(input);
    SealedValue name = redacted.sealed().getFirst();
    assertThat(vault.unseal(name, "CASE-1", name.field())).isPresent();
    vault.forget("customer:C-7");
    assertThat(vault.unseal(name, "CASE-1", name.field())).isEmpty();
    assertThatThrownBy(() -> redactor.redact(input))
        .isInstanceOf(CaseQuarantinedException.class)
        .hasMessageContaining("forgotten");
  }

  @Test
  void unsealedTypesAreNotInTheVault() throws Exception {
    Map<PiiType, TypeRule> rules = new EnumMap<>(PiiType.class);
    for (PiiType type : PiiType.values()) {
      rules.put(type, TypeRule.replace(false));
    }
    Redactor redactor =
        redactor(words(Map.of("jane@example.com", PiiType.EMAIL)), new RedactionPolicy(rules, 0.5));
    assertThat(redactor.redact(caseWith("jane@example.com", null)).sealed()).isEmpty();
  }

  @Test
  void findingsBelowTheMinimumScoreAreKept() throws Exception {
    Detector weak =
        (text, out) -> {
          if (text.text().startsWith("Rose")) {
            out.add(new Finding(PiiType.PERSON, 0, 4, 0.3, "test.weak"));
          }
        };
    Redactor redactor = redactor(weak, RedactionPolicy.defaults());
    assertThat(redactor.redact(caseWith("Rose garden", null)).content().description())
        .isEqualTo("Rose garden");
  }

  @Test
  void aDetectorFailureQuarantinesTheCaseWithoutQuotingIt() {
    Detector broken =
        (text, out) -> {
          throw new IllegalStateException("boom " + text.text());
        };
    Redactor redactor = redactor(broken, RedactionPolicy.defaults());
    assertThatThrownBy(() -> redactor.redact(caseWith("secret text", null)))
        .isInstanceOf(CaseQuarantinedException.class)
        .hasMessageStartingWith("quarantined: personal-data detector ")
        .hasMessageEndingWith(" failed: IllegalStateException (field subject)")
        .hasMessageNotContaining("secret text");
  }

  @Test
  void aTimeoutQuarantinesTheCase() {
    Detector slow =
        (text, out) -> {
          while (true) {
            text.checkDeadline();
          }
        };
    Redactor redactor =
        new Redactor(
            new PiiDetector(List.of(slow), 20_000_000L, 0),
            RedactionPolicy.defaults(),
            keys,
            vault);
    assertThatThrownBy(() -> redactor.redact(caseWith("anything", null)))
        .isInstanceOf(CaseQuarantinedException.class)
        .hasMessageContaining("exceeded its budget of 20 ms");
  }

  @Test
  void masksKeepOnlyTheLastCharactersAndSeparators() {
    assertThat(Redactor.mask("4111-1111-1111-1234", 4)).isEqualTo("****-****-****-1234");
    assertThat(Redactor.mask("FR76 3000 6000 0112 3456 7890 189", 4))
        .isEqualTo("**** **** **** **** **** ***0 189");
    assertThat(Redactor.mask("abc", 0)).isEqualTo("***");
  }

  @Test
  void rejectedLinesAreRedactedWithoutSealing() throws IOException {
    Redactor redactor =
        redactor(words(Map.of("jane@example.com", PiiType.EMAIL)), RedactionPolicy.defaults());
    String line = "{\"description\":\"x\\njane@example.com\"";
    assertThat(redactor.redactUnsealed(line))
        .doesNotContain("jane@example.com")
        .contains("[EMAIL#");
  }
}
