package dev.casevault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeysTest {
  @TempDir Path temp;

  @Test
  void theKeyIsCreatedOwnerOnlyAndLoadedAgain() throws Exception {
    Path dir = temp.resolve("audit/keys");
    NoteSigner created = AuditKeys.loadOrCreate(dir, "casevault.example/audit");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    for (String file : new String[] {AuditKeys.SIGNING_KEY, AuditKeys.VERIFIER_KEY}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
          .isEqualTo("rw-------");
    }
    NoteSigner loaded = AuditKeys.loadOrCreate(dir, "casevault.example/audit");
    assertThat(loaded.encode()).isEqualTo(created.encode());
    assertThat(AuditKeys.readVerifier(dir).encode()).isEqualTo(created.verifier().encode());
  }

  @Test
  void aKeyOthersCanReadIsRefused() throws Exception {
    Path dir = temp.resolve("keys");
    AuditKeys.loadOrCreate(dir, "casevault.example/audit");
    Files.setPosixFilePermissions(
        dir.resolve(AuditKeys.SIGNING_KEY), PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> AuditKeys.loadOrCreate(dir, "casevault.example/audit"))
        .hasMessageContaining("others may read it");
  }

  @Test
  void aKeyOfAnotherLogIsRefused() throws Exception {
    Path dir = temp.resolve("keys");
    AuditKeys.loadOrCreate(dir, "casevault.example/audit");

    assertThatThrownBy(() -> AuditKeys.loadOrCreate(dir, "other.example/audit"))
        .hasMessageContaining(
            "holds the key of casevault.example/audit, not of other.example/audit");
  }
}
