package dev.casevault.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold secrets or credentials: created readable by their owner only, replaced atomically
 * (a crash leaves the old or the new content, never half of one), and refused on read when someone
 * else can read them.
 */
public final class OwnerOnlyFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private OwnerOnlyFiles() {}

  /** Creates {@code dir} (and missing parents) as {@code rwx------} if it does not exist. */
  public static void createDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
  }

  /** Replaces {@code file} with {@code content}, durably, as an owner-only file. */
  public static void write(Path file, byte[] content) throws IOException {
    createDirectory(file.toAbsolutePath().getParent());
    Path temp =
        Files.createTempFile(
            file.toAbsolutePath().getParent(),
            file.getFileName().toString(),
            ".tmp",
            PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(content));
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Reads {@code file}, refusing it when its group or others have any permission on it: a secret
   * that others could read may already be known.
   */
  public static byte[] read(Path file) throws IOException {
    requireOwnerOnly(file);
    return Files.readAllBytes(file);
  }

  /**
   * Throws a {@link CaseVaultException} naming the file and the fix when others have access. A
   * symbolic link is judged by the file it points to (certbot's live/ folder holds links).
   */
  public static void requireOwnerOnly(Path path) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
    if (!java.util.Collections.disjoint(permissions, OTHERS)) {
      throw new CaseVaultException(
          path
              + " is "
              + PosixFilePermissions.toString(permissions)
              + ": others may read it; run chmod go-rwx "
              + path);
    }
  }

  /** Whether anyone but the owner has a permission on {@code path}. */
  public static boolean openToOthers(Path path) throws IOException {
    return !java.util.Collections.disjoint(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS), OTHERS);
  }
}
