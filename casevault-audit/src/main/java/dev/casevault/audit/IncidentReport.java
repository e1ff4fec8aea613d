package dev.casevault.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the audit log says about a time window, for a breach notification (GDPR Art. 33 asks for the
 * categories and approximate number of data subjects and records concerned, within 72 hours): which
 * cases were read and by whom, which customers (as tokens) they belong to, what each principal did,
 * and the alerts and denials of the window.
 *
 * <p>"Read" means an event whose action {@linkplain AuditAction#readsCaseData() returns case data}
 * (search, suggest, read, reveal, export) and whose outcome is success: search and suggestion
 * events count the cases they returned. Everything is ids and tokens, as the log holds them.
 *
 * @param since the first instant of the window
 * @param until the first instant after the window
 * @param principal the principal the report is limited to, or null for all
 * @param origin the audit log's origin
 * @param generatedAt when the report was made
 * @param scanned how many log entries were read
 * @param unreadable the entries that are not events, each with its index: the report may miss what
 *     they recorded
 * @param principals per principal, most active first
 * @param cases the distinct cases read, by first read
 * @param customers the distinct customer tokens of the cases read, sorted
 * @param alerts the bulk-read alerts of the window
 * @param denials the refused requests of the window
 */
public record IncidentReport(
    Instant since,
    Instant until,
    String principal,
    String origin,
    Instant generatedAt,
    long scanned,
    List<Unreadable> unreadable,
    List<PrincipalActivity> principals,
    List<CaseRead> cases,
    List<String> customers,
    List<Notice> alerts,
    List<Notice> denials) {

  private static final JsonFactory JSON = new JsonFactory();

  public IncidentReport {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    unreadable = List.copyOf(unreadable);
    principals = List.copyOf(principals);
    cases = List.copyOf(cases);
    customers = List.copyOf(customers);
    alerts = List.copyOf(alerts);
    denials = List.copyOf(denials);
  }

  /** An entry that could not be read as an event. */
  public record Unreadable(long index, String problem) {}

  /**
   * What one principal did in the window.
   *
   * @param events its successful events that returned case data
   * @param cases the distinct cases they returned
   * @param customers the distinct customer tokens of those cases
   * @param reveals its successful reveals of original values
   * @param exports its successful exports
   * @param denials its refused requests
   * @param alerts the bulk-read alerts raised about it
   * @param first its first event of the window (any kind counted here)
   * @param last its last event of the window
   */
  public record PrincipalActivity(
      String principal,
      long events,
      long cases,
      long customers,
      long reveals,
      long exports,
      long denials,
      long alerts,
      Instant first,
      Instant last) {}

  /** One case read in the window: when first and last, how many events, by whom. */
  public record CaseRead(
      String caseId, Instant firstRead, Instant lastRead, long events, List<String> principals) {
    public CaseRead {
      principals = List.copyOf(principals);
    }
  }

  /** An alert or a denial: the entry's index and what it says. */
  public record Notice(
      long index,
      Instant time,
      String principal,
      AuditAction action,
      AuditEvent.Outcome outcome,
      String reason,
      SortedMap<String, String> details) {}

  /**
   * Reads the log in {@code dir} and reports on [since, until), limited to {@code principal} when
   * it is not null.
   *
   * @throws IllegalArgumentException when since is not before until
   */
  public static IncidentReport of(
      Path dir, Instant since, Instant until, String principal, Instant generatedAt)
      throws IOException {
    Builder builder = new Builder(since, until, principal);
    String origin = AuditEvents.origin(dir);
    try (AuditEvents events = AuditEvents.open(dir)) {
      for (AuditEvents.Entry entry = events.next(); entry != null; entry = events.next()) {
        builder.add(entry);
      }
    }
    return builder.build(origin, generatedAt);
  }

  /** Collects the entries of a log, in order, into a report. */
  public static final class Builder {
    private final AuditQuery window;
    private final String principal;
    private long scanned;
    private final List<Unreadable> unreadable = new ArrayList<>();
    private final Map<String, Activity> activity = new HashMap<>();
    private final Map<String, CaseActivity> cases = new HashMap<>();
    private final SortedSet<String> customers = new TreeSet<>();
    private final List<Notice> alerts = new ArrayList<>();
    private final List<Notice> denials = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when since is not before until
     */
    public Builder(Instant since, Instant until, String principal) {
      this.window =
          new AuditQuery(
              null,
              null,
              Set.of(),
              Objects.requireNonNull(since, "since"),
              Objects.requireNonNull(until, "until"),
              null);
      this.principal = principal == null || principal.isBlank() ? null : principal;
    }

    public void add(AuditEvents.Entry entry) {
      scanned++;
      if (!entry.isEvent()) {
        unreadable.add(new Unreadable(entry.index(), entry.problem()));
        return;
      }
      AuditEvent event = entry.event();
      if (!window.inWindow(event.time())) {
        return;
      }
      String actor = event.actor().id();
      if (event.action() == AuditAction.BULK_READ_ALERT) {
        // The guard may record the alert as itself, naming the principal in the details.
        String about = event.target().details().getOrDefault("principal", actor);
        if (concerns(about) || concerns(actor)) {
          String who = concerns(about) ? about : actor;
          alerts.add(notice(entry.index(), event, who));
          activity(who, event.time()).alerts++;
        }
        return;
      }
      if (!concerns(actor)) {
        return;
      }
      if (isDenial(event)) {
        denials.add(notice(entry.index(), event, actor));
        activity(actor, event.time()).denials++;
        return;
      }
      if (!event.action().readsCaseData() || event.outcome() != AuditEvent.Outcome.SUCCESS) {
        return;
      }
      Activity who = activity(actor, event.time());
      who.events++;
      if (event.action() == AuditAction.REVEAL) {
        who.reveals++;
      } else if (event.action() == AuditAction.EXPORT) {
        who.exports++;
      }
      for (String caseId : event.target().cases()) {
        who.cases.add(caseId);
        cases.computeIfAbsent(caseId, id -> new CaseActivity()).add(event.time(), actor);
      }
      who.customers.addAll(event.target().customers());
      customers.addAll(event.target().customers());
    }

    private boolean concerns(String actor) {
      return principal == null || principal.equals(actor);
    }

    private static boolean isDenial(AuditEvent event) {
      return event.outcome() == AuditEvent.Outcome.DENIED
          || event.action() == AuditAction.ACCESS_DENIED
          || event.action() == AuditAction.AUTHENTICATION_FAILED;
    }

    private Activity activity(String id, Instant time) {
      Activity activity = this.activity.computeIfAbsent(id, k -> new Activity());
      activity.first =
          activity.first == null || time.isBefore(activity.first) ? time : activity.first;
      activity.last = activity.last == null || time.isAfter(activity.last) ? time : activity.last;
      return activity;
    }

    private static Notice notice(long index, AuditEvent event, String principal) {
      return new Notice(
          index,
          event.time(),
          principal,
          event.action(),
          event.outcome(),
          event.reason(),
          event.target().details());
    }

    public IncidentReport build(String origin, Instant generatedAt) {
      List<PrincipalActivity> principals = new ArrayList<>();
      activity.forEach(
          (id, a) ->
              principals.add(
                  new PrincipalActivity(
                      id,
                      a.events,
                      a.cases.size(),
                      a.customers.size(),
                      a.reveals,
                      a.exports,
                      a.denials,
                      a.alerts,
                      a.first,
                      a.last)));
      principals.sort(
          Comparator.comparingLong(PrincipalActivity::events)
              .reversed()
              .thenComparing(PrincipalActivity::principal));
      List<CaseRead> reads = new ArrayList<>();
      cases.forEach(
          (id, c) ->
              reads.add(new CaseRead(id, c.first, c.last, c.events, List.copyOf(c.principals))));
      reads.sort(Comparator.comparing(CaseRead::firstRead).thenComparing(CaseRead::caseId));
      return new IncidentReport(
          window.since(),
          window.until(),
          principal,
          origin,
          generatedAt,
          scanned,
          unreadable,
          principals,
          reads,
          List.copyOf(customers),
          alerts,
          denials);
    }
  }

  private static final class Activity {
    long events;
    long reveals;
    long exports;
    long denials;
    long alerts;
    final Set<String> cases = new HashSet<>();
    final Set<String> customers = new HashSet<>();
    Instant first;
    Instant last;
  }

  private static final class CaseActivity {
    Instant first;
    Instant last;
    long events;
    final SortedSet<String> principals = new TreeSet<>();

    void add(Instant time, String principal) {
      first = first == null || time.isBefore(first) ? time : first;
      last = last == null || time.isAfter(last) ? time : last;
      events++;
      principals.add(principal);
    }
  }

  /** Successful events that returned case data, over all principals. */
  public long caseDataEvents() {
    return principals.stream().mapToLong(PrincipalActivity::events).sum();
  }

  public long reveals() {
    return principals.stream().mapToLong(PrincipalActivity::reveals).sum();
  }

  public long exports() {
    return principals.stream().mapToLong(PrincipalActivity::exports).sum();
  }

  /** The principals that read case data in the window. */
  public long readers() {
    return principals.stream().filter(p -> p.events() > 0).count();
  }

  /** The report as one JSON object (pretty-printed), field names in snake case. */
  public String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.useDefaultPrettyPrinter();
      out.writeStartObject();
      out.writeStringField("report", "casevault incident report");
      out.writeObjectFieldStart("window");
      out.writeStringField("since", since.toString());
      out.writeStringField("until", until.toString());
      out.writeEndObject();
      out.writeStringField("principal", principal);
      out.writeStringField("generated_at", generatedAt.toString());
      out.writeObjectFieldStart("audit_log");
      out.writeStringField("origin", origin);
      out.writeNumberField("entries_scanned", scanned);
      out.writeArrayFieldStart("unreadable_entries");
      for (Unreadable entry : unreadable) {
        out.writeStartObject();
        out.writeNumberField("index", entry.index());
        out.writeStringField("problem", entry.problem());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeEndObject();
      out.writeObjectFieldStart("summary");
      out.writeNumberField("case_data_events", caseDataEvents());
      out.writeNumberField("distinct_cases", cases.size());
      out.writeNumberField("distinct_customers", customers.size());
      out.writeNumberField("principals_reading", readers());
      out.writeNumberField("reveals", reveals());
      out.writeNumberField("exports", exports());
      out.writeNumberField("alerts", alerts.size());
      out.writeNumberField("denials", denials.size());
      out.writeEndObject();
      out.writeArrayFieldStart("principals");
      for (PrincipalActivity p : principals) {
        out.writeStartObject();
        out.writeStringField("principal", p.principal());
        out.writeNumberField("events", p.events());
        out.writeNumberField("cases", p.cases());
        out.writeNumberField("customers", p.customers());
        out.writeNumberField("reveals", p.reveals());
        out.writeNumberField("exports", p.exports());
        out.writeNumberField("denials", p.denials());
        out.writeNumberField("alerts", p.alerts());
        out.writeStringField("first_event", p.first().toString());
        out.writeStringField("last_event", p.last().toString());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeArrayFieldStart("cases");
      for (CaseRead c : cases) {
        out.writeStartObject();
        out.writeStringField("case", c.caseId());
        out.writeStringField("first_read", c.firstRead().toString());
        out.writeStringField("last_read", c.lastRead().toString());
        out.writeNumberField("events", c.events());
        out.writeArrayFieldStart("principals");
        for (String p : c.principals()) {
          out.writeString(p);
        }
        out.writeEndArray();
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeArrayFieldStart("customers");
      for (String customer : customers) {
        out.writeString(customer);
      }
      out.writeEndArray();
      writeNotices(out, "alerts", alerts);
      writeNotices(out, "denials", denials);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text + "\n";
  }

  private static void writeNotices(JsonGenerator out, String field, List<Notice> notices)
      throws IOException {
    out.writeArrayFieldStart(field);
    for (Notice notice : notices) {
      out.writeStartObject();
      out.writeNumberField("index", notice.index());
      out.writeStringField("time", notice.time().toString());
      out.writeStringField("principal", notice.principal());
      out.writeStringField("action", notice.action().wireName());
      out.writeStringField("outcome", notice.outcome().wireName());
      if (notice.reason() != null) {
        out.writeStringField("reason", notice.reason());
      }
      if (!notice.details().isEmpty()) {
        out.writeObjectFieldStart("details");
        for (Map.Entry<String, String> detail : notice.details().entrySet()) {
          out.writeStringField(detail.getKey(), detail.getValue());
        }
        out.writeEndObject();
      }
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  /** The report as text for a person: a summary, then the tables. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append("Incident report: ")
        .append(since)
        .append(" to ")
        .append(until)
        .append(" (until excluded)")
        .append(principal == null ? ", all principals" : ", principal " + clean(principal))
        .append('\n');
    out.append("Audit log ")
        .append(clean(origin))
        .append(": ")
        .append(scanned)
        .append(" entries read, generated ")
        .append(generatedAt)
        .append('\n');
    if (!unreadable.isEmpty()) {
      out.append("WARNING: ")
          .append(unreadable.size())
          .append(" entries could not be read as events; what they recorded is missing here")
          .append(" (run casevault audit verify):\n");
      for (Unreadable entry : unreadable) {
        out.append("  entry ").append(entry.index()).append(": ").append(clean(entry.problem()));
        out.append('\n');
      }
    }
    out.append('\n');
    out.append("Case data returned: ")
        .append(cases.size())
        .append(" distinct cases of ")
        .append(customers.size())
        .append(" distinct customers, in ")
        .append(caseDataEvents())
        .append(" events by ")
        .append(readers())
        .append(" principals; ")
        .append(reveals())
        .append(" reveals, ")
        .append(exports())
        .append(" exports; ")
        .append(alerts.size())
        .append(" alerts, ")
        .append(denials.size())
        .append(" denials.\n");

    if (!principals.isEmpty()) {
      out.append("\nPrincipals\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {
            "principal",
            "events",
            "cases",
            "customers",
            "reveals",
            "exports",
            "denials",
            "alerts",
            "first",
            "last"
          });
      for (PrincipalActivity p : principals) {
        rows.add(
            new String[] {
              clean(p.principal()),
              Long.toString(p.events()),
              Long.toString(p.cases()),
              Long.toString(p.customers()),
              Long.toString(p.reveals()),
              Long.toString(p.exports()),
              Long.toString(p.denials()),
              Long.toString(p.alerts()),
              p.first().toString(),
              p.last().toString()
            });
      }
      table(out, rows);
    }
    if (!cases.isEmpty()) {
      out.append("\nCases read\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"case", "first read", "last read", "events", "principals"});
      for (CaseRead c : cases) {
        rows.add(
            new String[] {
              clean(c.caseId()),
              c.firstRead().toString(),
              c.lastRead().toString(),
              Long.toString(c.events()),
              clean(String.join(", ", c.principals()))
            });
      }
      table(out, rows);
    }
    if (!customers.isEmpty()) {
      out.append("\nCustomers (tokens)\n");
      for (String customer : customers) {
        out.append("  ").append(clean(customer)).append('\n');
      }
    }
    notices(out, "Alerts", alerts);
    notices(out, "Denials", denials);
    return out.toString();
  }

  private static void notices(StringBuilder out, String title, List<Notice> notices) {
    if (notices.isEmpty()) {
      return;
    }
    out.append('\n').append(title).append('\n');
    for (Notice notice : notices) {
      out.append("  ")
          .append(notice.time())
          .append("  entry ")
          .append(notice.index())
          .append("  ")
          .append(clean(notice.principal()))
          .append("  ")
          .append(notice.action().wireName())
          .append(' ')
          .append(notice.outcome().wireName());
      if (notice.reason() != null) {
        out.append("  ").append(clean(notice.reason()));
      }
      if (!notice.details().isEmpty()) {
        StringBuilder details = new StringBuilder();
        notice.details().forEach((k, v) -> details.append(' ').append(k).append('=').append(v));
        out.append("  [").append(clean(details.toString().strip())).append(']');
      }
      out.append('\n');
    }
  }

  private static void table(StringBuilder out, List<String[]> rows) {
    int[] widths = new int[rows.getFirst().length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  /** Text from the log on one line, control characters replaced, so it cannot drive a terminal. */
  private static String clean(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c ->
                out.appendCodePoint(
                    Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                        ? '?'
                        : c));
    return out.toString();
  }
}
