package dev.casevault.service;

import dev.casevault.core.CaseVaultException;
import dev.casevault.core.SupportCase;
import dev.casevault.json.CaseJsonWriter;
import dev.casevault.json.CaseLineReader;
import dev.casevault.json.ParsedLine;
import dev.casevault.redaction.CaseQuarantinedException;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.Vault;
import dev.casevault.store.CaseStore;
import dev.casevault.store.StoreFailureException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One ingest run: the calling thread reads and validates lines, a small pool indexes the accepted
 * cases in batches, and every {@code commitEvery} the run waits for the pool to index what was
 * submitted, commits that in the background, and counts those cases as accepted only when the
 * commit has returned. So a reported count is always a durable count.
 */
final class IngestRun {
  private static final int BATCH = 256;

  private final CaseStore store;
  private final Redactor redactor;
  private final Vault vault;
  private final IngestOptions options;
  private final IngestListener listener;
  private final SeenIds seen = new SeenIds();
  private final RejectFiles rejects;
  private final ExecutorService pool;
  private final Semaphore batchesInFlight;
  private final int maxBatchesInFlight;
  private final AtomicReference<Throwable> indexFailure = new AtomicReference<>();
  private final ExecutorService committer =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "casevault-commit");
            thread.setDaemon(true);
            return thread;
          });
  private Future<Checkpoint> commitInFlight;
  private final long startNanos = System.nanoTime();

  private final List<String> fileNames = new ArrayList<>();
  private List<Pending> batch = new ArrayList<>(BATCH);
  private final AtomicLong quarantinedTotal = new AtomicLong();
  private final Queue<String> quarantineReports = new ConcurrentLinkedQueue<>();
  private final OutputStream rejectLines;
  private long submitted;
  private long accepted;
  private long rejected;
  private long bytesRead;
  private long lastCommitNanos = startNanos;

  IngestRun(
      CaseStore store,
      Redactor redactor,
      Vault vault,
      IngestOptions options,
      IngestListener listener) {
    this.store = store;
    this.redactor = redactor;
    this.vault = vault;
    this.options = options;
    this.listener = listener;
    this.rejects = new RejectFiles(options.rejectFile());
    this.rejectLines =
        new RedactingLines(rejects.lines(), redactor, options.limits().maxCaseBytes() + 1024);
    AtomicInteger threadNumber = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            options.indexThreads(),
            task -> {
              Thread thread = new Thread(task, "casevault-index-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.maxBatchesInFlight = options.indexThreads() * 4;
    this.batchesInFlight = new Semaphore(maxBatchesInFlight);
  }

  IngestReport run(List<Path> files) throws IOException {
    for (Path file : files) {
      if (!Files.isReadable(file)) {
        throw new CaseVaultException("cannot read " + file + ": no such readable file");
      }
    }
    return finish(
        () -> {
          for (int index = 0; index < files.size(); index++) {
            ingestFile(files.get(index), index);
          }
        });
  }

  /** Ingests one stream of JSON lines, {@code name} naming it in reports (an HTTP upload). */
  IngestReport run(String name, InputStream in) throws IOException {
    return finish(() -> ingestStream(name, in, 0));
  }

  private interface Input {
    void read() throws IOException;
  }

  private IngestReport finish(Input input) throws IOException {
    try {
      input.read();
      checkpoint();
      collectCommit(true);
    } finally {
      // Never interrupt a thread that may be inside the index writer: an interrupted flush makes
      // Lucene close the writer for good. Let running work finish, then close the rejects.
      pool.shutdown();
      committer.shutdown();
      awaitQuietly(pool);
      awaitQuietly(committer);
      rejects.close();
    }
    return new IngestReport(
        accepted,
        rejected,
        quarantinedTotal.get(),
        bytesRead,
        elapsedSeconds(),
        rejected > 0 ? rejects.file() : null);
  }

  private void ingestFile(Path file, int fileIndex) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ingestStream(file.toString(), in, fileIndex);
    } catch (NoSuchFileException e) {
      throw new CaseVaultException("cannot read " + file + ": no such file");
    }
  }

  private void ingestStream(String name, InputStream stream, int fileIndex) throws IOException {
    fileNames.add(name);
    try (CountingInputStream in = new CountingInputStream(stream);
        CaseLineReader reader = new CaseLineReader(in, options.limits(), rejectLines)) {
      for (ParsedLine parsed = reader.next(); parsed != null; parsed = reader.next()) {
        switch (parsed) {
          case ParsedLine.Accepted ok -> accept(ok.supportCase(), name, fileIndex, ok.lineNumber());
          case ParsedLine.Rejected bad -> reject(name, bad.lineNumber(), bad.reason());
        }
        bytesRead += in.takeCount();
        collectCommit(false);
        if (System.nanoTime() - lastCommitNanos >= options.commitEvery().toNanos()) {
          checkpoint();
        }
      }
    }
  }

  private void accept(SupportCase supportCase, String file, int fileIndex, long line)
      throws IOException {
    long firstSeen = seen.putIfAbsent(supportCase.id().value(), place(fileIndex, line));
    if (firstSeen >= 0) {
      // The reader only keeps raw bytes of lines it rejects itself, so the duplicate is written
      // back in the ingest format: the same case, possibly not byte for byte the same line.
      rejectLines.write(CaseJsonWriter.toJson(supportCase).getBytes(StandardCharsets.UTF_8));
      rejectLines.write('\n');
      reject(
          file,
          line,
          "duplicate case id in this run, first seen at "
              + fileNames.get(fileOf(firstSeen))
              + ":"
              + lineOf(firstSeen));
      return;
    }
    batch.add(new Pending(supportCase, file, line));
    submitted++;
    if (batch.size() == BATCH) {
      submitBatch();
    }
  }

  private void reject(String file, long line, String reason) throws IOException {
    rejected++;
    rejects.error(file + ":" + line + ": " + reason);
    listener.rejected(file, line, reason);
  }

  private void submitBatch() throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    List<Pending> work = batch;
    batch = new ArrayList<>(BATCH);
    acquire(1);
    pool.execute(
        () -> {
          try {
            for (Pending pending : work) {
              redactAndPut(pending);
            }
          } catch (Throwable t) {
            indexFailure.compareAndSet(null, t);
          } finally {
            batchesInFlight.release();
          }
        });
  }

  /** A case read and validated, waiting for redaction; its place is only for reports. */
  private record Pending(SupportCase supportCase, String file, long line) {}

  /**
   * Redacts and stores one case on an index thread. A case that cannot be redacted with certainty
   * is quarantined: reported by its place in the input, never stored, and its line not copied.
   */
  private void redactAndPut(Pending pending) throws IOException {
    RedactedCase redacted;
    try {
      redacted = redactor.redact(pending.supportCase());
    } catch (CaseQuarantinedException e) {
      quarantinedTotal.incrementAndGet();
      quarantineReports.add(pending.file() + ":" + pending.line() + ": " + e.getMessage());
      return;
    }
    store.put(redacted);
  }

  /** Reports the quarantined cases that index threads found, on the calling thread. */
  private void reportQuarantined() throws IOException {
    for (String report = quarantineReports.poll();
        report != null;
        report = quarantineReports.poll()) {
      rejected++;
      rejects.error(report);
      int colon = report.indexOf(':');
      int secondColon = report.indexOf(':', colon + 1);
      listener.rejected(
          report.substring(0, colon),
          Long.parseLong(report.substring(colon + 1, secondColon)),
          report.substring(secondColon + 2));
    }
  }

  /**
   * Marks a durability point: waits until every case submitted so far is indexed, then commits in
   * the background while parsing and indexing go on; those cases count as accepted once that commit
   * returns (see {@link #collectCommit}). At most one commit runs at a time.
   */
  private void checkpoint() throws IOException {
    submitBatch();
    acquire(maxBatchesInFlight); // every submitted batch is now indexed
    batchesInFlight.release(maxBatchesInFlight);
    Throwable failure = indexFailure.get();
    if (failure != null) {
      throw stopped("indexing failed", failure);
    }
    collectCommit(true);
    reportQuarantined();
    long durableAfterCommit = submitted - quarantinedTotal.get();
    long rejectedAtCheckpoint = rejected;
    long bytesAtCheckpoint = bytesRead;
    commitInFlight =
        committer.submit(
            () -> {
              // Keys first: a committed case must never refer to a vault key that was lost.
              vault.sync();
              store.commit();
              rejects.sync();
              return new Checkpoint(durableAfterCommit, rejectedAtCheckpoint, bytesAtCheckpoint);
            });
    lastCommitNanos = System.nanoTime();
  }

  /**
   * Why the run stopped, and how to go on: the cases counted as accepted are committed and kept,
   * and running the same input again stores the rest. A case is stored under its id, so those
   * already stored are replaced, never doubled. A store's failure keeps its own words (they hold no
   * case data); any other failure only its type.
   */
  private IOException stopped(String what, Throwable cause) {
    String resume =
        "; the "
            + accepted
            + " cases reported as committed are kept: run the same ingest again to resume (cases"
            + " already stored are replaced, not doubled)";
    if (cause instanceof StoreFailureException store) {
      return new StoreFailureException(
          "ingest stopped, " + what + ": " + store.getMessage() + resume, cause);
    }
    // Another failure's message may quote what was being written: only its type is shown.
    return new StoreFailureException(
        "ingest stopped, "
            + what
            + " ("
            + (cause == null ? "unknown cause" : cause.getClass().getSimpleName())
            + "; --debug shows it)"
            + resume,
        cause);
  }

  private record Checkpoint(long accepted, long rejected, long bytesRead) {}

  /** Reports the commit in flight once it has returned; with {@code wait}, waits for it. */
  private void collectCommit(boolean wait) throws IOException {
    if (commitInFlight == null || (!wait && !commitInFlight.isDone())) {
      return;
    }
    Checkpoint done;
    try {
      done = commitInFlight.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("ingest interrupted");
    } catch (ExecutionException e) {
      throw stopped("commit failed", e.getCause());
    }
    commitInFlight = null;
    accepted = done.accepted();
    listener.committed(done.accepted(), done.rejected(), done.bytesRead(), elapsedSeconds());
  }

  private static void awaitQuietly(ExecutorService executor) {
    try {
      if (!executor.awaitTermination(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("indexing threads did not stop within 10 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acquire(int permits) throws InterruptedIOException {
    try {
      batchesInFlight.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("ingest interrupted");
    }
  }

  private double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static long place(int fileIndex, long line) {
    return ((long) fileIndex << 40) | line;
  }

  private static long lineOf(long place) {
    return place & ((1L << 40) - 1);
  }

  private static int fileOf(long place) {
    return (int) (place >>> 40);
  }

  /** Counts the bytes read since the last {@link #takeCount()}. */
  private static final class CountingInputStream extends FilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    long takeCount() {
      long taken = count;
      count = 0;
      return taken;
    }
  }
}
