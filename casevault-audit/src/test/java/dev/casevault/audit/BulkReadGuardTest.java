package dev.casevault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.audit.BulkReadGuard.Alert;
import dev.casevault.audit.BulkReadGuard.Baseline;
import dev.casevault.audit.BulkReadGuard.Counts;
import dev.casevault.audit.BulkReadGuard.Step;
import dev.casevault.audit.BulkReadGuard.Verdict;
import dev.casevault.audit.GuardRules.Caps;
import dev.casevault.core.CaseVaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BulkReadGuardTest {
  static final Instant START = Instant.parse("2026-11-29T10:00:00Z");
  static final List<String> AGENT = List.of("agent");
  static final String ALICE = "user:alice";

  @TempDir Path temp;
  SteppingClock clock;
  BulkReadGuard guard;

  @BeforeEach
  void newGuard() {
    clock = new SteppingClock(START);
    guard = new BulkReadGuard(GuardRules.defaults(), clock);
  }

  static List<String> ids(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> String.format("%s%07d", prefix, i)).toList();
  }

  static List<String> cases(int from, int to) {
    return ids("CASE-2024-", from, to);
  }

  Verdict read(List<String> caseIds) {
    return guard.observe(ALICE, AGENT, caseIds, List.of(), 0);
  }

  /** A script paging through every search result, as a server would see it. */
  record Paging(List<Step> steps, long answered, Duration slowedFor, Verdict last) {}

  Paging page(int pageSize, boolean logsInAgain) {
    List<String> everything = cases(0, 10_000);
    List<Step> steps = new ArrayList<>();
    long answered = 0;
    Duration slowedFor = Duration.ZERO;
    Verdict verdict = null;
    for (int from = 0; from < everything.size(); from += pageSize) {
      clock.advance(Duration.ofMillis(3));
      verdict = read(everything.subList(from, Math.min(everything.size(), from + pageSize)));
      steps.add(verdict.step());
      if (verdict.answered()) {
        answered += Math.min(pageSize, everything.size() - from);
        slowedFor = slowedFor.plus(verdict.delay());
        clock.advance(verdict.delay());
      }
      if (verdict.step() == Step.REAUTHENTICATE && logsInAgain) {
        assertThat(guard.reauthenticated(ALICE)).isTrue();
      }
      if (verdict.step() == Step.LOCK) {
        break;
      }
    }
    return new Paging(steps, answered, slowedFor, verdict);
  }

  @Test
  void aPrincipalPagingThroughEverythingIsLockedBeforeTwiceItsCapAndWithinFiveSeconds() {
    Paging paging = page(100, false);
    int cap = GuardRules.defaults().roles().get("agent").cases();
    assertThat(paging.last().step()).isEqualTo(Step.LOCK);
    assertThat(paging.last().alerts()).containsExactly(Alert.LOCKED);
    assertThat(guard.isLocked(ALICE)).isTrue();
    assertThat(paging.answered()).isLessThan(2L * cap);
    assertThat(paging.steps().stream().distinct().toList())
        .containsExactly(Step.ALLOW, Step.SLOW_DOWN, Step.REAUTHENTICATE, Step.LOCK);
    assertThat(paging.steps()).isSorted();
    assertThat(paging.slowedFor()).isLessThan(Duration.ofSeconds(5));
    // 100, 200 allowed; 300, 400 slowed; 500, 600, 700 refused; 800 locks.
    assertThat(paging.steps()).hasSize(8);
    assertThat(paging.answered()).isEqualTo(400);
    // A locked principal stays locked, and its later reads no longer count.
    Verdict after = read(cases(9000, 9100));
    assertThat(after.step()).isEqualTo(Step.LOCK);
    assertThat(after.alert()).isFalse();
    assertThat(after.reason()).startsWith("locked since 2026-11-29T10:00:");
    assertThat(after.counts().cases()).isEqualTo(800);
  }

  @Test
  void loggingInAgainLetsItReadOnSlowlyUntilTheLock() {
    Paging paging = page(100, true);
    assertThat(paging.last().step()).isEqualTo(Step.LOCK);
    assertThat(paging.steps())
        .containsExactly(
            Step.ALLOW,
            Step.ALLOW,
            Step.SLOW_DOWN,
            Step.SLOW_DOWN,
            Step.REAUTHENTICATE,
            Step.SLOW_DOWN,
            Step.SLOW_DOWN,
            Step.LOCK);
    assertThat(paging.answered()).isEqualTo(600).isLessThan(1000);
    assertThat(paging.slowedFor()).isLessThan(Duration.ofSeconds(5));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 10, 100, 250, 499, 1000, 5000})
  void everyPageSizeIsLockedBeforeTwiceTheCapIsAnswered(int pageSize) {
    for (boolean logsInAgain : List.of(false, true)) {
      newGuard();
      Paging paging = page(pageSize, logsInAgain);
      assertThat(paging.last().step()).as("page %d", pageSize).isEqualTo(Step.LOCK);
      assertThat(paging.answered()).as("page %d", pageSize).isLessThan(1000);
      // The window keeps at most twice the cap of ids, however large one read is.
      assertThat(guard.counts(ALICE).cases()).isLessThanOrEqualTo(1000);
    }
  }

  @Test
  void theLadderStepsAtHalfTheCapTheCapAndOneAndAHalfTimesIt() {
    assertThat(read(cases(0, 249)).step()).isEqualTo(Step.ALLOW);
    Verdict slow = read(cases(249, 250));
    assertThat(slow.step()).isEqualTo(Step.SLOW_DOWN);
    assertThat(slow.delay()).isEqualTo(Duration.ofMillis(50));
    assertThat(slow.reason())
        .isEqualTo("cases 250 of 500 in 10 min (50% of the cap): slowed down by 50 ms");
    Verdict slowest = read(cases(250, 499));
    assertThat(slowest.delay()).isGreaterThan(Duration.ofMillis(950));
    Verdict refused = read(cases(499, 500));
    assertThat(refused.step()).isEqualTo(Step.REAUTHENTICATE);
    assertThat(refused.answered()).isFalse();
    assertThat(refused.alert()).isFalse();
    assertThat(refused.reason())
        .isEqualTo("cases 500 of 500 in 10 min (100% of the cap): refused, log in again");
    assertThat(read(cases(500, 749)).step()).isEqualTo(Step.REAUTHENTICATE);
    Verdict locked = read(cases(749, 750));
    assertThat(locked.step()).isEqualTo(Step.LOCK);
    assertThat(locked.reason()).isEqualTo("cases 750 of 500 in 10 min (150% of the cap): locked");
    assertThat(guard.lock(ALICE))
        .hasValueSatisfying(
            lock -> {
              assertThat(lock.reason()).isEqualTo(locked.reason());
              assertThat(lock.since()).isEqualTo(START);
            });
  }

  @Test
  void theDelayGrowsFromFiftyMillisecondsToOneSecond() {
    assertThat(BulkReadGuard.delay(0.5)).isEqualTo(Duration.ofMillis(50));
    assertThat(BulkReadGuard.delay(0.6)).isEqualTo(Duration.ofMillis(91));
    assertThat(BulkReadGuard.delay(0.8)).isEqualTo(Duration.ofMillis(302));
    assertThat(BulkReadGuard.delay(0.9999)).isEqualTo(Duration.ofMillis(999));
    Duration previous = Duration.ZERO;
    for (int permille = 500; permille < 1000; permille++) {
      Duration delay = BulkReadGuard.delay(permille / 1000.0);
      assertThat(delay).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(Duration.ofSeconds(1));
      previous = delay;
    }
  }

  @Test
  void aCaseReadAgainInTheWindowCountsOnce() {
    read(cases(0, 10));
    Verdict again = read(List.of(cases(0, 1).getFirst(), cases(0, 1).getFirst(), "CASE-X"));
    assertThat(again.counts()).isEqualTo(new Counts(11, 0, 0));
    assertThat(guard.counts(ALICE)).isEqualTo(new Counts(11, 0, 0));
    assertThat(guard.counts("user:nobody")).isEqualTo(Counts.ZERO);
  }

  @Test
  void readsOlderThanTheWindowAgeOut() {
    read(cases(0, 100));
    clock.advance(Duration.ofMinutes(6));
    assertThat(read(cases(100, 200)).counts().cases()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(4));
    // The first hundred were read exactly a window ago: gone.
    assertThat(read(cases(200, 210)).counts().cases()).isEqualTo(110);
    assertThat(guard.counts(ALICE).cases()).isEqualTo(110);
    clock.advance(Duration.ofMinutes(10));
    assertThat(guard.counts(ALICE)).isEqualTo(Counts.ZERO);
  }

  @Test
  void readingACaseAgainKeepsItInTheWindowFromThatRead() {
    read(cases(0, 1));
    clock.advance(Duration.ofMinutes(9));
    read(cases(0, 1));
    clock.advance(Duration.ofMinutes(6));
    assertThat(guard.counts(ALICE).cases()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(4));
    assertThat(guard.counts(ALICE).cases()).isZero();
  }

  @Test
  void aPrincipalWithSeveralRolesGetsTheLargestCapOfEach() {
    Verdict verdict =
        guard.observe("user:bob", List.of("agent", "auditor"), cases(0, 300), List.of(), 0);
    assertThat(verdict.caps()).isEqualTo(new Caps(500, 200, 20));
    assertThat(verdict.step()).isEqualTo(Step.SLOW_DOWN);
    Verdict supervisor =
        guard.observe("user:carol", List.of("agent", "supervisor"), cases(0, 300), List.of(), 0);
    assertThat(supervisor.step()).isEqualTo(Step.ALLOW);
    assertThat(supervisor.caps()).isEqualTo(new Caps(5000, 5000, 50));
  }

  @Test
  void customersAndRevealsHaveTheirOwnCaps() {
    List<String> tokens = ids("cust_", 0, 60);
    Verdict customers = guard.observe(ALICE, AGENT, cases(0, 10), tokens, 0);
    assertThat(customers.step()).isEqualTo(Step.SLOW_DOWN);
    assertThat(customers.reason()).startsWith("customers 60 of 100 in 10 min (60% of the cap)");
    assertThat(customers.counts()).isEqualTo(new Counts(10, 60, 0));

    Verdict reveals = guard.observe("user:bob", AGENT, List.of(), List.of(), 9);
    assertThat(reveals.step()).isEqualTo(Step.ALLOW);
    assertThat(guard.observe("user:bob", AGENT, List.of(), List.of(), 1).reason())
        .startsWith("reveals 10 of 20 in 10 min (50% of the cap)");
    Verdict refused = guard.observe("user:bob", AGENT, List.of(), List.of(), 10);
    assertThat(refused.step()).isEqualTo(Step.REAUTHENTICATE);
    assertThat(refused.counts()).isEqualTo(new Counts(0, 0, 20));
    clock.advance(Duration.ofMinutes(10));
    assertThat(guard.observe("user:bob", AGENT, List.of(), List.of(), 1).step())
        .isEqualTo(Step.ALLOW);
    assertThatThrownBy(() -> guard.observe("user:bob", AGENT, List.of(), List.of(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRoleWithACapOfZeroIsLockedAtItsFirstRead() {
    Verdict verdict = guard.observe("key:ingest", List.of("ingester"), cases(0, 1), List.of(), 0);
    assertThat(verdict.step()).isEqualTo(Step.LOCK);
    assertThat(verdict.reason()).isEqualTo("cases 1 of 0 in 10 min (this role reads none): locked");
    assertThat(guard.observe("key:ingest2", List.of("ingester"), List.of(), List.of(), 0).step())
        .isEqualTo(Step.ALLOW);
    assertThat(guard.observe("user:audit", List.of("auditor"), List.of(), List.of(), 1).step())
        .isEqualTo(Step.LOCK);
  }

  @Test
  void loggingInAgainIsOnlyHeardAfterTheGuardAskedForIt() {
    assertThat(guard.reauthenticated(ALICE)).isFalse();
    read(cases(0, 100));
    assertThat(guard.reauthenticated(ALICE)).isFalse();
    assertThat(read(cases(100, 510)).step()).isEqualTo(Step.REAUTHENTICATE);
    assertThat(guard.reauthenticated(ALICE)).isTrue();
    Verdict slow = read(cases(510, 520));
    assertThat(slow.step()).isEqualTo(Step.SLOW_DOWN);
    assertThat(slow.delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(slow.reason())
        .isEqualTo(
            "cases 520 of 500 in 10 min (104% of the cap): over the cap after logging in again,"
                + " slowed down by 1000 ms");
    // Once the window has slid under the cap, crossing it again asks again.
    clock.advance(Duration.ofMinutes(10));
    assertThat(read(cases(0, 10)).step()).isEqualTo(Step.ALLOW);
    assertThat(read(cases(10, 500)).step()).isEqualTo(Step.REAUTHENTICATE);
  }

  @Test
  void unlockingLiftsTheLockAndEmptiesTheWindow() {
    assertThat(read(cases(0, 800)).step()).isEqualTo(Step.LOCK);
    assertThat(guard.locks()).extracting(BulkReadGuard.Lock::principalId).containsExactly(ALICE);
    assertThat(guard.unlock(ALICE)).isTrue();
    assertThat(guard.unlock(ALICE)).isFalse();
    assertThat(guard.isLocked(ALICE)).isFalse();
    assertThat(guard.locks()).isEmpty();
    assertThat(read(cases(0, 10)).step()).isEqualTo(Step.ALLOW);
    assertThat(guard.counts(ALICE).cases()).isEqualTo(10);
  }

  @Test
  void locksSurviveSaveAndLoadInAnOwnerOnlyFile() throws Exception {
    read(cases(0, 800));
    guard.observe("user:bob", AGENT, cases(0, 900), List.of(), 0);
    Path state = temp.resolve("audit").resolve("guard-state.json");
    assertThat(guard.saveIfChanged(state)).isTrue();
    assertThat(guard.saveIfChanged(state)).isFalse();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(state)).doesNotContain("CASE-");

    BulkReadGuard restarted = new BulkReadGuard(GuardRules.defaults(), clock);
    restarted.load(state);
    assertThat(restarted.locks()).isEqualTo(guard.locks());
    assertThat(restarted.isLocked(ALICE)).isTrue();
    assertThat(restarted.observe(ALICE, AGENT, cases(0, 1), List.of(), 0).step())
        .isEqualTo(Step.LOCK);
    assertThat(restarted.unlock("user:bob")).isTrue();
    assertThat(restarted.saveIfChanged(state)).isTrue();
    BulkReadGuard again = new BulkReadGuard(GuardRules.defaults(), clock);
    again.load(state);
    assertThat(again.locks()).extracting(BulkReadGuard.Lock::principalId).containsExactly(ALICE);

    BulkReadGuard fresh = new BulkReadGuard(GuardRules.defaults(), clock);
    fresh.load(temp.resolve("absent.json"));
    assertThat(fresh.locks()).isEmpty();
  }

  @Test
  void aStateFileOthersCanReadOrThatIsDamagedIsRefused() throws Exception {
    Path state = temp.resolve("guard-state.json");
    Files.writeString(state, "{\"version\":1}", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> guard.load(state))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("others may read it");
    Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-------"));
    for (String[] bad :
        new String[][] {
          {
            "{\"version\":1,\"locks\":[{\"principal\":\"u\",\"since\":\"x\",\"reason\":\"r\"}]}",
            "locks[0].since: not an ISO-8601 instant"
          },
          {
            "{\"version\":1,\"baselines\":{\"u\":{\"cases\":-1,\"windows\":1}}}",
            "baselines.u.cases: must be a whole number >= 0"
          },
          {"{\"version\":1,\"locks\":[],\"extra\":1}", "extra: unknown key"},
          {"{\"version\":3}", "version: required, and must be 1"},
          {"{", "not valid JSON"},
        }) {
      Files.writeString(state, bad[0], StandardCharsets.UTF_8);
      assertThatThrownBy(() -> guard.load(state))
          .isInstanceOf(CaseVaultException.class)
          .hasMessage(state + ": " + bad[1]);
    }
  }

  /** Reads {@code count} new cases in each of {@code windows} windows, a window apart. */
  void readWindows(String principal, int windows, int count) {
    for (int w = 0; w < windows; w++) {
      Verdict verdict = guard.observe(principal, AGENT, ids("W" + w + "-", 0, count), List.of(), 0);
      assertThat(verdict.alert()).isFalse();
      clock.advance(Duration.ofMinutes(10));
    }
  }

  @Test
  void aWindowFarAboveThePrincipalsBaselineRaisesAnAlertOnce() {
    readWindows(ALICE, 3, 40);
    // The third window completes at the next read.
    Verdict first = read(cases(0, 100));
    assertThat(guard.baseline(ALICE)).contains(new Baseline(40, 3));
    assertThat(first.alert()).isFalse();
    // 3 x 40 = 120 > 20% of 500: above 120 is unusual.
    assertThat(read(cases(100, 120)).alert()).isFalse();
    Verdict unusual = read(cases(120, 121));
    assertThat(unusual.step()).isEqualTo(Step.ALLOW);
    assertThat(unusual.alerts()).containsExactly(Alert.ANOMALY);
    assertThat(unusual.audited()).isTrue();
    assertThat(unusual.reason())
        .isEqualTo(
            "cases 121 of 500 in 10 min (24% of the cap); unusual: 121 cases in the window,"
                + " baseline 40 over 3 windows, alert above 120");
    assertThat(read(cases(121, 200)).alert()).isFalse();
    // That window raised an alert, so it does not raise the baseline.
    clock.advance(Duration.ofMinutes(10));
    read(cases(200, 201));
    assertThat(guard.baseline(ALICE)).contains(new Baseline(40, 3));
  }

  @Test
  void aSmallBaselineAlertsOnlyAboveAFifthOfTheCap() {
    readWindows(ALICE, 4, 2);
    assertThat(read(cases(0, 100)).alert()).isFalse();
    assertThat(read(cases(100, 101)).alerts()).containsExactly(Alert.ANOMALY);
  }

  @Test
  void withoutAFewWindowsOfHistoryThereIsNoBaselineAlert() {
    readWindows(ALICE, 2, 5);
    read(cases(0, 1));
    assertThat(guard.baseline(ALICE)).contains(new Baseline(5, 2));
    assertThat(read(cases(1, 400)).alert()).isFalse();
  }

  @Test
  void baselinesSurviveSaveAndLoad() throws Exception {
    readWindows(ALICE, 3, 40);
    read(cases(0, 1));
    Path state = temp.resolve("state.json");
    guard.save(state);
    BulkReadGuard restarted = new BulkReadGuard(GuardRules.defaults(), clock);
    restarted.load(state);
    assertThat(restarted.baseline(ALICE)).contains(new Baseline(40, 3));
    assertThat(restarted.observe(ALICE, AGENT, cases(0, 121), List.of(), 0).alerts())
        .containsExactly(Alert.ANOMALY);
  }

  @Test
  void idlePrincipalsAreForgottenAndTheirLastWindowJoinsTheBaseline() {
    for (int i = 0; i < 50; i++) {
      guard.observe("user:" + i, AGENT, cases(0, i + 1), List.of(), 0);
    }
    assertThat(guard.tracked()).isEqualTo(50);
    clock.advance(Duration.ofMinutes(10));
    read(cases(0, 1));
    assertThat(guard.tracked()).isEqualTo(1);
    assertThat(guard.baseline("user:49")).contains(new Baseline(50, 1));
    assertThat(guard.counts("user:49")).isEqualTo(Counts.ZERO);
  }

  @Test
  void readingACanaryRaisesAnAlertAtOnce() {
    Canaries canaries = Canaries.of(List.of("CASE-2024-0000042"));
    guard = new BulkReadGuard(GuardRules.defaults(), clock, canaries);
    Verdict verdict = read(cases(40, 45));
    assertThat(verdict.step()).isEqualTo(Step.ALLOW);
    assertThat(verdict.answered()).isTrue();
    assertThat(verdict.alerts()).containsExactly(Alert.CANARY);
    assertThat(verdict.reason())
        .isEqualTo("cases 5 of 500 in 10 min (1% of the cap); read 1 canary case")
        .doesNotContain("CASE");
    assertThat(read(cases(45, 50)).alert()).isFalse();
    canaries.add(List.of(new Canaries.Canary("CASE-2024-0000047", START)));
    assertThat(read(cases(45, 50)).alerts()).containsExactly(Alert.CANARY);
  }

  @Test
  void theVerdictGivesTheAuditEventItsFactsWithoutIds() {
    Verdict verdict = guard.observe(ALICE, AGENT, cases(0, 500), ids("cust_", 0, 10), 3);
    assertThat(verdict.reason()).doesNotContain("CASE", "cust_");
    assertThat(verdict.details())
        .containsEntry("step", "reauthenticate")
        .containsEntry("cases", "500")
        .containsEntry("cases_cap", "500")
        .containsEntry("customers", "10")
        .containsEntry("customers_cap", "100")
        .containsEntry("reveals", "3")
        .containsEntry("reveals_cap", "20")
        .containsEntry("window_minutes", "10")
        .doesNotContainKeys("delay_ms", "alert");
    Actor actor = new Actor(ALICE, "session", AGENT, "127.0.0.1", null);
    AuditEvent event = verdict.auditEvent(actor, "3");
    assertThat(event.action()).isEqualTo(AuditAction.BULK_READ_ALERT);
    assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.DENIED);
    assertThat(event.reason()).isEqualTo(verdict.reason());
    assertThat(event.target().details()).isEqualTo(verdict.details());
    AuditEvent stamped = event.at(START);
    assertThat(AuditEventJson.decode(AuditEventJson.encode(stamped))).isEqualTo(stamped);

    Verdict allowed = guard.observe("user:bob", AGENT, cases(0, 1), List.of(), 0);
    assertThat(allowed.audited()).isFalse();
    Verdict slowed = guard.observe("user:bob", AGENT, cases(1, 300), List.of(), 0);
    assertThat(slowed.audited()).isTrue();
    assertThat(slowed.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
    assertThat(slowed.details()).containsEntry("delay_ms", "91");
    Verdict locked = guard.observe("user:bob", AGENT, cases(300, 800), List.of(), 0);
    assertThat(locked.details()).containsEntry("alert", "locked").containsEntry("step", "lock");
  }

  @Test
  void manyThreadsReadingForOnePrincipalKeepExactCounts() throws Exception {
    long seed = Long.getLong("casevault.seed", new Random().nextLong());
    System.out.println("BulkReadGuardTest: -Dcasevault.seed=" + seed);
    GuardRules rules =
        GuardRules.parse(
            "{\"version\":1,\"roles\":{\"bulk\":{\"cases\":1000000,\"customers\":1000000,"
                + "\"reveals\":1000000}}}",
            "test");
    guard = new BulkReadGuard(rules, clock);
    int threads = 16;
    int calls = 300;
    Set<String> allCases = new HashSet<>();
    Set<String> allCustomers = new HashSet<>();
    long reveals = 0;
    List<List<List<String>>> plans = new ArrayList<>();
    Random random = new Random(seed);
    for (int t = 0; t < threads; t++) {
      List<List<String>> plan = new ArrayList<>();
      for (int c = 0; c < calls; c++) {
        List<String> batch = new ArrayList<>();
        for (int i = random.nextInt(20); i > 0; i--) {
          batch.add("CASE-" + random.nextInt(50_000));
        }
        plan.add(batch);
        allCases.addAll(batch);
        batch.stream().map(id -> "tok_" + (id.hashCode() % 3000)).forEach(allCustomers::add);
        reveals += batch.size() % 3;
      }
      plans.add(plan);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (List<List<String>> plan : plans) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (List<String> batch : plan) {
                    List<String> tokens =
                        batch.stream().map(id -> "tok_" + (id.hashCode() % 3000)).toList();
                    Verdict verdict =
                        guard.observe(ALICE, List.of("bulk"), batch, tokens, batch.size() % 3);
                    assertThat(verdict.step()).isEqualTo(Step.ALLOW);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(guard.counts(ALICE))
        .as("seed %d", seed)
        .isEqualTo(new Counts(allCases.size(), allCustomers.size(), reveals));
  }

  @Test
  void concurrentReadsAcrossTheCapLockOnceWithOneAlert() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Verdict> verdicts = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int page = 0; page < 20; page++) {
                    int from = (thread * 20 + page) * 10;
                    verdicts.add(read(cases(from, from + 10)));
                  }
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(verdicts.stream().filter(v -> v.alerts().contains(Alert.LOCKED))).hasSize(1);
    assertThat(guard.isLocked(ALICE)).isTrue();
    assertThat(guard.counts(ALICE).cases()).isEqualTo(750);
    assertThat(verdicts.stream().filter(Verdict::answered).mapToLong(v -> 10).sum())
        .isLessThan(1000);
  }
}
