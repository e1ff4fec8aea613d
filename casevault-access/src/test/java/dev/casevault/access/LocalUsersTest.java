package dev.casevault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalUsersTest {
  @TempDir Path dir;

  private LocalUsers open() throws IOException {
    return LocalUsers.open(dir.resolve("users.json"), Clock.systemUTC());
  }

  @Test
  void theInitialAdminIsCreatedOnTheFirstStartOnly() throws IOException {
    LocalUsers users = open();
    assertThat(users.isFirstStart()).isTrue();
    char[] password = users.createInitialAdmin(Set.of("admin"));
    assertThat(password).hasSize(24);
    assertThat(users.initialAdminPasswordInUse()).isTrue();
    users.add("alice", "another long password".toCharArray(), Set.of("admin"), Map.of());
    assertThat(users.remove(LocalUsers.INITIAL_ADMIN)).isTrue();

    LocalUsers restarted = open();
    assertThat(restarted.isFirstStart()).isFalse();
    assertThat(restarted.createInitialAdmin(Set.of("admin")))
        .as("a removed admin stays removed")
        .isNull();
    assertThat(restarted.list()).extracting(LocalUsers.User::name).containsExactly("alice");
  }

  @Test
  void parallelGuessesCannotSlipPastTheLock() throws Exception {
    LocalUsers users = open();
    char[] right = "the right long password".toCharArray();
    users.add("bob", right, Set.of(), Map.of());
    ExecutorService pool = Executors.newFixedThreadPool(12);
    List<Future<String>> guesses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      int n = i;
      guesses.add(
          pool.submit(
              () -> {
                try {
                  users.authenticate("bob", ("guess " + n).toCharArray());
                  return "accepted";
                } catch (AuthenticationFailedException e) {
                  return e.reason();
                }
              }));
    }
    List<String> reasons = new ArrayList<>();
    for (Future<String> guess : guesses) {
      reasons.add(guess.get());
    }
    pool.shutdown();
    // Every attempt is counted before its hash: however the 12 interleave, no more than the free
    // failures reach the password check; the rest meet the lock.
    assertThat(reasons.stream().filter("wrong password"::equals).count())
        .isLessThanOrEqualTo(LocalUsers.FREE_FAILURES);
    assertThat(reasons).doesNotContain("accepted");
    assertThatThrownBy(() -> users.authenticate("bob", right))
        .isInstanceOf(AuthenticationFailedException.class)
        .extracting(e -> ((AuthenticationFailedException) e).reason())
        .isEqualTo("account locked after repeated failures");
  }

  @Test
  void aStampChangesWithThePasswordAndEndsWithTheUser() throws IOException {
    LocalUsers users = open();
    users.add("carol", "first long password".toCharArray(), Set.of(), Map.of());
    String stamp = users.stamp("carol");
    assertThat(users.stampMatches("carol", stamp)).isTrue();
    users.setPassword("carol", "second long password".toCharArray());
    assertThat(users.stampMatches("carol", stamp)).isFalse();
    String second = users.stamp("carol");
    users.remove("carol");
    assertThat(users.stampMatches("carol", second)).isFalse();
  }
}
