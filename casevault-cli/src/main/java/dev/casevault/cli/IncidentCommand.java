package dev.casevault.cli;

import dev.casevault.audit.AuditQuery;
import dev.casevault.audit.IncidentReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "incident",
    mixinStandardHelpOptions = true,
    description = "Incident response from the audit log (docs/audit-commands.md).",
    subcommands = {IncidentCommand.Report.class})
final class IncidentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The output formats of the report. */
  enum Format {
    text,
    json
  }

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = {
        "What the audit log says about a time window [--since, --until), for a breach",
        "notification (GDPR Art. 33: within 72 hours): the cases whose data was",
        "returned, with first and last time and by whom; the customers concerned (as",
        "tokens); per principal the events, cases, customers, reveals and exports; and",
        "the alerts and denials. Times are instants (2026-11-29T10:00:00Z) or dates",
        "(2026-11-29, its start in UTC). Records the read first.",
        "",
        "Exit status: 0 done, 1 error, 2 bad command line, 3 some entries are not",
        "events (the report names them; what they recorded is missing from it)."
      })
  static final class Report implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin DataFolderOptions data;

    @Option(
        names = "--since",
        paramLabel = "T",
        required = true,
        converter = AuditAccess.InstantConverter.class,
        description = "The start of the window (included).")
    Instant since;

    @Option(
        names = "--until",
        paramLabel = "T",
        required = true,
        converter = AuditAccess.InstantConverter.class,
        description = "The end of the window (excluded).")
    Instant until;

    @Option(
        names = "--principal",
        paramLabel = "P",
        description = "Only this principal id, e.g. user:alice or key:k1.")
    String principal;

    @Option(
        names = "--format",
        paramLabel = "F",
        defaultValue = "text",
        description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
      AuditQuery window =
          AuditAccess.window(spec, AuditQuery.ALL.withPrincipal(principal), since, until);
      Path audit = AuditAccess.auditFolder(data);
      Map<String, String> details = new LinkedHashMap<>(window.describe());
      details.put("format", format.name());
      AuditAccess.recordRead(audit, "incident report", details);
      IncidentReport report =
          IncidentReport.of(
              audit,
              since,
              until,
              window.principal(),
              Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
      System.out.print(format == Format.json ? report.toJson() : report.toText());
      System.out.flush();
      for (IncidentReport.Unreadable entry : report.unreadable()) {
        System.err.println(
            "casevault: audit log entry " + entry.index() + ": " + Terminal.clean(entry.problem()));
      }
      return AuditAccess.unreadableStatus(report.unreadable().size(), System.err);
    }
  }
}
