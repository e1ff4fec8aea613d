package dev.casevault.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.core.CaseVaultException;
import dev.casevault.json.CaseLimits;
import dev.casevault.service.CaseVault;
import dev.casevault.service.IngestListener;
import dev.casevault.service.IngestOptions;
import dev.casevault.service.IngestReport;
import dev.casevault.service.Requester;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = {
      "Validates and stores support cases from JSON Lines files (one case per line).",
      "",
      "Every bad line is reported on stderr as FILE:LINE: REASON and copied to a reject file;",
      "the other lines are stored. A case whose id is already stored is replaced.",
      "Cases are reported as accepted only once committed: they then survive a crash.",
      "",
      "Exit status: 0 all lines accepted, 3 some lines rejected, 1 error, 2 bad command line."
    })
final class IngestCommand implements Callable<Integer> {
  static final int SOME_REJECTED = 3;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'");

  @Mixin DataOptions data;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSON Lines files to ingest.")
  List<Path> files;

  @Option(names = "--json", description = "Print the summary as one JSON object on stdout.")
  boolean json;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description = "Where rejected lines go (default: DIR/rejects/ingest-<time>.jsonl).")
  Path rejectFile;

  @Option(
      names = "--max-case-bytes",
      paramLabel = "N",
      defaultValue = "1048576",
      description = "Largest accepted line, in bytes (default: ${DEFAULT-VALUE}).")
  int maxCaseBytes;

  @Option(
      names = "--commit-every",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description = "Seconds between commits (durability checkpoints; default: ${DEFAULT-VALUE}).")
  double commitEverySeconds;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Indexing threads (default: the number of cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    Path rejects =
        rejectFile != null
            ? rejectFile
            : data.createFolder()
                .resolve("rejects")
                .resolve("ingest-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + ".jsonl");
    if (java.nio.file.Files.exists(rejects, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new CaseVaultException(
          "--rejects: " + rejects + " already exists; rejected lines go to a new file");
    }
    if (!(commitEverySeconds >= 0.05 && commitEverySeconds <= 3600)) {
      throw new CaseVaultException("--commit-every: expected 0.05 to 3600 seconds");
    }
    IngestOptions options;
    try {
      options =
          new IngestOptions(
              CaseLimits.defaults().withMaxCaseBytes(maxCaseBytes),
              rejects,
              Duration.ofMillis(Math.round(commitEverySeconds * 1000)),
              threads != null ? threads : Runtime.getRuntime().availableProcessors());
    } catch (IllegalArgumentException e) {
      throw new CaseVaultException("invalid option: " + e.getMessage());
    }
    Progress progress = new Progress("ingest", Duration.ZERO);
    IngestReport report;
    try (CaseVault vault = data.openForWriting()) {
      report = vault.ingest(files, options, listener(progress), Requester.localOwner());
    }
    progress.done();
    if (json) {
      try (JsonGenerator out = Json.stdout()) {
        out.writeStartObject();
        out.writeNumberField("accepted", report.accepted());
        out.writeNumberField("rejected", report.rejected());
        out.writeNumberField("quarantined", report.quarantined());
        out.writeNumberField("seconds", Math.round(report.seconds() * 1000) / 1000.0);
        out.writeNumberField("bytes", report.bytesRead());
        out.writeStringField(
            "rejectFile", report.rejectFile() == null ? null : report.rejectFile().toString());
        out.writeEndObject();
      }
      System.out.println();
    } else {
      System.out.printf(
          "accepted %,d cases, rejected %,d lines in %.1f s (%,.0f cases/s, %.1f MB/s)%n",
          report.accepted(),
          report.rejected(),
          report.seconds(),
          report.casesPerSecond(),
          report.megabytesPerSecond());
      if (report.quarantined() > 0) {
        System.out.printf(
            "of which %,d cases quarantined: their personal data could not be redacted with"
                + " certainty, so they were not stored (see the .errors file)%n",
            report.quarantined());
      }
      if (report.rejectFile() != null) {
        System.out.println("rejected lines (personal data redacted): " + report.rejectFile());
      }
    }
    return report.rejected() > 0 ? SOME_REJECTED : 0;
  }

  private static IngestListener listener(Progress progress) {
    return new IngestListener() {
      @Override
      public void rejected(String file, long line, String reason) {
        progress.message(file + ":" + line + ": " + reason);
      }

      @Override
      public void committed(long accepted, long rejected, long bytesRead, double seconds) {
        progress.update(
            String.format(
                "%,d accepted (durable), %,d rejected, %.1f MB in %.1f s (%,.0f cases/s)",
                accepted,
                rejected,
                bytesRead / 1e6,
                seconds,
                seconds > 0 ? accepted / seconds : 0));
      }
    };
  }
}
