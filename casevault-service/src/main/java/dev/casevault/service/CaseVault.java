package dev.casevault.service;

import dev.casevault.access.AccessScope;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEvent.Outcome;
import dev.casevault.audit.AuditProofs;
import dev.casevault.audit.AuditQuery;
import dev.casevault.audit.AuditTarget;
import dev.casevault.audit.AuditTrail;
import dev.casevault.audit.BulkReadGuard;
import dev.casevault.audit.Canaries;
import dev.casevault.audit.IncidentReport;
import dev.casevault.audit.Receipt;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.SupportCase;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.SealedValue;
import dev.casevault.redaction.Vault;
import dev.casevault.store.CaseStore;
import dev.casevault.store.Hit;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SearchResult;
import dev.casevault.store.SortOrder;
import dev.casevault.store.StoreHealth;
import dev.casevault.store.StoreStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one path to case data: the CLI (and later the server) call this service, never a store.
 *
 * <p>Ingest is validate → redact → store → audit; a read is scope → store → audit → answer: every
 * read takes a {@link Requester} and returns its answer only once the audit event naming the cases
 * it returns is durable ({@link Audited} carries the receipt). A query on an identity field is
 * turned into the field's keyed token first, so clear personal data never reaches the store even as
 * a query, and the log holds a keyed hash of each query, never its words.
 */
public final class CaseVault implements AutoCloseable {
  private final CaseStore store;
  private final Redactor redactor;
  private final Vault vault;
  private final Oversight oversight;

  /**
   * A service whose bulk-read guard keeps its state in memory, with the built-in caps and no
   * canaries: for tests and benchmarks; {@link #open} gives the data directory's.
   *
   * @param vault the vault that {@code redactor} seals into; this service closes it
   * @param audit where every read is recorded; this service closes it
   */
  public CaseVault(CaseStore store, Redactor redactor, Vault vault, AuditTrail audit) {
    this(store, redactor, vault, Oversight.inMemory(audit, Clock.systemUTC()));
  }

  private CaseVault(CaseStore store, Redactor redactor, Vault vault, Oversight oversight) {
    this.store = store;
    this.redactor = redactor;
    this.vault = vault;
    this.oversight = oversight;
  }

  /** Where the audit log of a data directory lives. */
  public static final String AUDIT_FOLDER = "audit";

  /** Where the redaction policy of a data directory lives; without it the defaults apply. */
  public static final String POLICY_FILE = "redaction-policy.json";

