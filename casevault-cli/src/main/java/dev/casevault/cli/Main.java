package dev.casevault.cli;

import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code casevault} command. */
@Command(
    name = "casevault",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "A support-case archive: ingest, search and read support cases on an embedded Lucene index.",
      "",
      "Data lives in --data DIR, or $CASEVAULT_DATA, or ./casevault-data (created owner-only).",
      "Or the cases live on OpenSearch: --store opensearch (docs/opensearch.md)."
    },
    subcommands = {
      AuditCommand.class,
      AuditConfigCommand.class,
      DemoCommand.class,
      DetectCommand.class,
      DoctorCommand.class,
      EvalRedactionCommand.class,
      ExportCommand.class,
      GenerateCommand.class,
      IncidentCommand.class,
      IngestCommand.class,
      MigrateCommand.class,
      PolicyCommand.class,
      ScanCommand.class,
      SearchCommand.class,
      ServeCommand.class,
      ShowCommand.class,
      StatsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /**
   * Lucene announces through java.util.logging which vector code it uses: no news to someone
   * searching cases. Held in a field because the logging framework keeps loggers weakly.
   */
  private static final java.util.logging.Logger LUCENE_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Lucene announces through java.util.logging which vector code it uses; that is no news to
    // someone searching cases.
    java.util.logging.Logger.getLogger("org.apache.lucene")
        .setLevel(java.util.logging.Level.WARNING);
    // Jetty and Javalin announce every start at INFO; casevault prints what an operator needs.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code, without exiting (for tests). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::handle);
    return cli.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * One clear line on stderr instead of a stack trace; {@code --debug} adds the trace. Messages of
   * {@link CaseVaultException} are written to be shown; other exceptions are summarised by type
   * because their messages may quote input.
   */
  private static int handle(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    err.println("casevault: " + describe(e));
    for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (level.hasMatchedOption("--debug")) {
        e.printStackTrace(err);
        break;
      }
    }
    err.flush();
    return 1;
  }

  static String describe(Throwable e) {
    return switch (e) {
      case CaseVaultException c -> c.getMessage();
      case NoSuchFileException f -> "no such file: " + f.getFile();
      case AccessDeniedException a -> "permission denied: " + a.getFile();
      // A store's failure says which host or error, never case data.
      case dev.casevault.store.StoreFailureException store -> store.getMessage();
      case IOException io ->
          "I/O error (" + io.getClass().getSimpleName() + "); rerun with --debug for details";
      default ->
          "internal error (" + e.getClass().getSimpleName() + "); rerun with --debug for details";
    };
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"casevault " + (version == null ? "development build" : version)};
    }
  }
}
