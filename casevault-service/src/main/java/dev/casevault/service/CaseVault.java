package dev.casevault.service;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.SupportCase;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.SealedValue;
import dev.casevault.redaction.Vault;
import dev.casevault.store.CaseStore;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SearchResult;
import dev.casevault.store.StoreStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The one path to case data: the CLI (and later the server) call this service, never a store.
 *
 * <p>Today the path is validate → redact → store for ingest and scope → store for reads; a query on
 * an identity field is turned into the field's keyed token first, so clear personal data never
 * reaches the store even as a query. The audit log and authentication join here as they are built,
 * so that no adapter can skip them.
 */
public final class CaseVault implements AutoCloseable {
  private final CaseStore store;
  private final Redactor redactor;
  private final Vault vault;

  /**
   * @param vault the vault that {@code redactor} seals into; this service closes it
   */
  public CaseVault(CaseStore store, Redactor redactor, Vault vault) {
    this.store = store;
    this.redactor = redactor;
    this.vault = vault;
  }

  /** Where the redaction policy of a data directory lives; without it the defaults apply. */
  public static final String POLICY_FILE = "redaction-policy.json";

  /**
   * The service over {@code store} with the redaction keys, vault and policy of the data directory
   * {@code folder}. For writing, missing keys are created; for reading they must exist (queries on
   * identity fields need them) and the vault is not opened, because reads never seal.
   */
  public static CaseVault open(CaseStore store, Path folder, boolean forWriting)
      throws IOException {
    try {
      Path keysFolder = folder.resolve("keys");
      RedactionKeys keys =
          forWriting ? RedactionKeys.openOrCreate(keysFolder) : RedactionKeys.open(keysFolder);
      Path policyFile = folder.resolve(POLICY_FILE);
      RedactionPolicy policy =
          Files.exists(policyFile) ? RedactionPolicy.read(policyFile) : RedactionPolicy.defaults();
      Vault vault = forWriting ? Vault.open(folder.resolve("vault"), keys) : Vault.inMemory(keys);
      return new CaseVault(store, new Redactor(PiiDetector.standard(), policy, keys, vault), vault);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** Validates, redacts and stores every line of {@code files}; see {@link IngestRun}. */
  public IngestReport ingest(List<Path> files, IngestOptions options, IngestListener listener)
      throws IOException {
    return new IngestRun(store, redactor, vault, options, listener).run(files);
  }

  /**
   * Validates, redacts and stores the JSON lines of {@code in} (an upload), {@code name} naming it
   * in reports; see {@link IngestRun}.
   */
  public IngestReport ingest(
      String name, java.io.InputStream in, IngestOptions options, IngestListener listener)
      throws IOException {
    return new IngestRun(store, redactor, vault, options, listener).run(name, in);
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

  public SearchResult search(SearchRequest request, AccessScope scope) throws IOException {
    return store.search(
        request.withQuery(IdentityQueries.tokenise(request.query(), redactor)), scope);
  }

  public Optional<SupportCase> read(CaseId id, AccessScope scope) throws IOException {
    return store.get(id, scope);
  }

  /**
   * The sealed values of a case the scope may see with identities (what a reveal can open), in the
   * order {@link #reveal} numbers them; empty when the case is out of scope.
   */
  public Optional<List<SealedValue>> sealedValues(CaseId id, AccessScope scope) throws IOException {
    return store.sealedValues(id, scope);
  }

  /**
   * The original of sealed value number {@code index} of a case, if the scope may see the case with
   * identities and the vault still holds the key (a forgotten customer's values are gone).
   */
  public Optional<String> reveal(CaseId id, int index, AccessScope scope) throws IOException {
    Optional<List<SealedValue>> sealed = store.sealedValues(id, scope);
    if (sealed.isEmpty() || index < 0 || index >= sealed.get().size()) {
      return Optional.empty();
    }
    SealedValue value = sealed.get().get(index);
    return vault.unseal(value, id.value(), value.field());
  }

  /** How many cases a suggestion looks at: enough for common words, bounded in cost. */
  static final int SUGGESTION_SAMPLE = 200;

  /**
   * Words starting with {@code prefix} in the subjects of cases the scope may see, most frequent
   * first. Built on the scoped search, never on index-wide term lists, so a word that only hidden
   * cases or hidden fields contain can never be suggested (an index's term dictionary would leak
   * it, as OpenSearch's suggesters do under document-level security).
   */
  public List<String> suggest(String prefix, int size, AccessScope scope) throws IOException {
    String wanted = prefix.strip().toLowerCase(java.util.Locale.ROOT);
    if (wanted.isEmpty() || !scope.canSee(CaseField.SUBJECT)) {
      return List.of();
    }
    SearchResult sample =
        store.search(
            SearchRequest.of(new CaseQuery.Prefix(CaseField.SUBJECT, wanted))
                .withSize(SUGGESTION_SAMPLE),
            scope);
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    for (dev.casevault.store.Hit hit : sample.hits()) {
      if (hit.subject() == null) {
        continue;
      }
      java.util.Set<String> words = new java.util.HashSet<>();
      for (String word : hit.subject().split("[^\\p{L}\\p{N}'-]+")) {
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith(wanted)) {
          words.add(lower);
        }
      }
      words.forEach(w -> counts.merge(w, 1, Integer::sum));
    }
    return counts.entrySet().stream()
        .sorted(
            java.util.Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(java.util.Map.Entry.comparingByKey()))
        .limit(size)
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  public long count(AccessScope scope) throws IOException {
    return store.count(scope);
  }

  public StoreStats stats() throws IOException {
    return store.stats();
  }

  @Override
  public void close() throws IOException {
    try {
      store.close();
    } finally {
      vault.close();
    }
  }
}
