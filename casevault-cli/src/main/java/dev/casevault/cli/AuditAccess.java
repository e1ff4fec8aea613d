package dev.casevault.cli;

import dev.casevault.audit.Actor;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEvents;
import dev.casevault.audit.AuditQuery;
import dev.casevault.audit.AuditTarget;
import dev.casevault.audit.AuditTrail;
import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * What the audit commands share: where the log is, recording that its content is read, and the
 * converters of their options.
 */
final class AuditAccess {
  /** Exit status when some entries could not be read as events: the output leaves them out. */
  static final int SOME_UNREADABLE = 3;

  private AuditAccess() {}

  /** DATA/audit, refusing a data directory or a log that does not exist (nothing is created). */
  static Path auditFolder(DataFolderOptions data) {
    Path folder = data.folder();
    if (!Files.isDirectory(folder)) {
      throw new CaseVaultException("no data directory " + folder);
    }
    Path audit = folder.resolve("audit");
    AuditEvents.requireLog(audit);
    return audit;
  }

  /**
   * Records that the log's content is about to be read, by the data directory's owner, with what
   * the command asked for (ids, action names and instants: no personal data), and returns once the
   * record is durable and signed. Fails when a running server holds the log: reading its content
   * must leave a trace.
   */
  static void recordRead(Path audit, String command, Map<String, String> details)
      throws IOException {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("command", command);
    all.putAll(details);
    try (AuditTrail trail = AuditTrail.open(audit, Clock.tickMillis(ZoneOffset.UTC))) {
      trail.record(
          AuditEvent.of(
                  AuditAction.AUDIT_READ, AuditEvent.Outcome.SUCCESS, Actor.localOwner(), null)
              .withTarget(AuditTarget.details(all)));
    }
  }

  /** Prints an entry that is not an event on stderr, so that nothing is left out silently. */
  static void reportUnreadable(AuditEvents.Entry entry) {
    System.err.println("casevault: " + Terminal.clean(entry.describeProblem()));
  }

  /** The closing line and exit status after {@code unreadable} entries were left out. */
  static int unreadableStatus(long unreadable, PrintStream err) {
    if (unreadable == 0) {
      return 0;
    }
    err.println(
        "casevault: "
            + unreadable
            + (unreadable == 1
                ? " audit log entry is not an event and was left out"
                : " audit log entries are not events and were left out")
            + " (see above); run casevault audit verify");
    return SOME_UNREADABLE;
  }

  static String version() {
    return Main.class.getPackage().getImplementationVersion();
  }

  /** An ISO instant ({@code 2026-11-29T10:00:00Z}) or a date (its start, UTC). */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      String text = value.strip();
      try {
        if (text.length() == 10) {
          return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException e) {
        throw new CommandLine.TypeConversionException(
            "expected an instant such as 2026-11-29T10:00:00Z or a date such as 2026-11-29"
                + " (its start, UTC), not '"
                + printable(text)
                + "'");
      }
    }
  }

  /** An action by its wire name ({@code case.read}) or constant ({@code READ}). */
  static final class ActionConverter implements CommandLine.ITypeConverter<AuditAction> {
    @Override
    public AuditAction convert(String value) {
      try {
        return AuditQuery.action(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code success}, {@code denied} or {@code failed}. */
  static final class OutcomeConverter implements CommandLine.ITypeConverter<AuditEvent.Outcome> {
    @Override
    public AuditEvent.Outcome convert(String value) {
      try {
        return AuditQuery.outcome(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /**
   * The window [since, until) as a query, or a command-line error naming both options when it is
   * empty.
   */
  static AuditQuery window(
      CommandLine.Model.CommandSpec spec, AuditQuery query, Instant since, Instant until) {
    if (since != null && until != null && !since.isBefore(until)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--since (" + since + ") must be before --until (" + until + "): the window is empty");
    }
    return query.withWindow(since, until);
  }

  private static String printable(String text) {
    String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
    return Terminal.clean(cut).replace('\n', ' ').replace('\t', ' ');
  }
}
