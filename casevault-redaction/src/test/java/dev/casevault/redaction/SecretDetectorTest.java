package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretDetectorTest {
  private static final PiiDetector DETECTOR =
      new PiiDetector(List.of(new SecretDetector()), 2_000_000_000L, 2_000L);

  private static final String JWT =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
          + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

  static List<String> found(String text) {
    return DETECTOR.detect(text).stream()
        .peek(f -> assertThat(f.type()).isEqualTo(PiiType.SECRET))
        .map(f -> text.substring(f.start(), f.end()))
        .toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "key id AKIAJWUN7QVJSM47IP22 in the config|AKIAJWUN7QVJSM47IP22",
        "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 pasted|"
            + "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789",
        "github_pat_11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789abcdefghijkl|"
            + "github_pat_11ABCDEFG0aBcDeFgHiJkL_mNoPqRsTuVwXyZ0123456789abcdefghijkl",
        "xoxb-123456789012-1234567890123-aBcDeFgHiJkLmNoPqRsTuVwX.|"
            + "xoxb-123456789012-1234567890123-aBcDeFgHiJkLmNoPqRsTuVwX",
        "(AIza-_d9arthu7EDIu4ZMT_MMKm8nzgFREkkAC-)|AIza-_d9arthu7EDIu4ZMT_MMKm8nzgFREkkAC-",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc|sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "password: Soleil1988*|Soleil1988*",
        "My password is Azerty85!, I typed it very carefully.|Azerty85!",
        "I even reset my password to IYtPxIeMRcaL and it still fails.|IYtPxIeMRcaL",
        "Customer shared password B@seb@ll83! in the chat|B@seb@ll83!",
        "my password is 'sunshine'|sunshine",
        "db_password=hunter2x|hunter2x",
        "mot de passe~: Bretagne2014*|Bretagne2014*",
        "Mon mot de passe est Poussin2012#.|Poussin2012#",
        "J'ai changé mon mot de passe en D0ud0u64! et rien|D0ud0u64!",
        "mdp=Chat1234|Chat1234",
        "code d'accès : 4821Xy|4821Xy",
        "Kennwort: Sommer2020|Sommer2020",
        "contraseña: Verano2020!|Verano2020!",
        "PIN: 4821|4821",
        "api_key = 4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c|4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c",
        "Authorization: Bearer abcdef1234567890abcdef|abcdef1234567890abcdef",
        "Passwort lautet Sommer2020!|Sommer2020!",
        "mot de passe provisoire : Bienvenue2024|Bienvenue2024",
        "le mot de passe Wifi est 4F7A9C2E1B|4F7A9C2E1B",
        "mon mot de passe c'est Loulou2010|Loulou2010",
        "The password for the NAS is admin2020|admin2020",
        "Password (temporary): Xk9#mQ2|Xk9#mQ2",
        "clone with glpat-AbCdEf123456GhIjKlMn|glpat-AbCdEf123456GhIjKlMn",
      })
  void findsSecrets(String text, String expected) {
    assertThat(found(text.replace('~', '\u00a0'))).containsExactly(expected);
  }

  @Test
  void findsAwsKeyPairAndJwt() {
    String text =
        "aws_access_key_id = AKIAO6KZQPXANJ2IC2FX and aws_secret_access_key ="
            + " 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; Bearer "
            + JWT;
    assertThat(found(text))
        .containsExactly("AKIAO6KZQPXANJ2IC2FX", "cptHo4pKvJTnIWD8Qkpyxtxu984INzpUZvvjWIcJ", JWT);
  }

  @Test
  void findsPemBlockBounded() {
    String block =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z\nabc\n-----END RSA PRIVATE KEY-----";
    assertThat(found("key:\n" + block + "\nthanks")).containsExactly(block);
    String cut = "-----BEGIN PRIVATE KEY-----\n" + "A".repeat(50_000);
    List<Finding> findings = DETECTOR.detect(cut);
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).length()).isLessThanOrEqualTo(10_240 + 5);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I need a password reset",
        "Please change your password: it's insecure",
        "https://www.google.com/search?q=password+reset&key=A",
        "Mot de passe : à changer",
        "Votre mot de passe doit contenir 8 caractères.",
        "Le mot de passe a expiré hier.",
        "your password must be 8 characters",
        "password: please reset it",
        "my password is correct",
        "the password expired yesterday",
        "password is at least 12 characters",
        "mot de passe oublié",
        "Le mot de passe est incorrect",
        "password: ********",
        "Password: (hidden)",
        "the secret is out",
        "token: abc",
        "AKIA1234",
        "eyJhbGciOiJIUzI1NiJ9 alone",
        "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----",
        "PIN code 12",
        "password for OneDrive",
        "request token: 123e4567-e89b-42d3-a456-556642440000",
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "checksum e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      })
  void ignoresNearMisses(String text) {
    assertThat(found(text)).isEmpty();
  }

  @Test
  void badInputFinishesQuickly() {
    List<String> inputs =
        List.of(
            "password: ".repeat(100_000),
            "password is ".repeat(100_000),
            "mot de passe ".repeat(100_000),
            "-----BEGIN RSA PRIVATE KEY-----".repeat(100_000),
            "eyJ".repeat(1_000_000),
            "eyJabcdefghijk.".repeat(200_000),
            "secret ".repeat(200_000),
            "AKIA".repeat(1_000_000),
            "x".repeat(10_000_000),
            "password: \uD800\uDC00\uD800 pwd: Sommer2020\uDC00");
    // Each input is a few MB at most; linear work takes milliseconds, quadratic would take hours.
    for (String input : inputs) {
      assertTimeoutPreemptively(Duration.ofMillis(1500), () -> found(input));
    }
  }
}
