package dev.casevault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.audit.Canaries.Canary;
import dev.casevault.core.CaseVaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanariesTest {
  @TempDir Path temp;
  long seed;
  SplittableRandom random;

  @BeforeEach
  void seed() {
    seed = Long.getLong("casevault.seed", new Random().nextLong());
    System.out.println("CanariesTest: -Dcasevault.seed=" + seed);
    random = new SplittableRandom(seed);
  }

  /**
   * Real-looking cases: {@code CASE-<year>-<7 digits>}, numbered in order within each year from
   * 2019 to 2024, created in that order through the year, at whole seconds; a random sample of
   * them.
   */
  record Sample(List<String> ids, List<Instant> created) {}

  Sample sample(int size) {
    List<String> ids = new ArrayList<>();
    List<Instant> created = new ArrayList<>();
    int perYear = 40_000;
    for (int i = 0; i < size; i++) {
      int year = 2019 + random.nextInt(6);
      int number = random.nextInt(perYear);
      String id = String.format("CASE-%d-%07d", year, number);
      if (ids.contains(id)) {
        continue;
      }
      Instant start = Instant.parse(year + "-01-01T00:00:00Z");
      long secondsInYear = Duration.ofDays(365).toSeconds();
      ids.add(id);
      created.add(start.plusSeconds(secondsInYear * number / perYear + random.nextInt(60)));
    }
    return new Sample(ids, created);
  }

  @Test
  void aboutOneCanaryPerTenThousandCasesAndAtLeastOne() {
    assertThat(Canaries.wanted(0)).isZero();
    assertThat(Canaries.wanted(1)).isEqualTo(1);
    assertThat(Canaries.wanted(14_999)).isEqualTo(1);
    assertThat(Canaries.wanted(15_000)).isEqualTo(2);
    assertThat(Canaries.wanted(1_000_000)).isEqualTo(100);
    Sample sample = sample(50);
    Canaries none = Canaries.none();
    assertThat(none.plan(sample.ids(), sample.created(), 0, random)).isEmpty();
    assertThat(none.plan(sample.ids(), sample.created(), 3, random)).hasSize(1);
    assertThat(none.plan(sample.ids(), sample.created(), 240_000, random)).hasSize(24);
  }

  @Test
  void existingCanariesCountAndAreNeverReused() {
    Sample sample = sample(2000);
    Canaries canaries = Canaries.none();
    List<Canary> first = canaries.plan(sample.ids(), sample.created(), 500_000, random);
    assertThat(first).hasSize(50);
    canaries.add(first);
    assertThat(canaries.plan(sample.ids(), sample.created(), 500_000, random)).isEmpty();
    List<Canary> more = canaries.plan(sample.ids(), sample.created(), 1_000_000, random);
    assertThat(more).hasSize(50);
    assertThat(more).extracting(Canary::caseId).noneMatch(canaries::isCanary);
    canaries.add(more);
    assertThat(canaries.size()).as("seed %d", seed).isEqualTo(100);
  }

  @Test
  void canariesLookLikeRealCasesAndSpreadOverIdsAndDates() {
    Sample sample = sample(3000);
    List<Canary> canaries = Canaries.none().plan(sample.ids(), sample.created(), 2_000_000, random);
    assertThat(canaries).hasSize(200);
    Set<String> sampleIds = new HashSet<>(sample.ids());
    Set<String> seen = new HashSet<>();
    for (Canary canary : canaries) {
      String where = canary + ", seed " + seed;
      assertThat(canary.caseId()).as(where).matches("CASE-20(19|2[0-4])-00[0-3][0-9]{4}");
      assertThat(sampleIds).as(where).doesNotContain(canary.caseId());
      assertThat(seen.add(canary.caseId())).as(where).isTrue();
      // Dates follow ids as real ones do: the id's year is the creation year...
      int year = Integer.parseInt(canary.caseId().substring(5, 9));
      assertThat(canary.created().atZone(ZoneOffset.UTC).getYear()).as(where).isEqualTo(year);
      // ...at the sample's precision (whole seconds).
      assertThat(canary.created().getNano()).as(where).isZero();
    }
    Set<Integer> years =
        canaries.stream()
            .map(c -> c.created().atZone(ZoneOffset.UTC).getYear())
            .collect(Collectors.toSet());
    assertThat(years).as("seed %d", seed).hasSize(6);
    Set<Integer> months =
        canaries.stream()
            .map(c -> c.created().atZone(ZoneOffset.UTC).getMonthValue())
            .collect(Collectors.toSet());
    assertThat(months).as("seed %d", seed).hasSizeGreaterThan(9);
  }

  @Test
  void idsAStoreAlreadyHoldsAreNotUsed() {
    List<String> ids = List.of("T-10", "T-20");
    List<Instant> created =
        List.of(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-11T00:00:00Z"));
    Set<String> stored = new HashSet<>();
    for (int i = 10; i <= 20; i++) {
      if (i != 15) {
        stored.add("T-" + i);
      }
    }
    List<Canary> planned = Canaries.none().plan(ids, created, 5, random, stored::contains);
    assertThat(planned).containsExactly(new Canary("T-15", Instant.parse("2020-01-06T00:00:00Z")));
  }

  @Test
  void aFullRangeSpillsOverToItsDigitsAndNoRoomAtAllIsAnError() {
    List<String> ids = new ArrayList<>();
    List<Instant> created = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(String.format("C-%03d", i));
      created.add(Instant.parse("2021-03-01T00:00:00Z").plus(Duration.ofHours(i)));
    }
    List<Canary> spilled = Canaries.none().plan(ids, created, 10_000, random);
    assertThat(spilled)
        .singleElement()
        .satisfies(c -> assertThat(c.caseId()).matches("C-[1-9][0-9][0-9]"));

    List<String> full = new ArrayList<>();
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      full.add("D-" + i);
      times.add(Instant.EPOCH);
    }
    assertThatThrownBy(() -> Canaries.none().plan(full, times, 1, random))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("no free canary id");
  }

  @Test
  void idsWithoutDigitsKeepTheKindOfEachLetter() {
    List<String> ids = List.of("case-abcdef-XY", "case-ghijkl-ZQ");
    List<Instant> created = List.of(Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
    List<Canary> planned = Canaries.none().plan(ids, created, 30_000, random);
    assertThat(planned).hasSize(3);
    assertThat(planned)
        .extracting(Canary::caseId)
        .allMatch(id -> id.matches("case-[a-z]{6}-[A-Z]{2}"));
    assertThat(planned).extracting(Canary::created).allMatch(created::contains);
  }

  @Test
  void aSampleIsNeededAndItsListsGoTogether() {
    assertThatThrownBy(() -> Canaries.none().plan(List.of(), List.of(), 10, random))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Canaries.none().plan(List.of("A-1"), List.of(), 10, random))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theIdsLiveInAnOwnerOnlyFile() throws Exception {
    Path file = temp.resolve("audit").resolve("canaries");
    assertThat(Canaries.load(file).size()).isZero();
    Sample sample = sample(500);
    Canaries canaries = Canaries.none();
    canaries.add(canaries.plan(sample.ids(), sample.created(), 100_000, random));
    canaries.save(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    Canaries loaded = Canaries.load(file);
    assertThat(loaded.ids()).isEqualTo(canaries.ids()).hasSize(10);
    assertThat(loaded.ids()).allMatch(loaded::isCanary);
    assertThat(loaded.isCanary(sample.ids().getFirst())).isFalse();

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    assertThatThrownBy(() -> Canaries.load(file)).hasMessageContaining("others may read it");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(file, "CASE-1\nnot an id\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Canaries.load(file)).hasMessage(file + ":2: not a case id");
  }
}
