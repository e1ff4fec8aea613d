package dev.casevault.cli;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.OwnerOnlyFiles;
import dev.casevault.service.Audited;
import dev.casevault.service.CaseVault;
import dev.casevault.service.MigrationListener;
import dev.casevault.service.MigrationOptions;
import dev.casevault.service.MigrationReport;
import dev.casevault.service.Requester;
import dev.casevault.store.CaseStore;
import dev.casevault.store.lucene.LuceneCaseStore;
import dev.casevault.store.opensearch.OpenSearchConfiguration;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Copies every case from one store to another exactly as stored (redacted",
      "content and sealed values: nothing is redacted again, nothing unsealed),",
      "then checks that both hold the same cases: the counts, and a SHA-256 of",
      "each case, compared in id order.",
      "",
      "SPEC is lucene[:DIR] (default DIR: DATA/index) or opensearch[:URL[,URL...]]:",
      "the cluster of DATA/opensearch.json and the CASEVAULT_OPENSEARCH_*",
      "variables, whose credentials and trust store are used; a URL given here",
      "replaces its node URLs. Credentials never go on the command line. Both",
      "stores belong to the data directory: its keys made their tokens and sealed",
      "values. Each page is recorded in its audit log before it is copied.",
      "",
      "Resumable: progress is kept in DATA/migrations/ after each committed page;",
      "the same command after a stop continues after the last one. After a",
      "finished run it only checks (and copies cases added since, if their ids",
      "sort after the last one).",
      "",
      "Exit status: 0 both stores hold the same cases, 1 an error or a difference",
      "(listed by case id)."
    })
