package dev.casevault.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEvents;
import dev.casevault.audit.AuditProofs;
import dev.casevault.audit.AuditQuery;
import dev.casevault.audit.AuditTarget;
import dev.casevault.audit.AuditVerifier;
import dev.casevault.audit.NoteVerifier;
import dev.casevault.audit.OcsfExport;
import dev.casevault.core.CaseVaultException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "The audit log of the data directory (DATA/audit): verify it, save its signed",
      "checkpoints, prove that an entry is in it, search and export its events",
      "(docs/audit-commands.md).",
      "",
      "search, export and prove first record that the log's content was read: they",
      "fail while a running server holds the log. verify and checkpoint show no event",
      "and record nothing."
    },
    subcommands = {
      AuditCommand.Verify.class,
      AuditCommand.Checkpoint.class,
      AuditCommand.Prove.class,
      AuditCommand.Search.class,
      AuditCommand.Export.class
    })
final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks the audit log with its public key: every stored checkpoint's signature,",
        "the Merkle tree recomputed from the entries, and, given a checkpoint saved",
        "earlier outside this installation, that the log still extends it.",
        "Read-only; runs beside a server.",
        "",
        "Exit status: 0 the log is intact, 1 it was altered or damaged (or an error)."
      })
  static final class Verify implements Callable<Integer> {
    @Mixin DataFolderOptions data;

    @Option(
        names = "--trusted-checkpoint",
        paramLabel = "FILE",
        description = "A checkpoint saved earlier by casevault audit checkpoint.")
    Path trustedCheckpoint;

    @Override
    public Integer call() throws Exception {
      Path audit = AuditAccess.auditFolder(data);
      String trusted =
          trustedCheckpoint == null
              ? null
              : Files.readString(trustedCheckpoint, StandardCharsets.UTF_8);
      NoteVerifier key = AuditEvents.verifier(audit);
      String origin = AuditEvents.origin(audit);
      long start = System.nanoTime();
      AuditVerifier.Report report = new AuditVerifier(key, origin).verify(audit, trusted);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.println("audit log          " + audit);
      System.out.println("origin             " + origin);
      System.out.println("verifier key       " + key.encode());
      System.out.printf("entries            %,d%n", report.entries());
      System.out.printf("checkpointed size  %,d%n", report.checkpointedSize());
      if (trustedCheckpoint != null) {
        System.out.println("trusted checkpoint " + trustedCheckpoint);
      }
      for (String warning : report.warnings()) {
        System.out.println("warning: " + warning);
      }
      for (String error : report.errors()) {
        System.out.println("error: " + error);
      }
      if (report.firstBadEntry().isPresent()) {
        System.out.println("first bad entry    " + report.firstBadEntry().getAsLong());
      }
      System.out.printf(
          "%s: %,d entries in %.1f s (%,.0f entries/s)%n",
          report.ok() ? "OK" : "NOT OK, " + report.errors().size() + " error(s)",
          report.entries(),
          seconds,
          report.entries() / Math.max(seconds, 1e-3));
      return report.ok() ? 0 : 1;
    }
  }

  @Command(
      name = "checkpoint",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the latest signed checkpoint on stdout, exactly as signed, and the",
        "verifier key on stderr. Keep both outside this installation: later,",
        "casevault audit verify --trusted-checkpoint FILE shows whether the log still",
        "extends that checkpoint (a log rewritten by someone with the signing key does",
        "not). Records nothing."
      })
  static final class Checkpoint implements Callable<Integer> {
    @Mixin DataFolderOptions data;

    @Override
    public Integer call() throws Exception {
      Path audit = AuditAccess.auditFolder(data);
      AuditProofs.SignedCheckpoint latest =
          AuditProofs.latestCheckpoint(audit)
              .orElseThrow(
                  () ->
                      new CaseVaultException(
                          "the audit log " + audit + " has no signed checkpoint yet"));
      System.out.print(latest.note());
      System.out.flush();
      System.err.println(
          "checkpoint of "
              + latest.checkpoint().origin()
              + " covering "
              + latest.checkpoint().size()
              + " entries");
      System.err.println("verifier key: " + AuditEvents.verifier(audit).encode());
      return 0;
    }
  }

  @Command(
      name = "prove",
      mixinStandardHelpOptions = true,
      description = {
        "Prints, as JSON, what someone outside this installation needs to check, with",
        "only the public key, that entry INDEX is in the log: the entry's exact bytes,",
        "a signed checkpoint and the inclusion proof (docs/audit.md, \"Checking an",
        "inclusion proof with only the public key\"). Records the read first."
      })
  static final class Prove implements Callable<Integer> {
    @Mixin DataFolderOptions data;

    @Parameters(paramLabel = "INDEX", description = "The entry's index (e.g. from a receipt).")
    long index;

    @Option(
        names = "--size",
        paramLabel = "N",
        description = "Prove under the signed checkpoint of N entries (default: the latest).")
    Long size;

    @Override
    public Integer call() throws Exception {
      Path audit = AuditAccess.auditFolder(data);
      Map<String, String> details = new LinkedHashMap<>();
      details.put("index", Long.toString(index));
      if (size != null) {
        details.put("size", Long.toString(size));
      }
      AuditAccess.recordRead(audit, "audit prove", details);
      AuditProofs.Inclusion inclusion =
          AuditProofs.inclusion(
              audit, index, size == null ? OptionalLong.empty() : OptionalLong.of(size));
      System.out.print(inclusion.toJson(true));
      System.out.println();
      return 0;
    }
  }

  /** The output formats of search and export. */
  enum Format {
    text,
    json,
    ocsf
  }

  @Command(
      name = "search",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the audit events that match every filter given, oldest first.",
        "Times are instants (2026-11-29T10:00:00Z) or dates (2026-11-29, its start in",
        "UTC); the window is [--since, --until). Records the read first.",
        "",
        "Exit status: 0 done, 1 error, 2 bad command line, 3 some entries are not",
        "events (each named on stderr by its index; the output leaves them out)."
      })
  static final class Search implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin DataFolderOptions data;

    @Option(
        names = "--principal",
        paramLabel = "P",
        description = "Only events of this principal id, e.g. user:alice or key:k1.")
    String principal;

    @Option(names = "--case", paramLabel = "ID", description = "Only events that touched case ID.")
    String caseId;

    @Option(
        names = "--action",
        paramLabel = "A",
        split = ",",
        converter = AuditAccess.ActionConverter.class,
        description = "Only these actions (repeatable or comma-separated), e.g. case.read.")
    List<AuditAction> actions = new ArrayList<>();

    @Option(
        names = "--outcome",
        paramLabel = "O",
        converter = AuditAccess.OutcomeConverter.class,
        description = "Only this outcome: success, denied or failed.")
    AuditEvent.Outcome outcome;

    @Option(
        names = "--since",
        paramLabel = "T",
        converter = AuditAccess.InstantConverter.class,
        description = "Only events at or after T.")
    Instant since;

    @Option(
        names = "--until",
        paramLabel = "T",
        converter = AuditAccess.InstantConverter.class,
        description = "Only events before T.")
    Instant until;

    @Option(
        names = "--format",
        paramLabel = "F",
        defaultValue = "text",
        description =
            "text (one line per event), json (one line per event: index and event) or ocsf"
                + " (OCSF 1.3.0 JSON lines); default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(
        names = "--limit",
        paramLabel = "N",
        defaultValue = "100",
        description = "Print at most N events (default: ${DEFAULT-VALUE}).")
    long limit;

    @Override
    public Integer call() throws Exception {
      if (limit < 1) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--limit must be 1 or more, not " + limit);
      }
      AuditQuery query =
          AuditAccess.window(
              spec,
              new AuditQuery(
                  principal,
                  caseId,
                  actions.isEmpty() ? EnumSet.noneOf(AuditAction.class) : EnumSet.copyOf(actions),
                  null,
                  null,
                  outcome),
              since,
              until);
      Path audit = AuditAccess.auditFolder(data);
      Map<String, String> details = new LinkedHashMap<>(query.describe());
      details.put("format", format.name());
      details.put("limit", Long.toString(limit));
      AuditAccess.recordRead(audit, "audit search", details);

      long[] unreadable = {0};
      AuditQuery.Selection selection =
          query.select(
              audit,
              limit,
              entry -> {
                unreadable[0]++;
                AuditAccess.reportUnreadable(entry);
              });
      Writer out = stdout();
      EventPrinter printer = new EventPrinter(format, AuditEvents.origin(audit));
      for (AuditEvents.Entry entry : selection.events()) {
        printer.print(entry, out);
      }
      if (format == Format.text) {
        out.write(
            String.format(
                "%,d of %,d matching events (%,d entries read)%n",
                selection.events().size(), selection.matched(), selection.scanned()));
      }
      out.flush();
      if (selection.omitted() > 0) {
        System.err.printf(
            "%,d more matching events not shown (--limit %d)%n", selection.omitted(), limit);
      }
      return AuditAccess.unreadableStatus(unreadable[0], System.err);
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = {
        "Writes the audit events of a window as JSON lines: ocsf (OCSF 1.3.0 Datastore",
        "Activity events, for a SIEM) or json (index and event as the log holds it).",
        "Records the read first.",
        "",
        "Exit status: 0 done, 1 error, 2 bad command line, 3 some entries are not",
        "events (each named on stderr by its index; the output leaves them out)."
      })
  static final class Export implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin DataFolderOptions data;

    @Option(
        names = "--since",
        paramLabel = "T",
        converter = AuditAccess.InstantConverter.class,
        description = "Only events at or after T (an instant or a date).")
    Instant since;

    @Option(
        names = "--until",
        paramLabel = "T",
        converter = AuditAccess.InstantConverter.class,
        description = "Only events before T (an instant or a date).")
    Instant until;

    @Option(names = "--format", paramLabel = "F", required = true, description = "ocsf or json.")
    Format format;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Write to FILE, a new file readable by its owner only (default: stdout).")
    Path outFile;

    @Override
    public Integer call() throws Exception {
      if (format == Format.text) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--format: export writes ocsf or json, not text");
      }
      AuditQuery query = AuditAccess.window(spec, AuditQuery.ALL, since, until);
      if (outFile != null && Files.exists(outFile, LinkOption.NOFOLLOW_LINKS)) {
        throw new CaseVaultException("--out: " + outFile + " already exists; export to a new file");
      }
      Path audit = AuditAccess.auditFolder(data);
      Map<String, String> details = new LinkedHashMap<>(query.describe());
      details.put("format", format.name());
      AuditAccess.recordRead(audit, "audit export", details);

      EventPrinter printer = new EventPrinter(format, AuditEvents.origin(audit));
      Progress progress = new Progress("export", Duration.ofSeconds(5));
      long exported = 0;
      long scanned = 0;
      long unreadable = 0;
      try (OutputStream stream = open(outFile);
          Writer out =
              new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
          AuditEvents events = AuditEvents.open(audit)) {
        for (AuditEvents.Entry entry = events.next(); entry != null; entry = events.next()) {
          if (++scanned % 100_000 == 0) {
            progress.update(String.format("%,d entries read, %,d exported", scanned, exported));
          }
          if (!entry.isEvent()) {
            unreadable++;
            AuditAccess.reportUnreadable(entry);
          } else if (query.matches(entry.event())) {
            printer.print(entry, out);
            exported++;
          }
        }
      }
      progress.done();
      System.err.printf(
          "exported %,d events of %,d entries%s%n",
          exported, scanned, outFile == null ? "" : " to " + outFile);
      return AuditAccess.unreadableStatus(unreadable, System.err);
    }

    /** A new owner-only file, or stdout (left open). */
    private static OutputStream open(Path file) throws IOException {
      if (file == null) {
        return new java.io.FilterOutputStream(System.out) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
      }
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      return Files.newOutputStream(file, StandardOpenOption.WRITE);
    }
  }

  /** Prints events in one of the formats, one line each. */
  static final class EventPrinter {
    private static final JsonFactory JSON = new JsonFactory();
    private final Format format;
    private final OcsfExport ocsf;

    EventPrinter(Format format, String origin) {
      this.format = format;
      this.ocsf = new OcsfExport(origin, AuditAccess.version());
    }

    void print(AuditEvents.Entry entry, Writer out) throws IOException {
      switch (format) {
        case text -> out.write(text(entry.index(), entry.event()));
        case json -> {
          try (JsonGenerator json = JSON.createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeNumberField("index", entry.index());
            json.writeFieldName("event");
            // The event exactly as the log holds it (and as its leaf hash covers it).
            json.writeRawValue(new String(entry.bytes(), StandardCharsets.UTF_8));
            json.writeEndObject();
          }
          out.write('\n');
        }
        case ocsf -> {
          out.write(ocsf.toJsonLine(entry.index(), entry.event()));
          out.write('\n');
        }
      }
    }

    /** One line: index, time, action, outcome, actor, then what it touched. */
    static String text(long index, AuditEvent event) {
      StringBuilder line =
          new StringBuilder()
              .append('#')
              .append(index)
              .append("  ")
              .append(event.time())
              .append("  ")
              .append(event.action().wireName())
              .append(' ')
              .append(event.outcome().wireName())
              .append("  ")
              .append(event.actor().id())
              .append(" (")
              .append(event.actor().method());
      if (event.actor().sourceIp() != null) {
        line.append(", ").append(event.actor().sourceIp());
      }
      line.append(')');
      AuditTarget target = event.target();
      if (!target.cases().isEmpty()) {
        line.append("  cases ").append(String.join(",", target.cases()));
      }
      if (!target.customers().isEmpty()) {
        line.append("  customers ").append(String.join(",", target.customers()));
      }
      if (target.queryHash() != null) {
        line.append("  query ").append(target.queryHash());
      }
      if (target.total() != null) {
        line.append("  total ").append(target.total());
      }
      if (!target.details().isEmpty()) {
        StringBuilder details = new StringBuilder();
        target.details().forEach((k, v) -> details.append(' ').append(k).append('=').append(v));
        line.append("  [").append(details.toString().strip()).append(']');
      }
      if (event.purpose() != null) {
        line.append("  purpose: ").append(event.purpose());
      }
      if (event.reason() != null) {
        line.append("  reason: ").append(event.reason());
      }
      return Terminal.clean(line.toString()).replace('\n', ' ').replace('\t', ' ') + "\n";
    }
  }

  /** stdout as a writer that is flushed, never closed. */
  private static Writer stdout() {
    return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
  }
}
