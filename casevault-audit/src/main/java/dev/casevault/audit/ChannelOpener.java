package dev.casevault.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Opens the files the log writes; tests substitute channels that fail on demand. */
@FunctionalInterface
interface ChannelOpener {
  ChannelOpener OWNER_ONLY =
      path ->
          FileChannel.open(
              path,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));

  FileChannel open(Path path) throws IOException;
}
