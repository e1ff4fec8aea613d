package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.Customer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultAndKeysTest {
  @TempDir Path folder;

  @Test
  void keysAreCreatedOwnerOnlyAndReadBackTheSame() throws IOException {
    Path keysDir = folder.resolve("keys");
    RedactionKeys created = RedactionKeys.openOrCreate(keysDir);
    Path file = keysDir.resolve(RedactionKeys.FILE_NAME);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keysDir)))
        .isEqualTo("rwx------");
    RedactionKeys reopened = RedactionKeys.open(keysDir);
    assertThat(new KeyedTokens(reopened.tokenKey()).token(PiiType.EMAIL, "a@b.fr"))
        .isEqualTo(new KeyedTokens(created.tokenKey()).token(PiiType.EMAIL, "a@b.fr"));
    assertThat(created.toString()).doesNotContainPattern("[0-9a-f]{8}");
  }

  @Test
  void refusesAKeyFileOthersCanRead() throws IOException {
    Path keysDir = folder.resolve("keys");
    RedactionKeys.openOrCreate(keysDir);
    Path file = keysDir.resolve(RedactionKeys.FILE_NAME);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> RedactionKeys.open(keysDir))
        .hasMessageContaining("can be read or written by others (rw-r--r--)")
        .hasMessageContaining("chmod 600");
  }

  @Test
  void refusesADamagedKeyFileAndAMissingOneForReading() throws IOException {
    assertThatThrownBy(() -> RedactionKeys.open(folder.resolve("none")))
        .hasMessageContaining("run casevault ingest first");
    Path keysDir = folder.resolve("keys");
    RedactionKeys.openOrCreate(keysDir);
    Files.write(keysDir.resolve(RedactionKeys.FILE_NAME), new byte[] {1, 2, 3});
    assertThatThrownBy(() -> RedactionKeys.open(keysDir))
        .hasMessageContaining("damaged or foreign");
  }

  @Test
  void vaultKeysSurviveReopeningAndATornTailIsCutOff() throws Exception {
    RedactionKeys keys = RedactionKeys.openOrCreate(folder.resolve("keys"));
    Path vaultDir = folder.resolve("vault");
    SealedValue sealed;
    try (Vault vault = Vault.open(vaultDir, keys)) {
      Redactor redactor =
          new Redactor(
              new PiiDetector(List.of(), 1_000_000_000L, 0),
              RedactionPolicy.defaults(),
              keys,
              vault);
      sealed =
          redactor
              .redact(RedactorTest.caseWith("x", new Customer("C-1", "Jane Doe", null, null, null)))
              .sealed()
              .stream()
              .filter(v -> v.field().equals("customer.name"))
              .findFirst()
              .orElseThrow();
      vault.sync();
    }
    Path file = vaultDir.resolve(Vault.FILE_NAME);
    long intact = Files.size(file);
    Files.write(file, new byte[] {0, 0, 0, 60, 1, 2, 3}, StandardOpenOption.APPEND);
    try (Vault vault = Vault.open(vaultDir, keys)) {
      assertThat(vault.unseal(sealed, "CASE-1", sealed.field())).contains("Jane Doe");
    }
    assertThat(Files.size(file)).isEqualTo(intact);
    assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("Jane")
        .doesNotContain("C-1");
  }

  @Test
  void aVaultOpenedWithOtherKeysCannotReveal() throws Exception {
    RedactionKeys keys = RedactionKeys.ephemeral();
    Vault vault = Vault.inMemory(keys);
    Redactor redactor =
        new Redactor(
            new PiiDetector(List.of(), 1_000_000_000L, 0), RedactionPolicy.defaults(), keys, vault);
    SealedValue sealed =
        redactor
            .redact(RedactorTest.caseWith("x", new Customer("C-1", "Jane Doe", null, null, null)))
            .sealed()
            .getFirst();
    assertThat(Vault.inMemory(RedactionKeys.ephemeral()).unseal(sealed, "CASE-1", sealed.field()))
        .isEmpty();
  }

  @Test
  void normalisationMakesTheUsualFormsOfOneValueEqual() {
    assertThat(ValueNormaliser.email(" Jane [at] Example [dot] COM "))
        .isEqualTo(ValueNormaliser.email("jane@example.com"));
    assertThat(ValueNormaliser.email("jean point dupont arobase orange point fr"))
        .isEqualTo("jean.dupont@orange.fr");
    assertThat(ValueNormaliser.words("Zoë   MARTIN")).isEqualTo("zoe martin");
    assertThat(ValueNormaliser.phone("0033 6 12 34 56 78")).isEqualTo("+33612345678");
    assertThat(ValueNormaliser.phone("+33 (0)6 12")).isEqualTo("+330612");
    assertThat(ValueNormaliser.normalise(PiiType.CREDIT_CARD, "4111-1111 1111 1111"))
        .isEqualTo("4111111111111111");
  }
}
