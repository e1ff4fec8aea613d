package dev.casevault.cli;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseVaultException;
import dev.casevault.json.CaseJsonWriter;
import dev.casevault.service.Audited;
import dev.casevault.service.CaseVault;
import dev.casevault.service.Requester;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the cases matching a query as JSON lines (the ingest format, as stored: redacted),",
      "oldest first. Each page of 500 cases is written to the audit log before it is written out."
    })
final class ExportCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Mixin QueryOptions queryOptions;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write to FILE, created owner-only; an existing file is not overwritten.")
  Path out;

  @Override
  public Integer call() throws Exception {
    var query = queryOptions.toQuery();
    Audited<Long> exported;
    try (CaseVault vault = data.openForReading();
        Writer writer =
            new BufferedWriter(new OutputStreamWriter(open(), StandardCharsets.UTF_8))) {
      // The owner of the data directory reads everything locally; remote callers export through
      // the server, which scopes them by the access policy.
      exported =
          vault.export(
              query,
              AccessScope.dataDirectoryOwner(),
              Requester.localOwner(),
              c -> writer.write(CaseJsonWriter.toJson(c) + "\n"));
    }
    System.err.println(
        "exported "
            + exported.value()
            + " cases"
            + (out == null ? "" : " to " + out)
            + "; audit receipt "
            + exported.receipt().header());
    return 0;
  }

  private OutputStream open() throws IOException {
    if (out == null) {
      return new java.io.FilterOutputStream(System.out) {
        @Override
        public void close() throws IOException {
          flush(); // standard output stays open for the summary
        }
      };
    }
    try {
      return Files.newOutputStream(
          Files.createFile(
              out,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new CaseVaultException("--out: " + out + " exists; export never overwrites a file");
    }
  }
}
