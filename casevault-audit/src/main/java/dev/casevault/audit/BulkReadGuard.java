package dev.casevault.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The bulk-read guard, inline in the read path: per principal, a sliding window of the distinct
 * cases, distinct customers and revealed values it read, compared with the caps of its roles
 * ({@link GuardRules}), answered with a step of a ladder.
 *
 * <p>The service calls {@link #observe} after a read is computed and before it is answered, and
 * acts on the {@link Verdict}:
 *
 * <ul>
 *   <li>below {@value #SLOW_DOWN_AT} of every cap: {@link Step#ALLOW};
 *   <li>from {@value #SLOW_DOWN_AT}: {@link Step#SLOW_DOWN}, answered after {@link Verdict#delay}
 *       (50 ms at half the cap, growing to 1 s just under it);
 *   <li>from {@value #REAUTHENTICATE_AT}: {@link Step#REAUTHENTICATE}, the read is refused and the
 *       caller revokes the principal's sessions. After the principal has logged in again (the
 *       caller says so with {@link #reauthenticated}), its reads up to {@value #LOCK_AT} are
 *       answered at the slowest pace;
 *   <li>from {@value #LOCK_AT}: {@link Step#LOCK}, the read is refused, the principal is locked
 *       until {@link #unlock} and an alert is raised.
 * </ul>
 *
 * A refused read still counts (what was asked for, not only what was answered), so a principal that
 * keeps asking climbs the ladder. The caller records every verdict that is {@link
 * Verdict#audited()} as an {@link AuditAction#BULK_READ_ALERT} event ({@link Verdict#auditEvent}).
 *
 * <p>Beyond the caps, two alerts leave the step unchanged: a read of a canary case ({@link
 * Canaries}), and a window far above the principal's own baseline (the most distinct cases it read
 * in one window before; see {@link Baseline}).
 *
 * <p>Thread-safe; no I/O except {@link #save} and {@link #load}. Locks and baselines persist
 * through those; the windows live in memory only, each bounded to twice its cap, and a principal
 * idle for a whole window is forgotten.
 */
public final class BulkReadGuard {
  public static final double SLOW_DOWN_AT = 0.5;
  public static final double REAUTHENTICATE_AT = 1.0;
  public static final double LOCK_AT = 1.5;

  /** The delay at {@link #SLOW_DOWN_AT} of a cap. */
  public static final Duration FIRST_DELAY = Duration.ofMillis(50);

  /** The delay just under a cap, and past it after logging in again. */
  public static final Duration LAST_DELAY = Duration.ofSeconds(1);

  /** Completed windows of history before the baseline can raise an alert. */
  public static final int BASELINE_MIN_WINDOWS = 3;

  /** A window above this many times the baseline is unusual... */
  public static final int BASELINE_FACTOR = 3;

  /** ...and above this share of the role's case cap. */
  public static final double BASELINE_FLOOR = 0.2;

  private static final int STATE_VERSION = 1;
  private static final long NONE = Long.MIN_VALUE;

  /** The steps of the ladder, mildest first. */
  public enum Step {
    ALLOW,
    SLOW_DOWN,
    REAUTHENTICATE,
    LOCK;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the read that got this step is answered. */
    public boolean answered() {
      return this == ALLOW || this == SLOW_DOWN;
    }
  }

  /** Why a verdict raises an alert. */
  public enum Alert {
    /** The principal was locked by this read. */
    LOCKED,
    /** The read included a canary case. */
    CANARY,
    /** The window is far above the principal's baseline. */
    ANOMALY;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a principal read in the current window. */
  public record Counts(long cases, long customers, long reveals) {
    public static final Counts ZERO = new Counts(0, 0, 0);
  }

  /** A locked principal: since when and why (the verdict's reason, so no ids). */
  public record Lock(String principalId, Instant since, String reason) {
    public Lock {
      Objects.requireNonNull(principalId, "principalId");
      Objects.requireNonNull(since, "since");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * A principal's baseline: the most distinct cases it read within one window, over the windows it
   * was active in that ended without an alert or a refusal.
   *
   * @param cases that largest count
   * @param windows how many such windows it was active in
   */
  public record Baseline(long cases, int windows) {
    public Baseline {
      if (cases < 0 || windows < 0) {
        throw new IllegalArgumentException("a baseline counts from 0");
      }
    }
  }

  /**
   * What the caller does with a read.
   *
   * @param step the ladder step
   * @param delay how long to wait before answering ({@link Step#SLOW_DOWN}), else zero
   * @param alerts why this read raises an alert; empty for none
   * @param reason one line naming the counter, its count and cap, and the step; never an id
   * @param counts what the principal read in the window, this read included
   * @param caps the principal's caps
   * @param window the window's length
   */
  public record Verdict(
      Step step,
      Duration delay,
      Set<Alert> alerts,
      String reason,
      Counts counts,
      GuardRules.Caps caps,
      Duration window) {
    public Verdict {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(counts, "counts");
      Objects.requireNonNull(caps, "caps");
      Objects.requireNonNull(window, "window");
      alerts =
          alerts.isEmpty()
              ? Set.of()
              : java.util.Collections.unmodifiableSet(EnumSet.copyOf(alerts));
    }

    /** Whether an alert is raised. */
    public boolean alert() {
      return !alerts.isEmpty();
    }

    /** Whether the read is answered (after {@link #delay}). */
    public boolean answered() {
      return step.answered();
    }

    /** Whether the caller records it: every step but {@link Step#ALLOW}, and every alert. */
    public boolean audited() {
      return step != Step.ALLOW || alert();
    }

    public AuditEvent.Outcome outcome() {
      return answered() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.DENIED;
    }

    /** The facts an audit event carries: step, counts, caps, delay, alerts; never an id. */
    public SortedMap<String, String> details() {
      SortedMap<String, String> details = new TreeMap<>();
      details.put("step", step.wireName());
      details.put("cases", Long.toString(counts.cases()));
      details.put("cases_cap", Integer.toString(caps.cases()));
      details.put("customers", Long.toString(counts.customers()));
      details.put("customers_cap", Integer.toString(caps.customers()));
      details.put("reveals", Long.toString(counts.reveals()));
      details.put("reveals_cap", Integer.toString(caps.reveals()));
      details.put("window_minutes", Long.toString(window.toMinutes()));
      if (!delay.isZero()) {
        details.put("delay_ms", Long.toString(delay.toMillis()));
      }
      if (alert()) {
        details.put("alert", alerts.stream().map(Alert::wireName).collect(Collectors.joining(",")));
      }
      return details;
    }

    /**
     * The {@link AuditAction#BULK_READ_ALERT} event for this verdict; the caller adds the read's
     * cases and customers with {@link AuditEvent#withTarget} if it wants them in the same event.
     */
    public AuditEvent auditEvent(Actor actor, String policyVersion) {
      return AuditEvent.of(AuditAction.BULK_READ_ALERT, outcome(), actor, policyVersion)
          .withReason(reason)
          .withTarget(AuditTarget.details(details()));
    }
  }

  private final GuardRules rules;
  private final Clock clock;
  private final Canaries canaries;
  private final long windowMillis;
  private final ConcurrentHashMap<String, Activity> activities = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Lock> locks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Baseline> baselines = new ConcurrentHashMap<>();
  private final AtomicLong lastSweep;
  private final AtomicBoolean changed = new AtomicBoolean();
  private final Object saving = new Object();

  public BulkReadGuard(GuardRules rules, Clock clock) {
    this(rules, clock, Canaries.none());
  }

  /** A guard that also raises an alert on every read of one of {@code canaries}. */
  public BulkReadGuard(GuardRules rules, Clock clock, Canaries canaries) {
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.canaries = Objects.requireNonNull(canaries, "canaries");
    this.windowMillis = rules.window().toMillis();
    this.lastSweep = new AtomicLong(clock.millis());
  }

  public GuardRules rules() {
    return rules;
  }

  /**
   * Counts a read and says what to do with it: called after the read is computed and before it is
   * answered. Ids already read in the window do not count again.
   *
   * @param principalId who reads
   * @param roles its roles (their caps apply, the largest per counter)
   * @param caseIds the cases the answer returns (hits of a search, the case of a read, ...)
   * @param customerTokens the customer tokens of those cases
   * @param revealedValues how many sealed values the answer reveals
   */
  public Verdict observe(
      String principalId,
      Collection<String> roles,
      Collection<String> caseIds,
      Collection<String> customerTokens,
      int revealedValues) {
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(caseIds, "caseIds");
    Objects.requireNonNull(customerTokens, "customerTokens");
    if (revealedValues < 0) {
      throw new IllegalArgumentException("revealedValues must be >= 0");
    }
    GuardRules.Caps caps = rules.capsFor(roles);
    int canaryReads = canaries.count(caseIds);
    long now = clock.millis();
    sweep(now);
    while (true) {
      Activity activity = activities.computeIfAbsent(principalId, id -> new Activity());
      synchronized (activity) {
        if (activity.retired) {
          continue;
        }
        return observe(
            principalId, activity, caps, caseIds, customerTokens, revealedValues, canaryReads, now);
      }
    }
  }

  private Verdict observe(
      String principalId,
      Activity activity,
      GuardRules.Caps caps,
      Collection<String> caseIds,
      Collection<String> customerTokens,
      int revealedValues,
      int canaryReads,
      long clockNow) {
    long now = activity.advance(clockNow, windowMillis);
    Lock lock = locks.get(principalId);
    if (lock != null) {
      return new Verdict(
          Step.LOCK,
          Duration.ZERO,
          Set.of(),
          "locked since " + lock.since() + ": " + lock.reason(),
          activity.counts(),
          caps,
          rules.window());
    }
    rollPeriod(principalId, activity, now);
    long cases = activity.cases.add(caseIds, now, 2L * caps.cases());
    long customers = activity.customers.add(customerTokens, now, 2L * caps.customers());
    activity.reveal(revealedValues, now);
    Counts counts = new Counts(cases, customers, activity.revealed);
    activity.periodPeak = Math.max(activity.periodPeak, cases);

    Worst worst = Worst.of(counts, caps);
    Step step;
    Duration delay = Duration.ZERO;
    String action;
    if (worst.fraction >= LOCK_AT) {
      step = Step.LOCK;
      action = "locked";
    } else if (worst.fraction >= REAUTHENTICATE_AT) {
      if (activity.reauthenticated) {
        step = Step.SLOW_DOWN;
        delay = LAST_DELAY;
        action = "over the cap after logging in again, slowed down by " + delay.toMillis() + " ms";
      } else {
        step = Step.REAUTHENTICATE;
        activity.reauthenticationAsked = true;
        action = "refused, log in again";
      }
    } else {
      activity.reauthenticationAsked = false;
      activity.reauthenticated = false;
      if (worst.fraction >= SLOW_DOWN_AT) {
        step = Step.SLOW_DOWN;
        delay = delay(worst.fraction);
        action = "slowed down by " + delay.toMillis() + " ms";
      } else {
        step = Step.ALLOW;
        action = null;
      }
    }

    StringBuilder reason = new StringBuilder(worst.describe(rules.window()));
    if (action != null) {
      reason.append(": ").append(action);
    }
    EnumSet<Alert> alerts = EnumSet.noneOf(Alert.class);
    if (canaryReads > 0) {
      alerts.add(Alert.CANARY);
      reason
          .append("; read ")
          .append(canaryReads)
          .append(canaryReads == 1 ? " canary case" : " canary cases");
    }
    Baseline baseline = baselines.get(principalId);
    if (baseline != null && baseline.windows() >= BASELINE_MIN_WINDOWS && !activity.periodAnomaly) {
      long threshold =
          Math.max(
              BASELINE_FACTOR * baseline.cases(), (long) Math.ceil(BASELINE_FLOOR * caps.cases()));
      if (cases > threshold) {
        activity.periodAnomaly = true;
        alerts.add(Alert.ANOMALY);
        reason
            .append("; unusual: ")
            .append(cases)
            .append(" cases in the window, baseline ")
            .append(baseline.cases())
            .append(" over ")
            .append(baseline.windows())
            .append(" windows, alert above ")
            .append(threshold);
      }
    }
    if (step == Step.LOCK) {
      alerts.add(Alert.LOCKED);
      locks.put(principalId, new Lock(principalId, Instant.ofEpochMilli(now), reason.toString()));
      changed.set(true);
    }
    if (!step.answered() || !alerts.isEmpty()) {
      activity.periodFlagged = true;
    }
    return new Verdict(step, delay, alerts, reason.toString(), counts, caps, rules.window());
  }

  /** 50 ms at half the cap, 1 s at the cap: 20 times as long over that half, geometrically. */
  static Duration delay(double fraction) {
    double share = Math.min(1, Math.max(0, (fraction - SLOW_DOWN_AT) / (1 - SLOW_DOWN_AT)));
    double ratio = (double) LAST_DELAY.toMillis() / FIRST_DELAY.toMillis();
    long millis = Math.round(FIRST_DELAY.toMillis() * Math.pow(ratio, share));
    return Duration.ofMillis(Math.min(LAST_DELAY.toMillis(), millis));
  }

  /**
   * Tells the guard that the principal has logged in again after a {@link Step#REAUTHENTICATE}:
   * until its counts fall back under every cap, its reads up to {@value #LOCK_AT} of a cap are
   * answered after {@link #LAST_DELAY} instead of refused. The caller calls it on an interactive
   * login (password, OIDC), not for an API key, which cannot log in again.
   *
   * @return whether a re-authentication was asked for (else nothing changes)
   */
  public boolean reauthenticated(String principalId) {
    Activity activity = activities.get(principalId);
    if (activity == null) {
      return false;
    }
    synchronized (activity) {
      if (!activity.reauthenticationAsked) {
        return false;
      }
      activity.reauthenticationAsked = false;
      activity.reauthenticated = true;
      return true;
    }
  }

  public boolean isLocked(String principalId) {
    return locks.containsKey(principalId);
  }

  public Optional<Lock> lock(String principalId) {
    return Optional.ofNullable(locks.get(principalId));
  }

  /** Every locked principal, the earliest locked first. */
  public List<Lock> locks() {
    return locks.values().stream()
        .sorted(Comparator.comparing(Lock::since).thenComparing(Lock::principalId))
        .toList();
  }

  /**
   * Unlocks the principal and empties its window (an administrator judged its reads legitimate;
   * counting them again would lock it at its next read). The caller records {@link
   * AuditAction#PRINCIPAL_UNLOCKED}.
   *
   * @return whether it was locked
   */
  public boolean unlock(String principalId) {
    Activity activity = activities.get(principalId);
    if (activity != null) {
      synchronized (activity) {
        activity.clear();
        activity.periodFlagged = true;
      }
    }
    boolean wasLocked = locks.remove(principalId) != null;
    if (wasLocked) {
      changed.set(true);
    }
    return wasLocked;
  }

  /** What the principal read in the current window. */
  public Counts counts(String principalId) {
    Activity activity = activities.get(principalId);
    if (activity == null) {
      return Counts.ZERO;
    }
    synchronized (activity) {
      activity.expire(Math.max(activity.last, clock.millis()) - windowMillis);
      return activity.counts();
    }
  }

  public Optional<Baseline> baseline(String principalId) {
    return Optional.ofNullable(baselines.get(principalId));
  }

  /** How many principals have a window in memory. */
  int tracked() {
    return activities.size();
  }

  /** Starts a new period once the current one is a window old, folding it into the baseline. */
  private void rollPeriod(String principalId, Activity activity, long now) {
    if (activity.periodStart == NONE) {
      activity.periodStart = now;
    } else if (now - activity.periodStart >= windowMillis) {
      fold(principalId, activity);
      activity.periodStart = now;
    }
  }

  private void fold(String principalId, Activity activity) {
    if (!activity.periodFlagged) {
      long peak = activity.periodPeak;
      baselines.merge(
          principalId,
          new Baseline(peak, 1),
          (old, one) -> new Baseline(Math.max(old.cases(), peak), old.windows() + 1));
      changed.set(true);
    }
    activity.periodStart = NONE;
    activity.periodPeak = 0;
    activity.periodFlagged = false;
    activity.periodAnomaly = false;
  }

  /** At most once a window: forgets principals idle for a whole window. */
  private void sweep(long now) {
    long last = lastSweep.get();
    if (now - last < windowMillis || !lastSweep.compareAndSet(last, now)) {
      return;
    }
    for (Map.Entry<String, Activity> entry : activities.entrySet()) {
      Activity activity = entry.getValue();
      synchronized (activity) {
        if (activity.last != NONE && now - activity.last >= windowMillis) {
          if (activity.periodStart != NONE) {
            fold(entry.getKey(), activity);
          }
          activity.retired = true;
          activities.remove(entry.getKey(), activity);
        }
      }
    }
  }

  /**
   * Writes the locks and baselines to an owner-only JSON file, replaced atomically. The caller
   * saves after a {@link Step#LOCK} verdict with an alert, after {@link #unlock}, and now and then
   * (or uses {@link #saveIfChanged}).
   */
  public void save(Path file) throws IOException {
    synchronized (saving) {
      changed.set(false);
      try {
        OwnerOnlyFiles.write(file, encodeState());
      } catch (IOException | RuntimeException e) {
        changed.set(true);
        throw e;
      }
    }
  }

  /**
   * {@link #save}s when a lock or a baseline changed since the last save or load.
   *
   * @return whether it wrote the file
   */
  public boolean saveIfChanged(Path file) throws IOException {
    synchronized (saving) {
      if (!changed.get()) {
        return false;
      }
      save(file);
      return true;
    }
  }

  /**
   * Replaces the locks and baselines with those in {@code file}; no file means none.
   *
   * @throws CaseVaultException when others can read the file or it is not a valid state file
   */
  public void load(Path file) throws IOException {
    Map<String, Lock> loadedLocks = new HashMap<>();
    Map<String, Baseline> loadedBaselines = new HashMap<>();
    if (Files.exists(file)) {
      decodeState(OwnerOnlyFiles.read(file), file.toString(), loadedLocks, loadedBaselines);
    }
    synchronized (saving) {
      locks.clear();
      locks.putAll(loadedLocks);
      baselines.clear();
      baselines.putAll(loadedBaselines);
      changed.set(false);
    }
  }

  private byte[] encodeState() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("version", STATE_VERSION);
    ArrayNode lockList = root.putArray("locks");
    for (Lock lock : locks()) {
      ObjectNode node = lockList.addObject();
      node.put("principal", lock.principalId());
      node.put("since", lock.since().toString());
      node.put("reason", lock.reason());
    }
    ObjectNode baselineMap = root.putObject("baselines");
    for (Map.Entry<String, Baseline> entry : new TreeMap<>(baselines).entrySet()) {
      ObjectNode node = baselineMap.putObject(entry.getKey());
      node.put("cases", entry.getValue().cases());
      node.put("windows", entry.getValue().windows());
    }
    try {
      return (mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void decodeState(
      byte[] bytes, String source, Map<String, Lock> locks, Map<String, Baseline> baselines) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(bytes);
    } catch (IOException e) {
      throw new CaseVaultException(source + ": not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new CaseVaultException(source + ": must be a JSON object");
    }
    knownKeys(root, "", Set.of("version", "locks", "baselines"), source);
    JsonNode version = root.get("version");
    if (version == null || !version.isIntegralNumber() || version.longValue() != STATE_VERSION) {
      throw new CaseVaultException(source + ": version: required, and must be " + STATE_VERSION);
    }
    JsonNode lockList = root.path("locks");
    if (!lockList.isMissingNode()) {
      if (!lockList.isArray()) {
        throw new CaseVaultException(source + ": locks: must be a list");
      }
      for (int i = 0; i < lockList.size(); i++) {
        String path = "locks[" + i + "]";
        JsonNode node = lockList.get(i);
        if (!node.isObject()) {
          throw new CaseVaultException(source + ": " + path + ": must be an object");
        }
        knownKeys(node, path + ".", Set.of("principal", "since", "reason"), source);
        String principal = text(node, "principal", path, source);
        Instant since;
        try {
          since = Instant.parse(text(node, "since", path, source));
        } catch (DateTimeParseException e) {
          throw new CaseVaultException(source + ": " + path + ".since: not an ISO-8601 instant");
        }
        locks.put(principal, new Lock(principal, since, text(node, "reason", path, source)));
      }
    }
    JsonNode baselineMap = root.path("baselines");
    if (!baselineMap.isMissingNode()) {
      if (!baselineMap.isObject()) {
        throw new CaseVaultException(source + ": baselines: must be an object");
      }
      for (Map.Entry<String, JsonNode> entry : baselineMap.properties()) {
        String path = "baselines." + entry.getKey();
        JsonNode node = entry.getValue();
        if (!node.isObject()) {
          throw new CaseVaultException(source + ": " + path + ": must be an object");
        }
        knownKeys(node, path + ".", Set.of("cases", "windows"), source);
        long cases = wholeNumber(node, "cases", path, source, Long.MAX_VALUE);
        long windows = wholeNumber(node, "windows", path, source, Integer.MAX_VALUE);
        baselines.put(entry.getKey(), new Baseline(cases, (int) windows));
      }
    }
  }

  private static String text(JsonNode node, String key, String path, String source) {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw new CaseVaultException(source + ": " + path + "." + key + ": required, a string");
    }
    return value.textValue();
  }

  private static long wholeNumber(JsonNode node, String key, String path, String source, long max) {
    JsonNode value = node.get(key);
    if (value == null
        || !value.isIntegralNumber()
        || !value.canConvertToLong()
        || value.longValue() < 0
        || value.longValue() > max) {
      throw new CaseVaultException(
          source + ": " + path + "." + key + ": must be a whole number >= 0");
    }
    return value.longValue();
  }

  private static void knownKeys(JsonNode node, String prefix, Set<String> known, String source) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new CaseVaultException(source + ": " + prefix + name + ": unknown key");
      }
    }
  }

  /** The counter at the highest fraction of its cap (cases first on a tie). */
  private record Worst(String counter, long count, int cap, double fraction) {
    static Worst of(Counts counts, GuardRules.Caps caps) {
      Worst worst = new Worst("cases", counts.cases(), caps.cases());
      Worst customers = new Worst("customers", counts.customers(), caps.customers());
      if (customers.fraction > worst.fraction) {
        worst = customers;
      }
      Worst reveals = new Worst("reveals", counts.reveals(), caps.reveals());
      if (reveals.fraction > worst.fraction) {
        worst = reveals;
      }
      return worst;
    }

    Worst(String counter, long count, int cap) {
      this(
          counter,
          count,
          cap,
          count == 0 ? 0 : cap == 0 ? Double.POSITIVE_INFINITY : (double) count / cap);
    }

    String describe(Duration window) {
      String share =
          cap == 0 && count > 0
              ? "this role reads none"
              : (long) Math.floor(fraction * 100) + "% of the cap";
      return counter
          + " "
          + count
          + " of "
          + cap
          + " in "
          + window.toMinutes()
          + " min ("
          + share
          + ")";
    }
  }

  /** One principal's window and ladder state; guarded by its own monitor. */
  private static final class Activity {
    final IdWindow cases = new IdWindow();
    final IdWindow customers = new IdWindow();
    final ArrayDeque<long[]> reveals = new ArrayDeque<>();
    long revealed;
    long last = NONE;
    boolean reauthenticationAsked;
    boolean reauthenticated;
    long periodStart = NONE;
    long periodPeak;
    boolean periodFlagged;
    boolean periodAnomaly;
    boolean retired;

    /** Moves to {@code clockNow} (never backwards) and lets reads older than the window go. */
    long advance(long clockNow, long windowMillis) {
      long now = last == NONE ? clockNow : Math.max(last, clockNow);
      last = now;
      expire(now - windowMillis);
      return now;
    }

    void expire(long cutoff) {
      cases.expire(cutoff);
      customers.expire(cutoff);
      while (!reveals.isEmpty() && reveals.peekFirst()[0] <= cutoff) {
        revealed -= reveals.pollFirst()[1];
      }
    }

    void reveal(int values, long now) {
      if (values > 0) {
        reveals.addLast(new long[] {now, values});
        revealed += values;
      }
    }

    Counts counts() {
      return new Counts(cases.size(), customers.size(), revealed);
    }

    void clear() {
      cases.clear();
      customers.clear();
      reveals.clear();
      revealed = 0;
      reauthenticationAsked = false;
      reauthenticated = false;
    }
  }

  /** Distinct ids by the time each was last read, oldest first. */
  private static final class IdWindow {
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    void expire(long cutoff) {
      Iterator<Long> times = seen.values().iterator();
      while (times.hasNext() && times.next() <= cutoff) {
        times.remove();
      }
    }

    /**
     * Adds the ids read at {@code now} and returns how many distinct ids the window holds; ids past
     * {@code room} are counted but not kept (the principal is locked long before).
     */
    long add(Collection<String> ids, long now, long room) {
      Set<String> unkept = null;
      for (String id : ids) {
        Objects.requireNonNull(id, "id");
        if (seen.remove(id) != null || seen.size() < room) {
          seen.put(id, now);
        } else {
          if (unkept == null) {
            unkept = new HashSet<>();
          }
          unkept.add(id);
        }
      }
      return seen.size() + (unkept == null ? 0 : unkept.size());
    }

    int size() {
      return seen.size();
    }

    void clear() {
      seen.clear();
    }
  }
}
