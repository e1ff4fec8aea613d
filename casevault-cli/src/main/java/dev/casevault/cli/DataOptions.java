package dev.casevault.cli;

import dev.casevault.core.CaseVaultException;
import dev.casevault.service.CaseVault;
import dev.casevault.store.lucene.LuceneCaseStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Option;

/** The options every command that touches the archive shares: where it is, and --debug. */
final class DataOptions {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: $CASEVAULT_DATA or ./casevault-data).")
  Path data;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  Path folder() {
    if (data != null) {
      return data;
    }
    String fromEnv = System.getenv("CASEVAULT_DATA");
    return Path.of(fromEnv == null || fromEnv.isBlank() ? "casevault-data" : fromEnv);
  }

  Path indexFolder() {
    return folder().resolve("index");
  }

  /** Creates the data directory, readable by its owner only, if it does not exist yet. */
  Path createFolder() throws IOException {
    Path folder = folder();
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(
          folder,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return folder;
  }

  /** The service over the index, open for writing. */
  CaseVault openForWriting() throws IOException {
    createFolder();
    return CaseVault.open(LuceneCaseStore.open(indexFolder()), folder(), true);
  }

  /** The service over the last commit, read-only, so it can run beside an ingest. */
  CaseVault openForReading() throws IOException {
    if (!Files.isDirectory(folder())) {
      throw new CaseVaultException(
          "no data directory " + folder() + " (run casevault ingest or casevault demo first)");
    }
    return CaseVault.open(LuceneCaseStore.openReadOnly(indexFolder()), folder(), false);
  }
}