final class MigrateCommand implements Callable<Integer> {
  @Mixin DataFolderOptions data;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "SPEC",
      description = "The store to copy: lucene[:DIR] or opensearch[:URL].")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "SPEC",
      description = "The store to fill: lucene[:DIR] or opensearch[:URL].")
  String to;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      defaultValue = "500",
      description = "Cases per page: per audit event and per commit (default: ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(
      names = "--restart",
      description = "Copy everything again, ignoring the progress of an earlier run.")
  boolean restart;

  /** One side of a migration: how the progress file and the audit log name it, and its store. */
  private interface Side {
    String description();

    CaseStore open() throws IOException;
  }

  @Override
  public Integer call() throws Exception {
    Path folder = data.folder();
    if (!Files.isDirectory(folder)) {
      throw new CaseVaultException(
          "no data directory " + folder + " (the stores' keys and audit log live there)");
    }
    Side source = side(from, "--from", false);
    Side target = side(to, "--to", true);
    if (source.description().equals(target.description())) {
      throw new CaseVaultException("--from and --to name the same store: " + source.description());
    }
    MigrationOptions options;
    try {
      options =
          new MigrationOptions(
              source.description(),
              target.description(),
              progressFile(folder, source.description(), target.description()),
              pageSize,
              restart);
    } catch (IllegalArgumentException e) {
      throw new CaseVaultException("--page-size: " + e.getMessage());
    }
    Progress progress = new Progress("migrate", Duration.ofSeconds(1));
    Audited<MigrationReport> migrated;
    try (CaseVault vault = CaseVault.open(source.open(), folder, false);
        CaseStore into = target.open()) {
      // The data directory's owner copies every case; remote callers cannot migrate.
      migrated =
          vault.migrate(
              into,
              options,
              listener(progress),
              AccessScope.dataDirectoryOwner(),
              Requester.localOwner());
    } finally {
      progress.done();
    }
    return report(migrated);
  }

  private Side side(String spec, String option, boolean forWriting) throws IOException {
    int colon = spec.indexOf(':');
    String kind = (colon < 0 ? spec : spec.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
    String rest = colon < 0 ? "" : spec.substring(colon + 1).strip();
    return switch (kind) {
      case "lucene" -> lucene(rest.isEmpty() ? data.indexFolder() : Path.of(rest), forWriting);
      case "opensearch" -> openSearch(rest, option);
      default ->
          throw new CaseVaultException(
              option
                  + ": expected lucene[:DIR] or opensearch[:URL], e.g. lucene:"
                  + data.indexFolder()
                  + " or opensearch:https://node1:9200");
    };
  }

  private static Side lucene(Path dir, boolean forWriting) throws IOException {
    // The real path, so that a symbolic link or another spelling of the source is the same store.
    Path folder = Files.exists(dir) ? dir.toRealPath() : dir.toAbsolutePath().normalize();
    return new Side() {
      @Override
      public String description() {
        return "lucene:" + folder;
      }

      @Override
      public CaseStore open() throws IOException {
        if (!forWriting) {
          return LuceneCaseStore.openReadOnly(folder);
        }
        // A new index is for the owner's eyes only, as the data directory is.
        OwnerOnlyFiles.createDirectory(folder);
        return LuceneCaseStore.open(folder);
      }
    };
  }

  private Side openSearch(String urls, String option) throws IOException {
    OpenSearchConfiguration configured = OpenSearchStores.configuration(data.folder());
    OpenSearchConfiguration configuration =
        urls.isEmpty()
            ? configured
            : configured.withUrls(OpenSearchConfiguration.parseUrls(urls, option));
    String description =
        "opensearch:"
            + configuration.settings().urls().stream()
                .map(URI::toString)
                .collect(Collectors.joining(","))
            + " alias "
            + configuration.index().alias();
    return new Side() {
      @Override
      public String description() {
        return description;
      }

      @Override
      public CaseStore open() throws IOException {
        return OpenSearchStores.open(configuration);
      }
    };
  }

  /** DATA/migrations/ and a name per pair of stores, so that each pair resumes its own run. */
  private static Path progressFile(Path folder, String source, String target) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((source + "\n" + target).getBytes(StandardCharsets.UTF_8));
      return folder
          .resolve("migrations")
          .resolve("migrate-" + HexFormat.of().formatHex(digest, 0, 8) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static MigrationListener listener(Progress progress) {
    return new MigrationListener() {
      @Override
      public void copied(long copied, double seconds) {
        progress.update(String.format("%,d cases copied (durable), %.1f s", copied, seconds));
      }

      @Override
      public void verified(long checked, double seconds) {
        progress.update(String.format("%,d cases checked, %.1f s", checked, seconds));
      }
    };
  }

  private static int report(Audited<MigrationReport> migrated) {
    MigrationReport report = migrated.value();
    MigrationReport.Check check = report.check();
    if (report.copied() == 0 && report.resumedAfter() > 0) {
      System.out.printf(
          "nothing left to copy: %,d cases were copied by an earlier run; checked in %.1f s%n",
          report.resumedAfter(), report.seconds());
    } else {
      System.out.printf(
          "copied %,d cases in %,d pages, %.1f s with the check (%,.0f cases/s)%s%n",
          report.copied(),
          report.pages(),
          report.seconds(),
          report.copied() / Math.max(report.seconds(), 1e-3),
          report.resumedAfter() > 0
              ? String.format(" (resumed: %,d copied by an earlier run)", report.resumedAfter())
              : "");
    }
    System.out.printf(
        "source %,d cases, target %,d cases%n", check.sourceCases(), check.targetCases());
    if (check.identical()) {
      System.out.println(
          "identical: every case has the same content and sealed values on both sides (SHA-256)");
    } else {
      System.out.printf(
          "DIFFERENT: %,d cases differ or are on one side only%n", check.mismatches());
      for (MigrationReport.Mismatch mismatch : check.firstMismatches()) {
        System.out.println("  " + mismatch);
      }
      if (check.mismatches() > check.firstMismatches().size()) {
        System.out.printf(
            "  ... and %,d more%n", check.mismatches() - check.firstMismatches().size());
      }
    }
    System.err.println("audit receipt " + migrated.receipt().header());
    return check.identical() ? 0 : 1;
  }
}
