package dev.casevault.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void verifiesItsOwnHashesOnlyWithTheRightPassword() {
    String hash = hasher.hash("correct horse battery".toCharArray());
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(hasher.verify("correct horse battery".toCharArray(), hash)).isTrue();
    assertThat(hasher.verify("correct horse batterY".toCharArray(), hash)).isFalse();
    assertThat(hasher.hash("correct horse battery".toCharArray())).isNotEqualTo(hash);
  }

  @Test
  void refusesTamperedOrMalformedHashesWithoutThrowing() {
    String hash = hasher.hash("pw".toCharArray());
    assertThat(hasher.verify("pw".toCharArray(), hash.replace("$argon2id$", "$argon2i$")))
        .isFalse();
    assertThat(hasher.verify("pw".toCharArray(), hash.replace("t=2", "t=1"))).isFalse();
    // A cost no one configured (a tampered file) is refused before any work.
    assertThat(hasher.verify("pw".toCharArray(), hash.replace("m=19456", "m=99999999"))).isFalse();
    assertThat(hasher.verify("pw".toCharArray(), "")).isFalse();
    assertThat(hasher.verify("pw".toCharArray(), "$argon2id$v=19$m=x$y$z")).isFalse();
  }
}