  /**
   * The service over {@code store} with the redaction keys, vault, policy and audit log of the data
   * directory {@code folder}. For writing, missing keys are created; for reading they must exist
   * (queries on identity fields need them) and the vault is not opened, because reads never seal.
   * The audit log is opened in both cases: reads are what it records.
   */
  public static CaseVault open(CaseStore store, Path folder, boolean forWriting)
      throws IOException {
    AuditTrail audit;
    try {
      audit = AuditTrail.open(folder.resolve(AUDIT_FOLDER), Clock.systemUTC());
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return open(store, folder, forWriting, audit);
  }

  /** Like {@link #open(CaseStore, Path, boolean)} with an audit log opened by the caller. */
  public static CaseVault open(CaseStore store, Path folder, boolean forWriting, AuditTrail audit)
      throws IOException {
    try {
      Path keysFolder = folder.resolve("keys");
      RedactionKeys keys =
          forWriting ? RedactionKeys.openOrCreate(keysFolder) : RedactionKeys.open(keysFolder);
      Path policyFile = folder.resolve(POLICY_FILE);
      RedactionPolicy policy =
          Files.exists(policyFile) ? RedactionPolicy.read(policyFile) : RedactionPolicy.defaults();
      Oversight oversight =
          Oversight.open(audit, folder, folder.resolve(AUDIT_FOLDER), Clock.systemUTC());
      Vault vault = forWriting ? Vault.open(folder.resolve("vault"), keys) : Vault.inMemory(keys);
      return new CaseVault(
          store, new Redactor(PiiDetector.standard(), policy, keys, vault), vault, oversight);
    } catch (IOException | RuntimeException e) {
      try (store;
          audit) {
        throw e;
      }
    }
  }

  /**
   * Validates, redacts and stores every line of {@code files}; see {@link IngestRun}. The run is
   * recorded with its counts once it ends, or with its error if it failed.
   */
  public IngestReport ingest(
      List<Path> files, IngestOptions options, IngestListener listener, Requester requester)
      throws IOException {
    return recordIngest(
        "files",
        requester,
        () -> new IngestRun(store, redactor, vault, options, listener).run(files));
  }

  /**
   * Validates, redacts and stores the JSON lines of {@code in} (an upload), {@code name} naming it
   * in reports; see {@link IngestRun}.
   */
  public IngestReport ingest(
      String name,
      java.io.InputStream in,
      IngestOptions options,
      IngestListener listener,
      Requester requester)
      throws IOException {
    return recordIngest(
        "upload",
        requester,
        () -> new IngestRun(store, redactor, vault, options, listener).run(name, in));
  }

  private interface IngestWork {
    IngestReport run() throws IOException;
  }

  private IngestReport recordIngest(String source, Requester requester, IngestWork work)
      throws IOException {
    IngestReport report;
    try {
      report = work.run();
    } catch (IOException | RuntimeException e) {
      record(
          AuditEvent.of(
                  AuditAction.INGEST, Outcome.FAILED, requester.actor(), requester.policyVersion())
              .withTarget(AuditTarget.details(Map.of("source", source)))
              .withReason("the ingest run failed"));
      throw e;
    }
    record(
        AuditAction.INGEST,
        requester,
        AuditTarget.details(
            Map.of(
                "source", source,
                "accepted", Long.toString(report.accepted()),
                "rejected", Long.toString(report.rejected()),
                "quarantined", Long.toString(report.quarantined()))),
        null);
    long real = store.count(AccessScope.dataDirectoryOwner()) - oversight.canaries().size();
    if (real >= Canaries.CASES_PER_CANARY) {
      plant(real, requester);
    }
    return report;
  }

  /**
   * Plants {@code count} more decoy cases, whatever the archive's size (ingest keeps about one per
   * {@link Canaries#CASES_PER_CANARY} real cases by itself, none below that): reading one raises an
   * alert. Their ids stay in the data directory's audit folder, owner-only, and in no event.
   *
   * @return the number planted
   */
  public int plantCanaries(int count, Requester requester) throws IOException {
    // The planner plants up to Canaries.wanted(n) = n / CASES_PER_CANARY decoys in all.
    return plant(
        (oversight.canaries().size() + (long) count) * Canaries.CASES_PER_CANARY, requester);
  }

  private int plant(long realCases, Requester requester) throws IOException {
    int planted = new CanaryPlanter(store, redactor).plant(oversight.canaries(), realCases);
    if (planted > 0) {
      oversight.saveCanaries();
      record(
          AuditAction.CANARIES_PLANTED,
          requester,
          AuditTarget.details(Map.of("count", Integer.toString(planted))),
          null);
    }
    return planted;
  }

  /**
   * How access rules must write customer and agent ids to match the store: ids that were personal
   * data are stored as tokens.
   */
  public dev.casevault.access.AccessPolicy.StoredForm storedForm() {
    return (field, value) ->
        field == CaseField.CUSTOMER_ID || field == CaseField.AGENT_ID
            ? redactor.storedIdentifier(value)
            : value;
  }

  /**
   * Searches within the scope and records who saw which hits before handing them out.
   *
   * @throws dev.casevault.audit.AuditLogException when the search cannot be recorded: nothing is
   *     answered
   */
  public Audited<SearchResult> search(SearchRequest request, AccessScope scope, Requester requester)
      throws IOException {
    oversight.admit(AuditAction.SEARCH, requester);
    SearchRequest tokenised =
        request.withQuery(IdentityQueries.tokenise(request.query(), redactor));
    SearchResult result = store.search(tokenised, scope);
    List<String> cases = new ArrayList<>(result.hits().size());
    Set<String> customers = new LinkedHashSet<>();
    for (Hit hit : result.hits()) {
      cases.add(hit.id().value());
      if (hit.customer() != null) {
        customers.add(hit.customer());
      }
    }
    AuditTarget target =
        AuditTarget.NONE
            .withCases(cases, List.copyOf(customers))
            .withFields(shownInHits(scope))
            .withQuery(redactor.auditHash(describe(tokenised)), result.total())
            .withDetails(
                Map.of(
                    "sort", tokenised.sort().wireName(),
                    "size", Integer.toString(tokenised.size()),
                    "page", tokenised.after() == null ? "first" : "next"));
    oversight.oversee(AuditAction.SEARCH, requester, target, cases, customers, 0);
    return new Audited<>(result, record(AuditAction.SEARCH, requester, target, null));
  }

  /** The fields a hit shows: its header, the subject and highlights of visible text fields. */
  private static List<String> shownInHits(AccessScope scope) {
    List<String> fields = new ArrayList<>(List.of("id", "created", "status"));
    for (CaseField field : CaseField.values()) {
      if (field.isConcrete() && field.kind() == CaseField.Kind.TEXT && scope.canSee(field)) {
        fields.add(field.queryName());
      }
    }
    return fields;
  }

  /** The normalised form of a search that the audit log hashes: query tree, sort and facets. */
  private static String describe(SearchRequest request) {
    return request.query() + "|" + request.sort() + "|" + request.facets();
  }

  /**
   * The case as the scope may see it, and, if {@code revealScope} is given and lets the reader see
   * it with identities, the sealed values a reveal could open. Every attempt is recorded, found or
   * not, so that probing for ids shows in the log.
   *
   * @param revealScope the reader's scope for reveals, or null when it may not reveal
   */
  public Audited<Optional<CaseRead>> read(
      CaseId id, AccessScope scope, AccessScope revealScope, Requester requester)
      throws IOException {
    oversight.admit(AuditAction.READ, requester);
    Optional<SupportCase> found = store.get(id, scope);
    if (found.isEmpty()) {
      Receipt receipt =
          record(
              AuditEvent.of(
                      AuditAction.READ,
                      Outcome.FAILED,
                      requester.actor(),
                      requester.policyVersion())
                  .withTarget(AuditTarget.NONE.withCases(List.of(id.value()), List.of()))
                  .withReason("no such case in the reader's scope"));
      return new Audited<>(Optional.empty(), receipt);
    }
    List<SealedValue> sealed =
        revealScope == null ? List.of() : store.sealedValues(id, revealScope).orElse(List.of());
    AuditTarget target =
        AuditTarget.NONE
            .withCases(List.of(id.value()), customerOf(id, scope))
            .withFields(visibleFields(scope))
            .withDetails(Map.of("sealed_listed", Integer.toString(sealed.size())));
    oversight.oversee(AuditAction.READ, requester, target, target.cases(), target.customers(), 0);
    return new Audited<>(
        Optional.of(new CaseRead(found.get(), sealed)),
        record(AuditAction.READ, requester, target, null));
  }

  /** The fields a whole case shows under the scope, as the audit log names them. */
  private static List<String> visibleFields(AccessScope scope) {
    List<String> fields = new ArrayList<>();
    for (CaseField field : CaseField.values()) {
      if (field.isConcrete() && scope.canSee(field)) {
        fields.add(field.queryName());
      }
    }
    return fields;
  }

  private List<String> customerOf(CaseId id, AccessScope scope) throws IOException {
    return store.customerOf(id, scope).map(List::of).orElse(List.of());
  }

  /**
   * The original of sealed value number {@code index} of a case, if the scope may see the case with
   * identities and the vault still holds the key (a forgotten customer's values are gone). The
   * justification is recorded with the event, redacted like case text, and the event is durable
   * before the value is returned.
   */
  public Audited<Optional<String>> reveal(
      CaseId id, int index, String justification, AccessScope scope, Requester requester)
      throws IOException {
    oversight.admit(AuditAction.REVEAL, requester);
    String purpose;
    try {
      purpose = redactor.redactUnsealed(justification);
    } catch (RuntimeException e) {
      // A justification that cannot be redacted in time is not recorded in clear; the attempt is.
      purpose = "[justification not recorded: it could not be redacted]";
    }
    Optional<List<SealedValue>> sealed = store.sealedValues(id, scope);
    AuditTarget target =
        AuditTarget.NONE
            .withCases(List.of(id.value()), customerOf(id, scope))
            .withDetails(Map.of("ref", Integer.toString(index)));
    if (sealed.isEmpty() || index < 0 || index >= sealed.get().size()) {
      Receipt receipt =
          record(
              AuditEvent.of(
                      AuditAction.REVEAL,
                      Outcome.FAILED,
                      requester.actor(),
                      requester.policyVersion())
                  .withTarget(target)
                  .withPurpose(purpose)
                  .withReason("no such sealed value in the reader's scope"));
      return new Audited<>(Optional.empty(), receipt);
    }
    SealedValue value = sealed.get().get(index);
    oversight.oversee(AuditAction.REVEAL, requester, target, target.cases(), target.customers(), 1);
    Optional<String> original = vault.unseal(value, id.value(), value.field());
    AuditTarget revealed =
        target
            .withFields(List.of(value.field()))
            .withDetails(
                Map.of(
                    "type", value.type().name(), "found", Boolean.toString(original.isPresent())));
    return new Audited<>(original, record(AuditAction.REVEAL, requester, revealed, purpose));
  }

  /** How many cases a suggestion looks at: enough for common words, bounded in cost. */
  static final int SUGGESTION_SAMPLE = 200;

  /**
   * Words starting with {@code prefix} in the subjects of cases the scope may see, most frequent
   * first. Built on the scoped search, never on index-wide term lists, so a word that only hidden
   * cases or hidden fields contain can never be suggested (an index's term dictionary would leak
   * it, as OpenSearch's suggesters do under document-level security). The prefix is recorded as a
   * keyed hash: it may be the start of a name.
   */
  public Audited<List<String>> suggest(
      String prefix, int size, AccessScope scope, Requester requester) throws IOException {
    oversight.admit(AuditAction.SUGGEST, requester);
    String wanted = prefix.strip().toLowerCase(Locale.ROOT);
    List<String> suggestions = List.of();
    List<String> sources = new ArrayList<>();
    Set<String> customers = new LinkedHashSet<>();
    if (!wanted.isEmpty() && scope.canSee(CaseField.SUBJECT)) {
      SearchResult sample =
          store.search(
              SearchRequest.of(new CaseQuery.Prefix(CaseField.SUBJECT, wanted))
                  .withSize(SUGGESTION_SAMPLE),
              scope);
      suggestions = wordsStartingWith(wanted, sample, size);
      // The cases whose subjects gave a suggested word are named, for the incident report; they
      // are not counted by the guard: a word each, and typing would otherwise lock an agent.
      Set<String> suggested = new HashSet<>(suggestions);
      for (Hit hit : sample.hits()) {
        if (!Collections.disjoint(subjectWords(hit, wanted), suggested)) {
          sources.add(hit.id().value());
          if (hit.customer() != null) {
            customers.add(hit.customer());
          }
        }
      }
    }
    AuditTarget target =
        AuditTarget.NONE
            .withCases(sources, List.copyOf(customers))
            .withQuery(redactor.auditHash("suggest|" + wanted), null)
            .withFields(List.of(CaseField.SUBJECT.queryName()))
            .withDetails(Map.of("suggestions", Integer.toString(suggestions.size())));
    return new Audited<>(suggestions, record(AuditAction.SUGGEST, requester, target, null));
  }

  /** The words of a hit's subject that start with {@code wanted}, lower-cased. */
  private static Set<String> subjectWords(Hit hit, String wanted) {
    Set<String> words = new HashSet<>();
    if (hit.subject() != null) {
      for (String word : hit.subject().split("[^\\p{L}\\p{N}'-]+")) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.startsWith(wanted)) {
          words.add(lower);
        }
      }
    }
    return words;
  }

  private static List<String> wordsStartingWith(String wanted, SearchResult sample, int size) {
    Map<String, Integer> counts = new HashMap<>();
    for (Hit hit : sample.hits()) {
      subjectWords(hit, wanted).forEach(w -> counts.merge(w, 1, Integer::sum));
    }
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(size)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Cases per export page; each page is one audit event, durable before the page is written. */
  static final int EXPORT_PAGE = 500;

  /** Receives exported cases; what it writes leaves casevault. */
  public interface ExportSink {
    void accept(SupportCase c) throws IOException;
  }

  /**
   * Hands every case matching {@code query} that the scope may see, as the scope may see it, to
   * {@code sink}, oldest first, page by page; each page's event, naming its cases, is durable
   * before the page is handed over, so a failed log stops the export before the unrecorded cases
   * leave.
   *
   * @return the number of cases exported, with the receipt of the last page's event
   */
  public Audited<Long> export(
      CaseQuery query, AccessScope scope, Requester requester, ExportSink sink) throws IOException {
    SearchRequest page =
        new SearchRequest(
            IdentityQueries.tokenise(query, redactor),
            SortOrder.OLDEST,
            EXPORT_PAGE,
            null,
            List.of(),
            1);
    oversight.admit(AuditAction.EXPORT, requester);
    String queryHash = redactor.auditHash("export|" + page.query());
    long exported = 0;
    Receipt receipt;
    while (true) {
      SearchResult result = store.search(page, scope);
      List<SupportCase> cases = new ArrayList<>(result.hits().size());
      Set<String> customers = new LinkedHashSet<>();
      for (Hit hit : result.hits()) {
        store.get(hit.id(), scope).ifPresent(cases::add);
        if (hit.customer() != null) {
          customers.add(hit.customer());
        }
      }
      AuditTarget target =
          AuditTarget.NONE
              .withCases(cases.stream().map(c -> c.id().value()).toList(), List.copyOf(customers))
              .withFields(visibleFields(scope))
              .withQuery(queryHash, result.total())
              .withDetails(Map.of("offset", Long.toString(exported)));
      oversight.oversee(
          AuditAction.EXPORT, requester, target, target.cases(), target.customers(), 0);
      receipt = record(AuditAction.EXPORT, requester, target, null);
      for (SupportCase c : cases) {
        sink.accept(c);
      }
      exported += cases.size();
      if (result.next() == null || result.hits().isEmpty()) {
        return new Audited<>(exported, receipt);
      }
      page = page.withAfter(result.next());
    }
  }

  /**
   * Copies every case of this service's store into {@code target} exactly as stored (redacted
   * content and sealed values: nothing is redacted again, nothing unsealed), page by page in id
   * order, then compares the two stores case by case; see {@link StoreMigration}. Each page leaves
   * this store like an export's: its event, naming its cases and customers, is durable before the
   * page is put into the target. The comparison is recorded like a count, with what it found.
   *
   * @param target the store to fill; the caller opens and closes it
   * @param scope must see every case and field: {@link AccessScope#dataDirectoryOwner()}
   * @return the report, with the receipt of the comparison's event
   */
  public Audited<MigrationReport> migrate(
      CaseStore target,
      MigrationOptions options,
      MigrationListener listener,
      AccessScope scope,
      Requester requester)
      throws IOException {
    oversight.admit(AuditAction.EXPORT, requester);
    List<String> fields = visibleFields(scope);
    StoreMigration.PageGate recordPage =
        (page, offset) -> {
          List<String> cases = new ArrayList<>(page.size());
          Set<String> customers = new LinkedHashSet<>();
          for (RedactedCase c : page) {
            cases.add(c.content().id().value());
            if (c.content().customer() != null && c.content().customer().id() != null) {
              customers.add(c.content().customer().id());
            }
          }
          AuditTarget read =
              AuditTarget.NONE
                  .withCases(cases, List.copyOf(customers))
                  .withFields(fields)
                  .withDetails(Map.of("migrate_to", options.to(), "offset", Long.toString(offset)));
          oversight.oversee(AuditAction.EXPORT, requester, read, read.cases(), read.customers(), 0);
          record(AuditAction.EXPORT, requester, read, null);
        };
    MigrationReport report =
        new StoreMigration(store, target, scope, options, listener, recordPage).run();
    MigrationReport.Check check = report.check();
    AuditTarget compared =
        AuditTarget.NONE
            .withQuery(redactor.auditHash("migrate-check|" + options.to()), check.sourceCases())
            .withDetails(
                Map.of(
                    "migrate_check", options.to(),
                    "target_cases", Long.toString(check.targetCases()),
                    "mismatches", Long.toString(check.mismatches())));
    return new Audited<>(report, record(AuditAction.SEARCH, requester, compared, null));
  }

  /** How many cases the scope lets the requester see; recorded like a search without hits. */
  public Audited<Long> count(AccessScope scope, Requester requester) throws IOException {
    oversight.admit(AuditAction.SEARCH, requester);
    long count = store.count(scope);
    AuditTarget target = AuditTarget.NONE.withQuery(redactor.auditHash("count"), count);
    return new Audited<>(count, record(AuditAction.SEARCH, requester, target, null));
  }

  /**
   * Records an event that is not a read of case data (a login, an administrative change, a denial)
   * in the same log.
   *
   * @throws dev.casevault.audit.AuditLogException when it cannot be recorded
   */
  public Receipt record(AuditEvent event) {
    return oversight.record(event);
  }

  /**
   * The audit log's events matching {@code query}, the first {@code limit} of them; reading the log
   * is itself recorded first, with the filters asked for.
   */
  public AuditQuery.Selection auditEvents(AuditQuery query, long limit, Requester requester)
      throws IOException {
    recordAuditRead(requester, "events", query.describe());
    return query.select(oversight.auditFolder(), limit, entry -> {});
  }

  /**
   * Which cases and customers were read in [since, until), by whom and how often (for a breach
   * notification); recorded first like every read of the log.
   *
   * @param principal only this principal's reads, or null for everyone's
   */
  public IncidentReport incidentReport(
      Instant since, Instant until, String principal, Requester requester) throws IOException {
    Map<String, String> asked = new java.util.TreeMap<>();
    asked.put("since", since.toString());
    asked.put("until", until.toString());
    if (principal != null) {
      asked.put("principal", principal);
    }
    recordAuditRead(requester, "incident", asked);
    return IncidentReport.of(oversight.auditFolder(), since, until, principal, Instant.now());
  }

  /**
   * Entry {@code index} of the audit log with its inclusion proof under the latest signed
   * checkpoint; recorded first like every read of the log.
   */
  public AuditProofs.Inclusion auditProof(long index, Requester requester) throws IOException {
    recordAuditRead(requester, "proof", Map.of("index", Long.toString(index)));
    return AuditProofs.inclusion(oversight.auditFolder(), index, java.util.OptionalLong.empty());
  }

  /** The latest signed checkpoint of the audit log, to be kept outside the installation. */
  public Optional<AuditProofs.SignedCheckpoint> auditCheckpoint() throws IOException {
    return AuditProofs.latestCheckpoint(oversight.auditFolder());
  }

  private void recordAuditRead(Requester requester, String what, Map<String, String> asked) {
    Map<String, String> details = new java.util.TreeMap<>(asked);
    details.put("read", what);
    record(AuditAction.AUDIT_READ, requester, AuditTarget.details(details), null);
  }

  /** Whether the bulk-read guard has locked this principal. */
  public boolean isLocked(String principalId) {
    return oversight.isLocked(principalId);
  }

  /** The principals the bulk-read guard has locked, with when and why. */
  public List<BulkReadGuard.Lock> locks() {
    return oversight.locks();
  }

  /**
   * Lifts the guard's lock on a principal, recorded as done by {@code requester}.
   *
   * @return whether there was a lock
   */
  public boolean unlock(String principalId, Requester requester) {
    boolean unlocked = oversight.unlock(principalId);
    if (unlocked) {
      record(
          AuditAction.PRINCIPAL_UNLOCKED,
          requester,
          AuditTarget.details(Map.of("principal", principalId)),
          null);
    }
    return unlocked;
  }

  /**
   * Tells the guard the principal has just authenticated interactively, so that reads the guard
   * refused pending re-authentication are answered again (slowly) until the lock threshold.
   */
  public void reauthenticated(String principalId) {
    oversight.reauthenticated(principalId);
  }

  private Receipt record(
      AuditAction action, Requester requester, AuditTarget target, String purpose) {
    return record(
        AuditEvent.of(action, Outcome.SUCCESS, requester.actor(), requester.policyVersion())
            .withTarget(target)
            .withPurpose(purpose));
  }

  public StoreStats stats() throws IOException {
    return store.stats();
  }

  /** Whether the store can answer now; about the store, not about any case, so not audited. */
  public StoreHealth health() {
    return store.health();
  }

  @Override
  public void close() throws IOException {
    try {
      store.close();
    } finally {
      try {
        vault.close();
      } finally {
        oversight.close();
      }
    }
  }
}
