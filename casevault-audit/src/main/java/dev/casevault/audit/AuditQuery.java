package dev.casevault.audit;

import dev.casevault.core.WireEnum;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Which audit events to select; every filter that is set must match, an unset (null or empty) one
 * matches everything.
 *
 * @param principal the actor's principal id, exactly (e.g. {@code user:alice})
 * @param caseId a case id the event touched
 * @param actions the actions to keep (any of them); empty for all
 * @param since the first instant included, or null
 * @param until the first instant excluded, or null: the window is [since, until)
 * @param outcome the outcome to keep, or null for all
 */
public record AuditQuery(
    String principal,
    String caseId,
    Set<AuditAction> actions,
    Instant since,
    Instant until,
    AuditEvent.Outcome outcome) {
  public static final AuditQuery ALL = new AuditQuery(null, null, Set.of(), null, null, null);

  /**
   * @throws IllegalArgumentException when since is not before until
   */
  public AuditQuery {
    actions =
        actions == null || actions.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(actions));
    principal = blankToNull(principal);
    caseId = blankToNull(caseId);
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException(
          "the window is empty: since (" + since + ") must be before until (" + until + ")");
    }
  }

  public AuditQuery withPrincipal(String principal) {
    return new AuditQuery(principal, caseId, actions, since, until, outcome);
  }

  public AuditQuery withCase(String caseId) {
    return new AuditQuery(principal, caseId, actions, since, until, outcome);
  }

  public AuditQuery withActions(Set<AuditAction> actions) {
    return new AuditQuery(principal, caseId, actions, since, until, outcome);
  }

  public AuditQuery withWindow(Instant since, Instant until) {
    return new AuditQuery(principal, caseId, actions, since, until, outcome);
  }

  public AuditQuery withOutcome(AuditEvent.Outcome outcome) {
    return new AuditQuery(principal, caseId, actions, since, until, outcome);
  }

  public boolean matches(AuditEvent event) {
    return (principal == null || principal.equals(event.actor().id()))
        && (caseId == null || event.target().cases().contains(caseId))
        && (actions.isEmpty() || actions.contains(event.action()))
        && (since == null || !event.time().isBefore(since))
        && (until == null || event.time().isBefore(until))
        && (outcome == null || outcome == event.outcome());
  }

  /** Whether the time window holds {@code time}. */
  public boolean inWindow(Instant time) {
    return (since == null || !time.isBefore(since)) && (until == null || time.isBefore(until));
  }

  /** What was selected: up to a limit of matching events, and how many matched in all. */
  public record Selection(List<AuditEvents.Entry> events, long matched, long scanned) {
    public Selection {
      events = List.copyOf(events);
    }

    /** Matching events left out by the limit. */
    public long omitted() {
      return matched - events.size();
    }
  }

  /**
   * Reads the log in {@code dir} and keeps the first {@code limit} matching events, in log order,
   * counting all matches; entries that are not events go to {@code problems}.
   */
  public Selection select(Path dir, long limit, Consumer<AuditEvents.Entry> problems)
      throws IOException {
    List<AuditEvents.Entry> kept = new ArrayList<>();
    long matched = 0;
    long scanned = 0;
    try (AuditEvents events = AuditEvents.open(dir)) {
      for (AuditEvents.Entry entry = events.next(); entry != null; entry = events.next()) {
        scanned++;
        if (!entry.isEvent()) {
          problems.accept(entry);
        } else if (matches(entry.event())) {
          matched++;
          if (kept.size() < limit) {
            kept.add(entry);
          }
        }
      }
    }
    return new Selection(kept, matched, scanned);
  }

  /**
   * The filters that are set, by name, for recording what an audit read asked for. Values are ids,
   * action names and instants: no personal data.
   */
  public Map<String, String> describe() {
    Map<String, String> filters = new LinkedHashMap<>();
    if (principal != null) {
      filters.put("principal", principal);
    }
    if (caseId != null) {
      filters.put("case", caseId);
    }
    if (!actions.isEmpty()) {
      filters.put(
          "actions",
          actions.stream().map(AuditAction::wireName).sorted().collect(Collectors.joining(",")));
    }
    if (since != null) {
      filters.put("since", since.toString());
    }
    if (until != null) {
      filters.put("until", until.toString());
    }
    if (outcome != null) {
      filters.put("outcome", outcome.wireName());
    }
    return filters;
  }

  /**
   * The action of a name: its wire name ({@code case.read}) or its constant ({@code READ}, any
   * case).
   *
   * @throws IllegalArgumentException naming the known actions
   */
  public static AuditAction action(String name) {
    String trimmed = name.strip();
    for (AuditAction action : AuditAction.values()) {
      if (action.name().equalsIgnoreCase(trimmed)) {
        return action;
      }
    }
    return WireEnum.parse(AuditAction.class, trimmed)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown action '"
                        + printable(trimmed)
                        + "'; the actions are "
                        + WireEnum.allowed(AuditAction.class).replace("|", ", ")));
  }

  /**
   * The outcome of a name: {@code success}, {@code denied} or {@code failed} (any case).
   *
   * @throws IllegalArgumentException naming the known outcomes
   */
  public static AuditEvent.Outcome outcome(String name) {
    return WireEnum.parse(AuditEvent.Outcome.class, name.strip().toLowerCase(java.util.Locale.ROOT))
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown outcome '"
                        + printable(name.strip())
                        + "'; the outcomes are success, denied, failed"));
  }

  private static String printable(String text) {
    return Actor.printable(text.length() > 60 ? text.substring(0, 60) + "..." : text);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
