package dev.casevault.audit;

import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the events of an audit log folder in order, read-only, without the writer's lock: it can
 * run beside the process that appends. It reads the records complete when it opened the file and
 * stops at the last complete one, so a record being appended (or torn by a crash) ends the reading
 * quietly.
 *
 * <p>Nothing is skipped silently: an entry that is not an event is returned with its index and the
 * reason, and a record that cannot be read (an invalid length, so the records after it cannot be
 * found) is returned as a last entry naming where it is.
 *
 * <pre>{@code
 * try (AuditEvents events = AuditEvents.open(dir)) {
 *   for (AuditEvents.Entry entry = events.next(); entry != null; entry = events.next()) { ... }
 * }
 * }</pre>
 */
public final class AuditEvents implements AutoCloseable {
  private final RecordReader reader;
  private boolean finished;

  /**
   * One entry of the log.
   *
   * @param index its index in the log (the Merkle tree's leaf index)
   * @param bytes its exact bytes, or null when the record itself cannot be read
   * @param event the event, or null when the entry is not one
   * @param problem why the entry is not an event, or null when it is
   */
  public record Entry(long index, byte[] bytes, AuditEvent event, String problem) {
    public boolean isEvent() {
      return event != null;
    }

    /** The problem as one line: which entry, what is wrong. */
    public String describeProblem() {
      return "audit log entry " + index + ": " + problem;
    }
  }

  private AuditEvents(RecordReader reader) {
    this.reader = reader;
  }

  /**
   * Opens the log in {@code dir} for reading.
   *
   * @throws CaseVaultException when {@code dir} holds no audit log
   */
  public static AuditEvents open(Path dir) throws IOException {
    requireLog(dir);
    Path entries = dir.resolve(AuditLog.ENTRIES);
    if (!Files.exists(entries)) {
      // A log whose first open was interrupted before its files were created has no entries.
      return new AuditEvents(null);
    }
    return new AuditEvents(new RecordReader(entries));
  }

  /**
   * Throws a {@link CaseVaultException} unless {@code dir} holds an audit log: its origin and its
   * verifier key. Reading commands call this rather than {@link AuditTrail#origin}, which would
   * create a log where none is.
   */
  public static void requireLog(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new CaseVaultException("no audit log in " + dir + " (nothing has been recorded yet)");
    }
    for (Path file :
        new Path[] {
          dir.resolve(AuditTrail.ORIGIN_FILE),
          dir.resolve(AuditTrail.KEYS).resolve(AuditKeys.VERIFIER_KEY)
        }) {
      if (!Files.isRegularFile(file)) {
        throw new CaseVaultException(
            "no audit log in " + dir + ": " + dir.relativize(file) + " is missing");
      }
    }
  }

  /** The log's origin, read without creating anything. */
  public static String origin(Path dir) throws IOException {
    requireLog(dir);
    return AuditTrail.origin(dir);
  }

  /** The log's public verifier key, read without creating anything. */
  public static NoteVerifier verifier(Path dir) throws IOException {
    requireLog(dir);
    try {
      return AuditTrail.verifier(dir);
    } catch (InvalidProofException e) {
      throw new CaseVaultException(
          dir.resolve(AuditTrail.KEYS).resolve(AuditKeys.VERIFIER_KEY)
              + " is not a verifier key: "
              + e.getMessage());
    }
  }

  /**
   * Every event of the log in {@code dir}, in order.
   *
   * @throws IllegalStateException naming the first entry that is not an event
   */
  public static java.util.List<AuditEvent> readAll(Path dir) throws IOException {
    java.util.List<AuditEvent> events = new java.util.ArrayList<>();
    try (AuditEvents entries = open(dir)) {
      for (Entry entry = entries.next(); entry != null; entry = entries.next()) {
        if (!entry.isEvent()) {
          throw new IllegalStateException(entry.describeProblem());
        }
        events.add(entry.event());
      }
    }
    return events;
  }

  /** The next entry, or null after the last complete one. */
  public Entry next() throws IOException {
    if (finished || reader == null) {
      return null;
    }
    long index = reader.index();
    byte[] record;
    try {
      record = reader.next();
    } catch (DamagedRecordException e) {
      finished = true;
      if (e.torn()) {
        // Being appended right now, or cut by a crash: the complete records end here.
        return null;
      }
      return new Entry(
          index,
          null,
          null,
          "cannot be read ("
              + e.getMessage()
              + "); the entries after it cannot be found: run casevault audit verify");
    }
    if (record == null) {
      finished = true;
      return null;
    }
    try {
      return new Entry(index, record, AuditEventJson.decode(record), null);
    } catch (IllegalArgumentException e) {
      return new Entry(index, record, null, "not an audit event: " + e.getMessage());
    } catch (RuntimeException e) {
      // The message of another exception may quote the entry; its type says enough.
      return new Entry(
          index, record, null, "not an audit event (" + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
