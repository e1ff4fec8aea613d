package dev.casevault.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine.Option;

/**
 * The options of every command that uses the data directory: where it is, and --debug. Commands
 * that read cases add the choice of store ({@link DataOptions}).
 */
class DataFolderOptions {
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
}
