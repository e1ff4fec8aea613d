package dev.casevault.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.OwnerOnlyFiles;
import dev.casevault.json.CaseJsonWriter;
import dev.casevault.json.JsonDocuments;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.SealedValue;
import dev.casevault.store.CaseStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Copies every case of one store into another as stored, page by page in id order, then compares
 * the two ({@link CaseVault#migrate}). Nothing is redacted again and nothing is unsealed: the pages
 * are what {@link CaseStore#storedCases} hands out, put as they are.
 *
 * <p>Resumable: after each page is committed in the target, the last id is written to the progress
 * file (atomically, durably). A run that stops, however, leaves the target with every page up to
 * the recorded one, perhaps one more; the next run starts after the recorded id, and putting a case
 * again replaces it, so nothing is lost or doubled. A run after a finished one finds no case after
 * the last id (unless new ones were added) and goes straight to the check.
 */
final class StoreMigration {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Called with each page before it is put into the target; a failure stops the migration. */
  interface PageGate {
    void beforeCopy(List<RedactedCase> page, long offset) throws IOException;
  }

  private final CaseStore source;
  private final CaseStore target;
  private final AccessScope scope;
  private final MigrationOptions options;
  private final MigrationListener listener;
  private final PageGate gate;

  StoreMigration(
      CaseStore source,
      CaseStore target,
      AccessScope scope,
      MigrationOptions options,
      MigrationListener listener,
      PageGate gate) {
    this.source = source;
    this.target = target;
    this.scope = scope;
    this.options = options;
    this.listener = listener;
    this.gate = gate;
  }

  MigrationReport run() throws IOException {
    long started = System.nanoTime();
    Progress progress = options.restart() ? new Progress(null, 0) : readProgress();
    long resumedAfter = progress.copied();
    CaseId after = progress.after();
    long copied = progress.copied();
    long pages = 0;
    List<RedactedCase> page;
    while (!(page = source.storedCases(after, options.pageSize(), scope)).isEmpty()) {
      gate.beforeCopy(page, copied);
      for (RedactedCase c : page) {
        target.put(c);
      }
      target.commit();
      after = page.getLast().content().id();
      copied += page.size();
      pages++;
      writeProgress(new Progress(after, copied));
      listener.copied(copied, seconds(started));
    }
    MigrationReport.Check check = compare(started);
    return new MigrationReport(resumedAfter, copied - resumedAfter, pages, seconds(started), check);
  }

  /** Both stores side by side in id order: counts, then each case's checksum. */
  private MigrationReport.Check compare(long started) throws IOException {
    long sourceCases = source.count(scope);
    long targetCases = target.count(scope);
    Walk left = new Walk(source);
    Walk right = new Walk(target);
    long mismatches = 0;
    long checked = 0;
    List<MigrationReport.Mismatch> listed = new ArrayList<>();
    RedactedCase a = left.next();
    RedactedCase b = right.next();
    while (a != null || b != null) {
      MigrationReport.Mismatch mismatch = null;
      int order = a == null ? 1 : b == null ? -1 : a.content().id().compareTo(b.content().id());
      if (order < 0) {
        mismatch = mismatch(a, MigrationReport.Kind.MISSING_FROM_TARGET);
        a = left.next();
      } else if (order > 0) {
        mismatch = mismatch(b, MigrationReport.Kind.ONLY_IN_TARGET);
        b = right.next();
      } else {
        if (!Arrays.equals(checksum(a), checksum(b))) {
          mismatch = mismatch(a, MigrationReport.Kind.CHANGED);
        }
        a = left.next();
        b = right.next();
      }
      if (mismatch != null) {
        mismatches++;
        if (listed.size() < MigrationReport.Check.LISTED) {
          listed.add(mismatch);
        }
      }
      if (++checked % options.pageSize() == 0) {
        listener.verified(checked, seconds(started));
      }
    }
    listener.verified(checked, seconds(started));
    return new MigrationReport.Check(sourceCases, targetCases, mismatches, listed);
  }

  private static MigrationReport.Mismatch mismatch(RedactedCase c, MigrationReport.Kind kind) {
    return new MigrationReport.Mismatch(c.content().id().value(), kind);
  }

  /**
   * SHA-256 of a case's canonical stored form: the case as one line of the ingest format ({@link
   * CaseJsonWriter}: fixed field order, every field), a zero byte (which JSON text never holds),
   * then its sealed values in their binary form ({@link SealedValue#encodeAll}, in stored order).
   */
  static byte[] checksum(RedactedCase c) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(CaseJsonWriter.toJson(c.content()).getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      sha256.update(SealedValue.encodeAll(c.sealed()));
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A store's cases in id order, a page at a time. */
  private final class Walk {
    private final CaseStore store;
    private Iterator<RedactedCase> page = java.util.Collections.emptyIterator();
    private CaseId last;
    private boolean done;

    Walk(CaseStore store) {
      this.store = store;
    }

    /** The next case, or null after the last. */
    RedactedCase next() throws IOException {
      if (!page.hasNext() && !done) {
        List<RedactedCase> cases = store.storedCases(last, options.pageSize(), scope);
        done = cases.isEmpty();
        page = cases.iterator();
      }
      if (!page.hasNext()) {
        return null;
      }
      RedactedCase c = page.next();
      last = c.content().id();
      return c;
    }
  }

  /** The last case id committed in the target and how many cases were copied up to it. */
  private record Progress(CaseId after, long copied) {}

  private Progress readProgress() throws IOException {
    if (!Files.exists(options.progressFile())) {
      return new Progress(null, 0);
    }
    String source = options.progressFile().toString();
    try {
      JsonNode root =
          JsonDocuments.parseObject(
              new String(OwnerOnlyFiles.read(options.progressFile()), StandardCharsets.UTF_8),
              source);
      if (!options.from().equals(root.path("from").asText())
          || !options.to().equals(root.path("to").asText())) {
        throw new CaseVaultException(
            source
                + " records another migration (from "
                + root.path("from").asText()
                + " to "
                + root.path("to").asText()
                + "); run with --restart to start this one afresh");
      }
      JsonNode after = root.get("after");
      return new Progress(
          after == null || after.isNull() ? null : new CaseId(after.asText()),
          root.path("copied").asLong());
    } catch (IllegalArgumentException e) {
      throw new CaseVaultException(
          source + ": damaged progress file; run with --restart to copy everything again");
    }
  }

  private void writeProgress(Progress progress) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("from", options.from());
    root.put("to", options.to());
    root.put("after", progress.after() == null ? null : progress.after().value());
    root.put("copied", progress.copied());
    OwnerOnlyFiles.write(
        options.progressFile(), (root.toString() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
