package dev.casevault.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.access.AccessScope;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEvents;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.Customer;
import dev.casevault.core.SupportCase;
import dev.casevault.json.CaseJsonWriter;
import dev.casevault.json.CaseLimits;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.SealedValue;
import dev.casevault.store.CaseStore;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SearchResult;
import dev.casevault.store.StoreHealth;
import dev.casevault.store.StoreStats;
import dev.casevault.store.lucene.LuceneCaseStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CaseVault#migrate} between two real Lucene stores: copied as stored, checked case by case,
 * resumed after a stop without loss or duplicates, recorded page by page. (The CLI's tests do the
 * same between Lucene and a real OpenSearch cluster.)
 */
class MigrationTest {
  private static final AccessScope ALL = AccessScope.dataDirectoryOwner();
  private static final int CASES = 450;

  @TempDir Path data;

  @BeforeEach
  void ingest() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < CASES; i++) {
      SupportCase c = IngestTest.supportCase("CASE-" + (i * 7919 % 100_000), "Printer " + i);
      lines
          .append(
              CaseJsonWriter.toJson(
                  new SupportCase(
                      c.id(),
                      c.created(),
                      c.updated(),
                      c.status(),
                      c.product(),
                      c.channel(),
                      c.language(),
                      c.region(),
                      c.team(),
                      c.tags(),
                      new Customer(
                          "cust-" + i, "Jane Doe", "jane" + i + "@example.com", null, null),
                      null,
                      c.subject(),
                      "Call me back on jane" + i + "@example.com please.",
                      c.messages(),
                      c.notes())))
          .append('\n');
    }
    Path file = data.resolve("cases.jsonl");
    Files.writeString(file, lines);
    try (CaseVault vault =
        CaseVault.open(LuceneCaseStore.open(data.resolve("index")), data, true)) {
      IngestReport report =
          vault.ingest(
              List.of(file),
              new IngestOptions(
                  CaseLimits.defaults(), data.resolve("rejects.jsonl"), Duration.ofSeconds(5), 2),
              new IngestListener() {
                @Override
                public void rejected(String file, long line, String reason) {}

                @Override
                public void committed(long accepted, long rejected, long bytes, double seconds) {}
              },
              Requester.localOwner());
      assertThat(report.accepted()).isEqualTo(CASES);
    }
  }

  private MigrationOptions options(boolean restart) {
    return new MigrationOptions(
        "lucene:" + data.resolve("index"),
        "lucene:" + data.resolve("copy"),
        data.resolve("migrate-test.json"),
        100,
        restart);
  }

  private MigrationReport migrate(CaseStore target, MigrationListener listener, boolean restart)
      throws IOException {
    try (CaseVault vault =
        CaseVault.open(LuceneCaseStore.openReadOnly(data.resolve("index")), data, false)) {
      return vault.migrate(target, options(restart), listener, ALL, Requester.localOwner()).value();
    }
  }

  private static final MigrationListener QUIET =
      new MigrationListener() {
        @Override
        public void copied(long copied, double seconds) {}

        @Override
        public void verified(long checked, double seconds) {}
      };

  private static List<String> checksums(CaseStore store) throws IOException {
    List<String> sums = new ArrayList<>();
    CaseId after = null;
    List<RedactedCase> page;
    while (!(page = store.storedCases(after, 64, ALL)).isEmpty()) {
      for (RedactedCase c : page) {
        sums.add(
            c.content().id().value() + " " + HexFormat.of().formatHex(StoreMigration.checksum(c)));
      }
      after = page.getLast().content().id();
    }
    return sums;
  }

  @Test
  void everyCaseIsCopiedAsStoredCheckedAndRecordedPageByPage() throws IOException {
    int eventsBefore = AuditEvents.readAll(data.resolve("audit")).size();
    List<Long> progress = new ArrayList<>();
    MigrationReport report;
    try (LuceneCaseStore copy = LuceneCaseStore.open(data.resolve("copy"))) {
      report =
          migrate(
              copy,
              new MigrationListener() {
                @Override
                public void copied(long copied, double seconds) {
                  progress.add(copied);
                }

                @Override
                public void verified(long checked, double seconds) {}
              },
              false);
      assertThat(report.copied()).isEqualTo(CASES);
      assertThat(report.pages()).isEqualTo(5);
      assertThat(progress).containsExactly(100L, 200L, 300L, 400L, 450L);
      assertThat(report.check().identical()).isTrue();
      assertThat(report.check().sourceCases()).isEqualTo(CASES);
      try (LuceneCaseStore source = LuceneCaseStore.openReadOnly(data.resolve("index"))) {
        assertThat(checksums(copy)).hasSize(CASES).isEqualTo(checksums(source));
        // Redacted as ingested, sealed as ingested: the e-mail is a placeholder in both, and the
        // sealed values are the same ciphertext.
        CaseId some = source.storedCases(null, 1, ALL).getFirst().content().id();
        SupportCase copied = copy.get(some, ALL).orElseThrow();
        assertThat(copied.description()).doesNotContain("@example.com").contains("[EMAIL#");
        assertThat(copy.sealedValues(some, ALL).orElseThrow())
            .isEqualTo(source.sealedValues(some, ALL).orElseThrow())
            .extracting(SealedValue::field)
            .contains("customer.email");
      }
    }
    List<AuditEvent> events = AuditEvents.readAll(data.resolve("audit"));
    List<AuditEvent> recorded = events.subList(eventsBefore, events.size());
    assertThat(recorded)
        .extracting(AuditEvent::action)
        .containsExactly(
            AuditAction.EXPORT,
            AuditAction.EXPORT,
            AuditAction.EXPORT,
            AuditAction.EXPORT,
            AuditAction.EXPORT,
            AuditAction.SEARCH);
    assertThat(recorded.getFirst().target().cases()).hasSize(100);
    assertThat(recorded.getFirst().target().customers()).hasSize(100);
    assertThat(recorded.getFirst().target().details())
        .containsEntry("migrate_to", "lucene:" + data.resolve("copy"))
        .containsEntry("offset", "0");
    assertThat(recorded.getLast().target().details()).containsEntry("mismatches", "0");
    assertThat(recorded.getFirst().actor().method()).isEqualTo("os");
  }

  @Test
  void aStoppedMigrationResumesAfterItsLastCommittedPage() throws IOException {
    MigrationListener stopsAfterTwoPages =
        new MigrationListener() {
          @Override
          public void copied(long copied, double seconds) {
            if (copied == 200) {
              throw new IllegalStateException("stopped, as by kill -9");
            }
          }

          @Override
          public void verified(long checked, double seconds) {}
        };
    try (LuceneCaseStore copy = LuceneCaseStore.open(data.resolve("copy"))) {
      assertThatThrownBy(() -> migrate(copy, stopsAfterTwoPages, false))
          .hasMessageContaining("stopped");
      assertThat(copy.count(ALL)).isEqualTo(200);
    }
    assertThat(Files.readString(data.resolve("migrate-test.json"))).contains("\"copied\":200");

    // Resumed on a target that fails in the middle of its second page (the fourth in all): that
    // page is not recorded as done.
    try (LuceneCaseStore copy = LuceneCaseStore.open(data.resolve("copy"))) {
      assertThatThrownBy(() -> migrate(new FailingStore(copy, 120), QUIET, false))
          .hasMessageContaining("the target failed");
    }
    assertThat(Files.readString(data.resolve("migrate-test.json"))).contains("\"copied\":300");

    try (LuceneCaseStore copy = LuceneCaseStore.open(data.resolve("copy"))) {
      MigrationReport resumed = migrate(copy, QUIET, false);
      assertThat(resumed.resumedAfter()).isEqualTo(300);
      assertThat(resumed.copied()).isEqualTo(150);
      assertThat(resumed.check().identical()).isTrue();
      assertThat(copy.count(ALL)).isEqualTo(CASES);
      try (LuceneCaseStore source = LuceneCaseStore.openReadOnly(data.resolve("index"))) {
        assertThat(checksums(copy)).isEqualTo(checksums(source)).doesNotHaveDuplicates();
      }

      MigrationReport again = migrate(copy, QUIET, false);
      assertThat(again.copied()).as("a finished migration only checks").isZero();
      assertThat(again.check().identical()).isTrue();
    }
  }

  @Test
  void casesThatDifferAreListedByIdAndTheCheckFails() throws IOException {
    try (LuceneCaseStore copy = LuceneCaseStore.open(data.resolve("copy"))) {
      assertThat(migrate(copy, QUIET, false).check().identical()).isTrue();
      List<RedactedCase> first = copy.storedCases(null, 2, ALL);
      SupportCase c = first.get(1).content();
      copy.put(
          RedactedCase.readBackFromStore(
              IngestTest.supportCase(c.id().value(), "tampered"), first.get(1).sealed()));
      copy.put(
          RedactedCase.readBackFromStore(IngestTest.supportCase("ZZ-extra", "extra"), List.of()));
      copy.commit();

      MigrationReport.Check check = migrate(copy, QUIET, false).check();
      assertThat(check.identical()).isFalse();
      assertThat(check.sourceCases()).isEqualTo(CASES);
      assertThat(check.targetCases()).isEqualTo(CASES + 1);
      assertThat(check.firstMismatches())
          .extracting(MigrationReport.Mismatch::toString)
          .containsExactly(
              c.id().value() + ": content or sealed values differ", "ZZ-extra: only in the target");

      MigrationReport restarted = migrate(copy, QUIET, true);
      assertThat(restarted.copied()).isEqualTo(CASES);
      assertThat(restarted.check().firstMismatches())
          .extracting(MigrationReport.Mismatch::toString)
          .containsExactly("ZZ-extra: only in the target");
    }
  }

  @Test
  void aProgressFileOfAnotherMigrationIsRefused() throws IOException {
    Files.writeString(
        data.resolve("migrate-test.json"),
        "{\"from\": \"lucene:/elsewhere\", \"to\": \"lucene:/other\", \"after\": \"CASE-1\","
            + " \"copied\": 1}");
    Files.setPosixFilePermissions(
        data.resolve("migrate-test.json"),
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    try (LuceneCaseStore copy = LuceneCaseStore.open(data.resolve("copy"))) {
      assertThatThrownBy(() -> migrate(copy, QUIET, false))
          .isInstanceOf(CaseVaultException.class)
          .hasMessageContaining("records another migration")
          .hasMessageContaining("--restart");
      assertThat(copy.count(ALL)).isZero();
    }
  }

  /** A target whose put fails once it has taken {@code limit} cases (over all its pages). */
  private static final class FailingStore implements CaseStore {
    private final CaseStore delegate;
    private final int limit;
    private int puts;

    FailingStore(CaseStore delegate, int limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    @Override
    public void put(RedactedCase redactedCase) throws IOException {
      if (++puts > limit) {
        throw new IOException("the target failed");
      }
      delegate.put(redactedCase);
    }

    @Override
    public void commit() throws IOException {
      delegate.commit();
    }

    @Override
    public Optional<SupportCase> get(CaseId id, AccessScope scope) throws IOException {
      return delegate.get(id, scope);
    }

    @Override
    public Optional<String> customerOf(CaseId id, AccessScope scope) throws IOException {
      return delegate.customerOf(id, scope);
    }

    @Override
    public Optional<List<SealedValue>> sealedValues(CaseId id, AccessScope scope)
        throws IOException {
      return delegate.sealedValues(id, scope);
    }

    @Override
    public SearchResult search(SearchRequest request, AccessScope scope) throws IOException {
      return delegate.search(request, scope);
    }

    @Override
    public long count(AccessScope scope) throws IOException {
      return delegate.count(scope);
    }

    @Override
    public List<RedactedCase> storedCases(CaseId after, int size, AccessScope scope)
        throws IOException {
      return delegate.storedCases(after, size, scope);
    }

    @Override
    public StoreStats stats() throws IOException {
      return delegate.stats();
    }

    @Override
    public StoreHealth health() {
      return delegate.health();
    }

    @Override
    public void close() {
      // the test closes the real store
    }
  }
}
