package dev.casevault.audit;

import dev.casevault.core.CaseId;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Canary cases: decoys that no one is assigned to, about one per {@value #CASES_PER_CANARY} real
 * cases, spread over ids and dates. A read of one is an alert in itself ({@link BulkReadGuard}
 * raises it).
 *
 * <p>This class keeps the canary ids and plans new ones; the service writes the decoy content. The
 * ids live in an owner-only file (under {@code DATA/audit/}), one id per line. Thread-safe: {@link
 * #isCanary} reads an immutable snapshot, {@link #add} replaces it.
 */
public final class Canaries {
  /** About one canary for this many real cases. */
  public static final long CASES_PER_CANARY = 10_000;

  private static final int ATTEMPTS = 1000;

  /** A planned canary: its id and the creation time its decoy content carries. */
  public record Canary(String caseId, Instant created) {
    public Canary {
      Objects.requireNonNull(created, "created");
      if (!CaseId.isValid(caseId)) {
        throw new IllegalArgumentException("not a valid case id");
      }
    }
  }

  private volatile Set<String> ids;

  private Canaries(Set<String> ids) {
    this.ids = Set.copyOf(ids);
  }

  /** No canary yet. */
  public static Canaries none() {
    return new Canaries(Set.of());
  }

  /** These ids. */
  public static Canaries of(Collection<String> ids) {
    for (String id : ids) {
      if (!CaseId.isValid(id)) {
        throw new IllegalArgumentException("not a valid case id");
      }
    }
    return new Canaries(new HashSet<>(ids));
  }

  /**
   * The canary ids in {@code file}, or none when there is no such file.
   *
   * @throws CaseVaultException when others can read the file or a line is not a case id
   */
  public static Canaries load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return none();
    }
    String text = new String(OwnerOnlyFiles.read(file), StandardCharsets.UTF_8);
    Set<String> ids = new HashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (!CaseId.isValid(line)) {
        throw new CaseVaultException(file + ":" + (i + 1) + ": not a case id");
      }
      ids.add(line);
    }
    return new Canaries(ids);
  }

  /** Writes the ids, sorted, one a line, to an owner-only file (replaced atomically). */
  public void save(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    for (String id : new java.util.TreeSet<>(ids)) {
      out.append(id).append('\n');
    }
    OwnerOnlyFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
  }

  public boolean isCanary(String caseId) {
    return ids.contains(caseId);
  }

  /** How many of {@code caseIds} are canaries. */
  public int count(Collection<String> caseIds) {
    Set<String> current = ids;
    if (current.isEmpty()) {
      return 0;
    }
    int count = 0;
    for (String id : caseIds) {
      if (current.contains(id)) {
        count++;
      }
    }
    return count;
  }

  public int size() {
    return ids.size();
  }

  public Set<String> ids() {
    return ids;
  }

  /** Adds the planned canaries (once the service has stored their decoy content). */
  public synchronized void add(Collection<Canary> canaries) {
    Set<String> next = new HashSet<>(ids);
    for (Canary canary : canaries) {
      next.add(canary.caseId());
    }
    ids = Set.copyOf(next);
  }

  /** How many canaries a store of {@code realCases} cases should hold: at least one, if any. */
  public static long wanted(long realCases) {
    if (realCases <= 0) {
      return 0;
    }
    return Math.max(1, Math.round((double) realCases / CASES_PER_CANARY));
  }

  /** {@link #plan(List, List, long, RandomGenerator, Predicate)} with nothing else taken. */
  public List<Canary> plan(
      List<String> sampleIds,
      List<Instant> sampleCreated,
      long ingestedCount,
      RandomGenerator random) {
    return plan(sampleIds, sampleCreated, ingestedCount, random, id -> false);
  }

  /**
   * The new canaries a store of {@code ingestedCount} real cases needs so that it holds {@link
   * #wanted} of them, given the ones it has; none when it has enough.
   *
   * <p>Each canary's id is shaped like a real one: a sample id whose last run of digits is replaced
   * by a number drawn between the smallest and largest of the sample ids of the same shape (same
   * text around it, same number of digits), so {@code CASE-2019-0001234} gives {@code
   * CASE-2019-00xxxxx}. An id without digits keeps its letters' kinds (hex stays hex). Its creation
   * time is interpolated between those of the sample ids whose numbers surround it, cut to the
   * precision of the sample's times, so ids and dates keep the relation real ones have. A canary id
   * never equals a sample id, an existing canary, another planned one, or an id {@code taken}
   * accepts (e.g. a stored case).
   *
   * @param sampleIds real case ids, e.g. the batch just ingested or a random sample of the store
   * @param sampleCreated the creation time of each sample id, in the same order
   * @param ingestedCount how many real cases the store holds
   * @throws IllegalArgumentException when canaries are needed and the sample is empty, or the lists
   *     differ in length
   * @throws CaseVaultException when no free id of the sample's shapes can be found
   */
  public List<Canary> plan(
      List<String> sampleIds,
      List<Instant> sampleCreated,
      long ingestedCount,
      RandomGenerator random,
      Predicate<String> taken) {
    if (sampleIds.size() != sampleCreated.size()) {
      throw new IllegalArgumentException("one creation time per sample id");
    }
    Set<String> existing = ids;
    long needed = wanted(ingestedCount) - existing.size();
    if (needed <= 0) {
      return List.of();
    }
    if (sampleIds.isEmpty()) {
      throw new IllegalArgumentException("canaries are shaped after real ids: give a sample");
    }
    Planner planner = new Planner(sampleIds, sampleCreated, existing, taken, random);
    List<Canary> planned = new ArrayList<>();
    for (long i = 0; i < needed; i++) {
      planned.add(planner.next());
    }
    return List.copyOf(planned);
  }

  /** The sample split into shapes, and the ids already used. */
  private static final class Planner {
    private final List<String> sampleIds;
    private final List<Instant> sampleCreated;
    private final Set<String> used = new HashSet<>();
    private final Predicate<String> taken;
    private final RandomGenerator random;
    private final Map<Shape, TreeMap<Long, Instant>> numbered = new HashMap<>();
    private final ChronoUnit precision;

    Planner(
        List<String> sampleIds,
        List<Instant> sampleCreated,
        Set<String> existing,
        Predicate<String> taken,
        RandomGenerator random) {
      this.sampleIds = List.copyOf(sampleIds);
      this.sampleCreated = List.copyOf(sampleCreated);
      this.taken = taken;
      this.random = random;
      used.addAll(existing);
      used.addAll(this.sampleIds);
      for (int i = 0; i < this.sampleIds.size(); i++) {
        Shape shape = Shape.of(this.sampleIds.get(i));
        if (shape != null) {
          numbered
              .computeIfAbsent(shape, s -> new TreeMap<>())
              .putIfAbsent(shape.number(this.sampleIds.get(i)), this.sampleCreated.get(i));
        }
      }
      precision = precision(this.sampleCreated);
    }

    Canary next() {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        int template = random.nextInt(sampleIds.size());
        String templateId = sampleIds.get(template);
        Shape shape = Shape.of(templateId);
        Canary candidate =
            shape != null
                ? numberedLike(shape, attempt >= ATTEMPTS / 2)
                : new Canary(lettersLike(templateId), sampleCreated.get(template));
        if (candidate != null && free(candidate.caseId())) {
          used.add(candidate.caseId());
          return candidate;
        }
      }
      throw new CaseVaultException(
          "no free canary id of the sample's shapes after "
              + ATTEMPTS
              + " attempts; give a larger sample");
    }

    private boolean free(String id) {
      return CaseId.isValid(id) && !used.contains(id) && !taken.test(id);
    }

    /**
     * A number between the smallest and largest of its shape (after many failures, anywhere its
     * digits allow: a dense range has no room left).
     */
    private Canary numberedLike(Shape shape, boolean anywhere) {
      TreeMap<Long, Instant> known = numbered.get(shape);
      long low = anywhere ? 0 : known.firstKey();
      long high = anywhere ? shape.largest() : known.lastKey();
      long number = low == high ? low : random.nextLong(low, high + 1);
      return new Canary(shape.id(number), createdAround(known, number));
    }

    /** Interpolated between the creation times of the nearest numbers below and above. */
    private Instant createdAround(TreeMap<Long, Instant> known, long number) {
      Map.Entry<Long, Instant> below = known.floorEntry(number);
      Map.Entry<Long, Instant> above = known.ceilingEntry(number);
      Instant created;
      if (below == null) {
        created = above.getValue();
      } else if (above == null || above.getKey().equals(below.getKey())) {
        created = below.getValue();
      } else {
        double share = (double) (number - below.getKey()) / (above.getKey() - below.getKey());
        Duration span = Duration.between(below.getValue(), above.getValue());
        created = below.getValue().plusMillis(Math.round(span.toMillis() * share));
      }
      return created.truncatedTo(precision);
    }

    /** Each letter or digit of the last run of letters and digits replaced by one of its kind. */
    private String lettersLike(String template) {
      int end = template.length();
      while (end > 0 && !Character.isLetterOrDigit(template.charAt(end - 1))) {
        end--;
      }
      int start = end;
      while (start > 0 && Character.isLetterOrDigit(template.charAt(start - 1))) {
        start--;
      }
      String run = template.substring(start, end);
      boolean hex =
          run.chars().anyMatch(Canaries::isDigit)
              && run.chars().anyMatch(c -> c >= 'a' && c <= 'f')
              && run.chars().allMatch(c -> isDigit(c) || (c >= 'a' && c <= 'f'));
      StringBuilder out = new StringBuilder(template.substring(0, start));
      for (char c : run.toCharArray()) {
        if (hex) {
          out.append(Character.forDigit(random.nextInt(16), 16));
        } else if (c >= 'A' && c <= 'Z') {
          out.append((char) ('A' + random.nextInt(26)));
        } else if (c >= 'a' && c <= 'z') {
          out.append((char) ('a' + random.nextInt(26)));
        } else {
          out.append((char) ('0' + random.nextInt(10)));
        }
      }
      return out.append(template.substring(end)).toString();
    }

    /** The coarsest of minutes, seconds and milliseconds that every sample time is a whole of. */
    private static ChronoUnit precision(List<Instant> times) {
      for (ChronoUnit unit : List.of(ChronoUnit.MINUTES, ChronoUnit.SECONDS, ChronoUnit.MILLIS)) {
        if (times.stream().allMatch(t -> t.truncatedTo(unit).equals(t))) {
          return unit;
        }
      }
      return ChronoUnit.NANOS;
    }
  }

  /**
   * An id's text around its last run of digits, and that run's length: {@code CASE-2019-0001234} is
   * {@code CASE-2019-} + 7 digits + nothing.
   */
  private record Shape(String prefix, int digits, String suffix) {
    static Shape of(String id) {
      int end = id.length();
      while (end > 0 && !isDigit(id.charAt(end - 1))) {
        end--;
      }
      int start = end;
      while (start > 0 && isDigit(id.charAt(start - 1))) {
        start--;
      }
      int digits = end - start;
      if (digits == 0 || digits > 18) {
        return null;
      }
      return new Shape(id.substring(0, start), digits, id.substring(end));
    }

    long number(String id) {
      return Long.parseLong(id, prefix.length(), prefix.length() + digits, 10);
    }

    long largest() {
      long largest = 1;
      for (int i = 0; i < digits; i++) {
        largest *= 10;
      }
      return largest - 1;
    }

    String id(long number) {
      String text = Long.toString(number);
      return prefix + "0".repeat(digits - text.length()) + text + suffix;
    }
  }

  @Override
  public String toString() {
    return "Canaries[" + ids.size() + "]";
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
