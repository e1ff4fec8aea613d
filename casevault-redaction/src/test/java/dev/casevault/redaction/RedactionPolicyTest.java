package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionPolicyTest {

  /** Every type with replace+seal except the ones overridden, as a policy file body. */
  static String policyJson(String overrides) {
    String rules =
        Stream.of(PiiType.values())
            .filter(t -> !overrides.contains("\"" + t.name() + "\""))
            .map(t -> "\"" + t.name() + "\": {\"operator\": \"replace\", \"seal\": true}")
            .collect(Collectors.joining(",\n    "));
    String all = overrides.isEmpty() ? rules : rules + ",\n    " + overrides;
    return "{\n  \"version\": 1,\n  \"min_score\": 0.6,\n  \"types\": {\n    " + all + "\n  }\n}";
  }

  static RedactionPolicy parse(String json) throws IOException {
    return RedactionPolicy.parse(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "policy.json");
  }

  @Test
  void readsAValidPolicy() throws IOException {
    RedactionPolicy policy =
        parse(
            policyJson(
                "\"CREDIT_CARD\": {\"operator\": \"mask\", \"keep_last\": 4, \"seal\": true},"
                    + " \"SECRET\": {\"operator\": \"drop\"}"));
    assertThat(policy.minScore()).isEqualTo(0.6);
    assertThat(policy.rule(PiiType.CREDIT_CARD)).isEqualTo(TypeRule.mask(4, true));
    assertThat(policy.rule(PiiType.SECRET)).isEqualTo(TypeRule.drop());
    assertThat(policy.rule(PiiType.EMAIL)).isEqualTo(TypeRule.replace(true));
  }

  @Test
  void theDefaultsCoverEveryTypeAndNeverKeepSecrets() {
    RedactionPolicy defaults = RedactionPolicy.defaults();
    for (PiiType type : PiiType.values()) {
      assertThat(defaults.rule(type)).as(type.name()).isNotNull();
    }
    assertThat(defaults.rule(PiiType.SECRET).operator()).isEqualTo(Operator.DROP);
    assertThat(defaults.rule(PiiType.URL_CREDENTIALS).operator()).isEqualTo(Operator.DROP);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"version\": 1, \"types\": {}} | policy.json:1:27: \"types\" has no rule for PERSON, EMAIL,",
        "{\"version\": 2, \"types\": {}} | policy.json:1:13: \"version\" must be 1",
        "{\"types\": {}} | policy.json:1:13: missing \"version\"",
        "{\"version\": 1} | policy.json:1:14: missing \"types\"",
        "{\"version\": 1, \"colour\": 1} | policy.json:1:16: unknown key \"colour\"; expected one of",
        "{\"version\": 1, \"version\": 1} | policy.json:1:16: duplicate key \"version\"",
        "{\"version\": 1, \"min_score\": 0} | policy.json:1:29: \"min_score\" must be in (0, 1]",
        "{\"version\": 1, \"types\": {\"NAME\": {}}} | policy.json:1:26: unknown type \"NAME\" in \"types\"",
        "{\"version\": 1, \"types\": {\"EMAIL\": {\"operator\": \"hash\"}}} | policy.json:1:48: \"types.EMAIL.operator\" must be one of replace, mask, drop",
        "{\"version\": 1, \"types\": {\"EMAIL\": {\"seal\": true}}} | policy.json:1:48: missing \"types.EMAIL.operator\"",
        "{\"version\": 1, \"types\": {\"EMAIL\": {\"operator\": \"drop\", \"seal\": true}}} | policy.json:1:68: types.EMAIL.: a dropped value cannot be sealed",
        "{\"version\": 1, \"types\": {\"IBAN\": {\"operator\": \"mask\", \"keep_last\": 9}}} | policy.json:1:69: types.IBAN.: keep_last must be between 0 and 4",
        "{\"version\": 1, \"types\": {\"IBAN\": {\"operator\": \"replace\", \"keep_last\": 2}}} | policy.json:1:72: types.IBAN.: keep_last applies to the mask operator only",
        "{\"version\": 1 | policy.json:1:14: not valid JSON",
        "[1] | policy.json:1:1: expected a JSON object",
      })
  void refusesABadPolicyWithFileLineAndColumn(String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(RedactionPolicy.PolicyException.class)
        .hasMessageStartingWith(message);
  }

  private static final byte[] MUTATIONS = {
    '{', '}', '[', ']', '"', ':', ',', '0', 'a', '\\', ' ', (byte) 0xff
  };

  /** Random byte mutations of a valid file: either a policy or a PolicyException, nothing else. */
  @Test
  void mutatedFilesFailOnlyWithAPolicyError() {
    long seed = Long.getLong("casevault.seed", System.nanoTime());
    System.out.println("RedactionPolicyTest: -Dcasevault.seed=" + seed);
    java.util.Random random = new java.util.Random(seed);
    byte[] valid = policyJson("").getBytes(StandardCharsets.UTF_8);
    for (int round = 0; round < 3000; round++) {
      byte[] mutated = valid.clone();
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits; e++) {
        mutated[random.nextInt(mutated.length)] = MUTATIONS[random.nextInt(MUTATIONS.length)];
      }
      int cut = random.nextInt(10) == 0 ? random.nextInt(mutated.length) : mutated.length;
      byte[] input = java.util.Arrays.copyOf(mutated, cut);
      try {
        RedactionPolicy.parse(new ByteArrayInputStream(input), "p.json");
      } catch (RedactionPolicy.PolicyException expected) {
        assertThat(expected.getMessage()).as("seed %d", seed).startsWith("p.json:");
      } catch (IOException | RuntimeException unexpected) {
        throw new AssertionError("seed " + seed + " round " + round, unexpected);
      }
    }
  }

  @Test
  void errorsNeverQuoteLongInput() {
    String key = "x".repeat(500);
    assertThatThrownBy(() -> parse("{\"" + key + "\": 1}"))
        .hasMessageContaining("x".repeat(40) + "...")
        .hasMessageNotContaining("x".repeat(41));
  }
}
