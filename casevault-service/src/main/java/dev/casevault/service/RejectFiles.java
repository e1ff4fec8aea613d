package dev.casevault.service;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The two files of an ingest run's rejects, created on the first reject with owner-only
 * permissions: the raw rejected lines (so they can be fixed and ingested again) and, beside them
 * with the suffix {@code .errors}, one {@code file:line: reason} per rejected line.
 *
 * <p>Rejected lines are raw input and may hold personal data, which is why they are never logged
 * and the files are readable by their owner only.
 */
final class RejectFiles implements AutoCloseable {
  private final Path file;
  private final Path errorsFile;
  private FileChannel lines;
  private FileChannel errors;
  private final OutputStream linesStream =
      new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          writeFully(linesChannel(), bytes, offset, length);
        }
      };

  RejectFiles(Path file) {
    this.file = file;
    this.errorsFile = file.resolveSibling(file.getFileName() + ".errors");
  }

  Path file() {
    return file;
  }

  /** The raw rejected lines; the line reader writes to it directly. */
  OutputStream lines() {
    return linesStream;
  }

  void error(String line) throws IOException {
    if (errors == null) {
      errors = create(errorsFile);
    }
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    writeFully(errors, bytes, 0, bytes.length);
  }

  /** Forces what was written so far to disk, alongside the index commit of the same checkpoint. */
  void sync() throws IOException {
    if (lines != null) {
      lines.force(false);
    }
    if (errors != null) {
      errors.force(false);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      sync();
    } finally {
      if (lines != null) {
        lines.close();
      }
      if (errors != null) {
        errors.close();
      }
    }
  }

  private FileChannel linesChannel() throws IOException {
    if (lines == null) {
      lines = create(file);
    }
    return lines;
  }

  private static FileChannel create(Path path) throws IOException {
    Files.createDirectories(path.toAbsolutePath().getParent());
    FileChannel channel =
        FileChannel.open(
            path,
            // A new file only: an existing one could be readable by others or a planted link.
            Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return channel;
  }

  private static void writeFully(FileChannel channel, byte[] bytes, int offset, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
