package dev.casevault.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.access.AccessScope;
import dev.casevault.core.Author;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.Channel;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.NoteVisibility;
import dev.casevault.core.Status;
import dev.casevault.core.SupportCase;
import dev.casevault.redaction.CaseQuarantinedException;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.SealedValue;
import dev.casevault.redaction.Vault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link CaseStore} backend must pass. A backend's test extends this class and
 * says how to open its store; the suite checks every answer against {@link QueryOracle}.
 *
 * <p>Randomised with a seed printed at the start of each test: rerun with {@code
 * -Dcasevault.seed=N} to reproduce a failure.
 */
public abstract class CaseStoreContractTest {
  private static final AccessScope ALL = AccessScope.dataDirectoryOwner();
  private static final RedactionKeys KEYS = RedactionKeys.ephemeral();
  private static final Vault VAULT = Vault.inMemory(KEYS);
  private static final Redactor REDACTOR =
      new Redactor(
          new PiiDetector(List.of(), 1_000_000_000L, 0), RedactionPolicy.defaults(), KEYS, VAULT);

  @TempDir protected Path folder;
  protected CaseStore store;
  private long seed;
  private RandomCases random;

  /** Opens the backend's store on {@code folder}, keeping what an earlier store committed. */
  protected abstract CaseStore open(Path folder) throws IOException;

  @BeforeEach
  void openStore() throws IOException {
    seed = Long.getLong("casevault.seed", new Random().nextLong());
    System.out.println(getClass().getSimpleName() + ": -Dcasevault.seed=" + seed);
    random = new RandomCases(seed);
    store = open(folder);
  }

  @AfterEach
  void closeStore() throws IOException {
    store.close();
  }

  /**
   * Redacts and stores {@code c}, returning what the store should hold. The redactor has no
   * detectors, so texts are kept as written and only identity fields become tokens: these tests are
   * about the store, not about detection.
   */
  protected SupportCase put(SupportCase c) throws IOException {
    return putRedacted(c).content();
  }

  private RedactedCase putRedacted(SupportCase c) throws IOException {
    try {
      RedactedCase redacted = REDACTOR.redact(c);
      store.put(redacted);
      return redacted;
    } catch (CaseQuarantinedException e) {
      throw new AssertionError("a redactor without detectors cannot quarantine", e);
    }
  }

  private List<SupportCase> putRandom(int count) throws IOException {
    List<SupportCase> cases = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      cases.add(put(random.next(i)));
    }
    store.commit();
    return cases;
  }

  private String seedNote() {
    return "seed " + seed;
  }

  @Test
  void getReturnsWhatWasPut() throws IOException {
    List<SupportCase> cases = putRandom(50);
    for (SupportCase c : cases) {
      assertThat(store.get(c.id(), ALL)).as(seedNote()).contains(c);
    }
    assertThat(store.get(new CaseId("CASE-missing"), ALL)).isEmpty();
    assertThat(store.count(ALL)).isEqualTo(50);
  }

  @Test
  void putOfAnExistingIdReplacesTheCase() throws IOException {
    List<SupportCase> cases = putRandom(10);
    SupportCase changed = put(withSubject(cases.get(3), "kw99 replaced"));
    store.commit();
    assertThat(store.count(ALL)).isEqualTo(10);
    assertThat(store.get(changed.id(), ALL)).contains(changed);
    assertThat(
            store
                .search(SearchRequest.of(new CaseQuery.Term(CaseField.SUBJECT, "kw99")), ALL)
                .total())
        .isEqualTo(1);
  }

  @Test
  void writesBecomeVisibleAndDurableAtCommit() throws IOException {
    putRandom(5);
    put(random.next(100));
    assertThat(store.count(ALL)).as("uncommitted put is invisible").isEqualTo(5);
    store.commit();
    assertThat(store.count(ALL)).isEqualTo(6);
    put(random.next(101));
    store.close();
    store = open(folder);
    assertThat(store.count(ALL))
        .as("commit survives reopening, uncommitted put does not")
        .isEqualTo(6);
  }

  @Test
  void randomQueriesMatchTheOracle() throws IOException {
    List<SupportCase> cases = putRandom(300);
    for (int i = 0; i < 200; i++) {
      CaseQuery query = randomQuery(3);
      List<String> expected = oracleIds(cases, query, ALL);
      SearchResult result = store.search(SearchRequest.of(query).withSize(1000), ALL);
      assertThat(result.total()).as("%s total of %s", seedNote(), query).isEqualTo(expected.size());
      assertThat(ids(result.hits()))
          .as("%s hits of %s", seedNote(), query)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void facetCountsEqualABruteForceCount() throws IOException {
    List<SupportCase> cases = putRandom(400);
    List<CaseField> facets = CaseField.facetable();
    for (int i = 0; i < 30; i++) {
      CaseQuery query = i == 0 ? CaseQuery.matchAll() : randomQuery(2);
      SearchResult result =
          store.search(SearchRequest.of(query).withSize(0).withFacets(facets, 100), ALL);
      List<SupportCase> matching =
          cases.stream().filter(c -> QueryOracle.matches(query, c, ALL)).toList();
      for (CaseField field : facets) {
        assertThat(result.facets().get(field))
            .as("%s facet %s of %s", seedNote(), field, query)
            .isEqualTo(bruteForceCounts(matching, field));
      }
    }
  }

  @Test
  void facetValuesComeMostFrequentFirstAndAreCappedAtTheRequestedSize() throws IOException {
    putRandom(200);
    SearchResult result =
        store.search(
            SearchRequest.of(CaseQuery.matchAll()).withFacets(List.of(CaseField.PRODUCT), 2), ALL);
    List<Long> counts = new ArrayList<>(result.facets().get(CaseField.PRODUCT).values());
    assertThat(counts).hasSize(2).isSortedAccordingTo(Comparator.reverseOrder());
  }

  @Test
  void searchAfterWalksEveryHitOnceInEverySortOrder() throws IOException {
    List<SupportCase> cases = putRandom(250);
    CaseQuery query = new CaseQuery.Term(CaseField.TEXT, random.randomMarker());
    List<String> expected = oracleIds(cases, query, ALL);
    for (SortOrder sort : SortOrder.values()) {
      List<Hit> walked = new ArrayList<>();
      SearchRequest request = SearchRequest.of(query).withSort(sort).withSize(7);
      SearchResult page = store.search(request, ALL);
      walked.addAll(page.hits());
      while (page.next() != null) {
        page = store.search(request.withAfter(page.next()), ALL);
        assertThat(page.total()).isEqualTo(expected.size());
        assertThat(page.hits()).as("a next cursor promises a non-empty page").isNotEmpty();
        walked.addAll(page.hits());
      }
      assertThat(ids(walked)).as("%s sort %s", seedNote(), sort).doesNotHaveDuplicates();
      assertThat(ids(walked)).containsExactlyInAnyOrderElementsOf(expected);
      if (sort != SortOrder.RELEVANCE) {
        Map<String, SupportCase> byId = byId(cases);
        assertThat(ids(walked)).containsExactlyElementsOf(sorted(expected, byId, sort));
      } else {
        assertThat(walked.stream().map(Hit::score).toList())
            .isSortedAccordingTo(Comparator.reverseOrder());
      }
    }
  }

  @Test
  void cursorsThatWereNotIssuedAreRejected() throws IOException {
    putRandom(30);
    SearchRequest request = SearchRequest.of(CaseQuery.matchAll()).withSize(5);
    String next = store.search(request, ALL).next();
    assertThat(next).isNotNull();
    for (String bad : List.of("", "garbage", "!!!", next + "x", next.substring(1))) {
      assertThatThrownBy(() -> store.search(request.withAfter(bad), ALL))
          .isInstanceOf(InvalidCursorException.class);
    }
    assertThatThrownBy(() -> store.search(request.withSort(SortOrder.NEWEST).withAfter(next), ALL))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("sorted by relevance");
  }

  @Test
  void theScopeLimitsHitsTotalsFacetsAndGets() throws IOException {
    List<SupportCase> cases = putRandom(300);
    AccessScope emeaOnly =
        AccessScope.restrictedTo(
            new CaseQuery.Term(CaseField.REGION, "EMEA"),
            EnumSet.allOf(CaseField.class).stream()
                .filter(f -> f.isConcrete() && f.kind() != CaseField.Kind.IDENTITY)
                .collect(Collectors.toSet()));
    for (int i = 0; i < 50; i++) {
      CaseQuery query = randomQuery(2);
      List<String> expected = oracleIds(cases, query, emeaOnly);
      SearchResult result =
          store.search(
              SearchRequest.of(query).withSize(1000).withFacets(CaseField.facetable(), 100),
              emeaOnly);
      assertThat(result.total()).as("%s %s", seedNote(), query).isEqualTo(expected.size());
      assertThat(ids(result.hits())).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(result.facets().get(CaseField.REGION).keySet()).isSubsetOf(Set.of("EMEA"));
    }
    assertThat(store.count(emeaOnly))
        .isEqualTo(cases.stream().filter(c -> "EMEA".equals(c.region())).count());
    for (SupportCase c : cases) {
      assertThat(store.get(c.id(), emeaOnly).isPresent()).isEqualTo("EMEA".equals(c.region()));
    }
  }

  @Test
  void whoseCaseItIsIsKnownForTheAuditWhateverTheScopeShowsButNotBeyondIt() throws IOException {
    List<SupportCase> cases = putRandom(40);
    AccessScope emeaSubjects =
        AccessScope.restrictedTo(
            new CaseQuery.Term(CaseField.REGION, "EMEA"), Set.of(CaseField.SUBJECT));
    Map<String, SupportCase> stored = byId(cases);
    for (Hit hit :
        store.search(SearchRequest.of(CaseQuery.matchAll()).withSize(100), emeaSubjects).hits()) {
      SupportCase c = stored.get(hit.id().value());
      assertThat(hit.customer()).isEqualTo(c.customer() == null ? null : c.customer().id());
    }
    for (SupportCase c : cases) {
      boolean visible = "EMEA".equals(c.region());
      assertThat(store.customerOf(c.id(), emeaSubjects))
          .isEqualTo(
              visible && c.customer() != null
                  ? java.util.Optional.of(c.customer().id())
                  : java.util.Optional.empty());
    }
  }

  @Test
  void hiddenFieldsAreNotSearchedHighlightedCountedOrReturned() throws IOException {
    SupportCase secret =
        withNotes(
            random.next(1),
            List.of(
                new Note(
                    Instant.parse("2019-01-01T00:00:00Z"),
                    null,
                    NoteVisibility.CONFIDENTIAL,
                    "kw77 confidential remark")));
    secret = put(secret);
    store.commit();
    Set<CaseField> allButConfidential = EnumSet.noneOf(CaseField.class);
    for (CaseField field : CaseField.values()) {
      if (field.isConcrete()
          && field.kind() != CaseField.Kind.IDENTITY
          && field != CaseField.CONFIDENTIAL_NOTES
          && field != CaseField.TAGS) {
        allButConfidential.add(field);
      }
    }
    AccessScope scope = AccessScope.restrictedTo(CaseQuery.matchAll(), allButConfidential);
    for (CaseField field : List.of(CaseField.TEXT, CaseField.NOTES, CaseField.CONFIDENTIAL_NOTES)) {
      SearchResult result =
          store.search(SearchRequest.of(new CaseQuery.Term(field, "kw77")), scope);
      assertThat(result.total()).as("search %s", field).isZero();
      assertThat(store.search(SearchRequest.of(new CaseQuery.Prefix(field, "kw7")), scope).hits())
          .allSatisfy(
              hit -> assertThat(hit.highlights()).doesNotContainKey(CaseField.CONFIDENTIAL_NOTES));
    }
    SearchResult facets =
        store.search(
            SearchRequest.of(CaseQuery.matchAll()).withFacets(List.of(CaseField.TAGS), 10), scope);
    assertThat(facets.facets()).doesNotContainKey(CaseField.TAGS);
    SupportCase seen = store.get(secret.id(), scope).orElseThrow();
    assertThat(seen.notes()).isEmpty();
    assertThat(seen.tags()).isEmpty();
    assertThat(secret.customer()).isNotNull();
    assertThat(seen.customer()).as("identities are hidden from restricted scopes").isNull();
    assertThat(seen.agent()).isNull();
    assertThat(
            store.search(SearchRequest.of(new CaseQuery.Term(CaseField.TEXT, "kw77")), ALL).total())
        .isEqualTo(1);
  }

  @Test
  void identitiesAreSearchableOnlyByTokenAndOnlyBySscopesThatSeeThem() throws IOException {
    SupportCase original = random.next(7);
    String name = original.customer().name();
    SupportCase stored = put(original);
    store.commit();
    assertThat(stored.customer().name()).startsWith("PERSON#").doesNotContain(name);
    String token = REDACTOR.identityToken(PiiType.PERSON, name);
    CaseQuery byToken = new CaseQuery.Term(CaseField.CUSTOMER_NAME, token);
    assertThat(ids(store.search(SearchRequest.of(byToken), ALL).hits()))
        .containsExactly(original.id().value());
    assertThat(
            store
                .search(SearchRequest.of(new CaseQuery.Term(CaseField.CUSTOMER_NAME, name)), ALL)
                .total())
        .as("the clear value is never indexed")
        .isZero();
    AccessScope restricted =
        AccessScope.restrictedTo(CaseQuery.matchAll(), Set.of(CaseField.SUBJECT));
    assertThat(store.search(SearchRequest.of(byToken), restricted).total()).isZero();
    assertThat(store.sealedValues(original.id(), restricted)).isEmpty();
    List<SealedValue> sealed = store.sealedValues(original.id(), ALL).orElseThrow();
    SealedValue sealedName =
        sealed.stream().filter(v -> v.field().equals("customer.name")).findFirst().orElseThrow();
    assertThat(VAULT.unseal(sealedName, original.id().value(), "customer.name")).contains(name);
    assertThat(store.sealedValues(new CaseId("CASE-missing"), ALL)).isEmpty();
  }

  @Test
  void highlightsMarkTheMatchingWordsOfEachField() throws IOException {
    SupportCase c =
        withDescription(
            withSubject(random.next(1), "Printer kw5 offline"),
            "The kw5 printer was offline for two days.");
    put(c);
    store.commit();
    SearchResult result =
        store.search(SearchRequest.of(new CaseQuery.Term(CaseField.TEXT, "kw5")), ALL);
    Hit hit = result.hits().getFirst();
    assertThat(hit.highlights().get(CaseField.SUBJECT)).isEqualTo("Printer <em>kw5</em> offline");
    assertThat(hit.highlights().get(CaseField.DESCRIPTION)).contains("<em>kw5</em>");
    assertThat(hit.subject()).isEqualTo("Printer kw5 offline");
  }

  @Test
  void highlightsEscapeHtml() throws IOException {
    put(withSubject(random.next(1), "<script>kw6</script>"));
    store.commit();
    Hit hit =
        store
            .search(SearchRequest.of(new CaseQuery.Term(CaseField.SUBJECT, "kw6")), ALL)
            .hits()
            .getFirst();
    assertThat(hit.highlights().get(CaseField.SUBJECT))
        .doesNotContain("<script>")
        .contains("<em>kw6</em>");
  }

  @Test
  void englishAndFrenchAreStemmedAndAccentsFolded() throws IOException {
    put(language(withSubject(random.next(1), "Printers keep disconnecting"), Language.EN));
    put(
        language(
            withSubject(random.next(2), "Les imprimantes du siège ne répondent plus"),
            Language.FR));
    put(language(withSubject(random.next(3), "Numéro de facture erroné"), Language.FR));
    store.commit();
    assertThat(subjectHits("printer")).containsExactly("CASE-0000001");
    assertThat(subjectHits("disconnected")).containsExactly("CASE-0000001");
    assertThat(subjectHits("imprimante")).containsExactly("CASE-0000002");
    assertThat(subjectHits("siege")).containsExactly("CASE-0000002");
    assertThat(subjectHits("numero")).containsExactly("CASE-0000003");
    assertThat(subjectHits("FACTURES")).containsExactly("CASE-0000003");
    assertThat(phraseHits("keep disconnecting")).containsExactly("CASE-0000001");
    assertThat(phraseHits("disconnecting keep")).isEmpty();
    assertThat(
            ids(
                store
                    .search(SearchRequest.of(new CaseQuery.Prefix(CaseField.TEXT, "impri")), ALL)
                    .hits()))
        .containsExactly("CASE-0000002");
  }

  @Test
  void stopWordsAloneMatchNothingAndDropOutOfConjunctions() throws IOException {
    // "the" is an English stop word but an ordinary French token.
    put(language(withSubject(random.next(1), "the printer is broken"), Language.EN));
    store.commit();
    assertThat(subjectHits("the")).isEmpty();
    CaseQuery both =
        CaseQuery.and(
            new CaseQuery.Term(CaseField.SUBJECT, "the"),
            new CaseQuery.Term(CaseField.SUBJECT, "printer"));
    assertThat(ids(store.search(SearchRequest.of(both), ALL).hits()))
        .containsExactly("CASE-0000001");
  }

  @Test
  void dateRangesAreHalfOpen() throws IOException {
    List<SupportCase> cases = putRandom(100);
    SupportCase pivot = cases.get(17);
    CaseQuery from = new CaseQuery.DateRange(CaseField.CREATED, pivot.created(), null);
    CaseQuery to = new CaseQuery.DateRange(CaseField.CREATED, null, pivot.created());
    long atOrAfter = store.search(SearchRequest.of(from).withSize(0), ALL).total();
    long before = store.search(SearchRequest.of(to).withSize(0), ALL).total();
    assertThat(atOrAfter + before).isEqualTo(100);
    assertThat(atOrAfter).isEqualTo(oracleIds(cases, from, ALL).size());
  }

  @Test
  void storedCasesHandOutEveryCommittedCaseOnceInIdOrderAsStored() throws IOException {
    // Ids whose string order is neither the order of their numbers nor the order of the puts.
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      numbers.add(i);
    }
    java.util.Collections.shuffle(numbers, random.random());
    Map<String, RedactedCase> put = new HashMap<>();
    for (int number : numbers) {
      RedactedCase stored = putRedacted(withId(random.next(number), "C-" + number));
      put.put(stored.content().id().value(), stored);
    }
    store.commit();
    put(withId(random.next(999), "C-uncommitted"));

    List<RedactedCase> walked = new ArrayList<>();
    List<RedactedCase> page = store.storedCases(null, 17, ALL);
    while (!page.isEmpty()) {
      assertThat(page).hasSizeLessThanOrEqualTo(17);
      walked.addAll(page);
      page = store.storedCases(page.getLast().content().id(), 17, ALL);
    }
    List<String> ids = walked.stream().map(c -> c.content().id().value()).toList();
    assertThat(ids)
        .as(seedNote())
        .containsExactlyElementsOf(put.keySet().stream().sorted().toList());
    for (RedactedCase stored : walked) {
      RedactedCase original = put.get(stored.content().id().value());
      assertThat(stored.content()).as(seedNote()).isEqualTo(original.content());
      assertThat(stored.sealed()).isEqualTo(original.sealed()).isNotEmpty();
    }
    assertThat(store.storedCases(new CaseId("C-99"), 10, ALL)).isEmpty();
    assertThat(store.storedCases(new CaseId("C-5"), 3, ALL))
        .extracting(c -> c.content().id().value())
        .containsExactly("C-50", "C-51", "C-52");
  }

  @Test
  void onlyTheWholeArchiveScopeReadsStoredCases() throws IOException {
    putRandom(3);
    AccessScope everyFieldOfEmea =
        AccessScope.restrictedTo(
            new CaseQuery.Term(CaseField.REGION, "EMEA"),
            EnumSet.allOf(CaseField.class).stream()
                .filter(f -> f.isConcrete() && f.kind() != CaseField.Kind.IDENTITY)
                .collect(Collectors.toSet()));
    assertThatThrownBy(() -> store.storedCases(null, 10, everyFieldOfEmea))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only the data directory's owner");
    // Every case and every field but the identities: still not the owner.
    AccessScope everyCaseNoIdentities =
        AccessScope.restrictedTo(
            CaseQuery.matchAll(),
            EnumSet.allOf(CaseField.class).stream()
                .filter(f -> f.isConcrete() && f.kind() != CaseField.Kind.IDENTITY)
                .collect(Collectors.toSet()));
    assertThatThrownBy(() -> store.storedCases(null, 10, everyCaseNoIdentities))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only the data directory's owner");
    assertThatThrownBy(() -> store.storedCases(null, 0, ALL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.storedCases(null, StoredCases.MAX_PAGE + 1, ALL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void casesReadBackFromOneStoreGoIntoAnotherUnchanged(@TempDir Path otherFolder)
      throws IOException {
    List<SupportCase> cases = putRandom(60); // the first is random.next(0), of "Customer 0"
    try (CaseStore copy = open(otherFolder)) {
      CaseId after = null;
      List<RedactedCase> page;
      while (!(page = store.storedCases(after, 25, ALL)).isEmpty()) {
        for (RedactedCase c : page) {
          copy.put(c);
        }
        after = page.getLast().content().id();
      }
      copy.commit();
      assertThat(copy.count(ALL)).isEqualTo(60);
      for (SupportCase c : cases) {
        assertThat(copy.get(c.id(), ALL)).as(seedNote()).contains(c);
        assertThat(copy.sealedValues(c.id(), ALL)).isEqualTo(store.sealedValues(c.id(), ALL));
      }
      for (int i = 0; i < 20; i++) {
        CaseQuery query = randomQuery(2);
        assertThat(ids(copy.search(SearchRequest.of(query).withSize(100), ALL).hits()))
            .as("%s %s", seedNote(), query)
            .containsExactlyInAnyOrderElementsOf(
                ids(store.search(SearchRequest.of(query).withSize(100), ALL).hits()));
      }
      // The sealed values still open, bound to the same case and field: nothing was re-sealed.
      SupportCase first = cases.getFirst();
      SealedValue name =
          copy.sealedValues(first.id(), ALL).orElseThrow().stream()
              .filter(v -> v.field().equals("customer.name"))
              .findFirst()
              .orElseThrow();
      assertThat(VAULT.unseal(name, first.id().value(), "customer.name")).contains("Customer 0");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private CaseQuery randomQuery(int depth) {
    Random r = random.random();
    int kind = depth == 0 ? r.nextInt(5) : r.nextInt(8);
    return switch (kind) {
      case 0, 1 ->
          new CaseQuery.Term(
              random.pick(
                  List.of(
                      CaseField.TEXT,
                      CaseField.SUBJECT,
                      CaseField.DESCRIPTION,
                      CaseField.MESSAGES,
                      CaseField.NOTES,
                      CaseField.INTERNAL_NOTES)),
              random.randomMarker());
      case 2 -> keywordTerm(r);
      case 3 -> {
        Instant a = RandomCases.START.plusSeconds(r.nextLong(RandomCases.SPAN_SECONDS));
        Instant b = a.plusSeconds(r.nextLong(RandomCases.SPAN_SECONDS / 3));
        yield new CaseQuery.DateRange(
            r.nextBoolean() ? CaseField.CREATED : CaseField.UPDATED,
            r.nextInt(5) == 0 ? null : a,
            r.nextInt(5) == 0 ? null : b);
      }
      case 4 ->
          new CaseQuery.Prefix(
              CaseField.PRODUCT, random.pick(RandomCases.PRODUCTS).substring(0, 3));
      case 5 -> new CaseQuery.And(List.of(randomQuery(depth - 1), randomQuery(depth - 1)));
      case 6 -> new CaseQuery.Or(List.of(randomQuery(depth - 1), randomQuery(depth - 1)));
      default -> new CaseQuery.Not(randomQuery(depth - 1));
    };
  }

  private CaseQuery keywordTerm(Random r) {
    return switch (r.nextInt(6)) {
      case 0 ->
          new CaseQuery.Term(CaseField.STATUS, random.pick(List.of(Status.values())).wireName());
      case 1 -> new CaseQuery.Term(CaseField.PRODUCT, random.pick(RandomCases.PRODUCTS));
      case 2 ->
          new CaseQuery.Term(CaseField.CHANNEL, random.pick(List.of(Channel.values())).wireName());
      case 3 -> new CaseQuery.Term(CaseField.REGION, random.pick(RandomCases.REGIONS));
      case 4 -> new CaseQuery.Term(CaseField.TAGS, random.pick(RandomCases.TAGS));
      default -> new CaseQuery.Term(CaseField.TEAM, random.pick(RandomCases.TEAMS));
    };
  }

  private static List<String> oracleIds(
      List<SupportCase> cases, CaseQuery query, AccessScope scope) {
    return cases.stream()
        .filter(c -> QueryOracle.visible(c, scope) && QueryOracle.matches(query, c, scope))
        .map(c -> c.id().value())
        .toList();
  }

  private static Map<String, Long> bruteForceCounts(List<SupportCase> matching, CaseField field) {
    Map<String, Long> counts = new HashMap<>();
    for (SupportCase c : matching) {
      for (String value : new LinkedHashSet<>(QueryOracle.values(c, field))) {
        counts.merge(value, 1L, Long::sum);
      }
    }
    return counts;
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(h -> h.id().value()).toList();
  }

  private static Map<String, SupportCase> byId(List<SupportCase> cases) {
    return cases.stream().collect(Collectors.toMap(c -> c.id().value(), Function.identity()));
  }

  private static List<String> sorted(
      List<String> ids, Map<String, SupportCase> byId, SortOrder sort) {
    Comparator<String> byDate =
        switch (sort) {
          case NEWEST -> Comparator.comparing((String id) -> byId.get(id).created()).reversed();
          case OLDEST -> Comparator.comparing((String id) -> byId.get(id).created());
          case RECENTLY_UPDATED ->
              Comparator.comparing((String id) -> byId.get(id).updated()).reversed();
          case RELEVANCE -> throw new IllegalArgumentException();
        };
    return ids.stream().sorted(byDate.thenComparing(Comparator.naturalOrder())).toList();
  }

  private List<String> subjectHits(String word) throws IOException {
    return ids(
        store.search(SearchRequest.of(new CaseQuery.Term(CaseField.SUBJECT, word)), ALL).hits());
  }

  private List<String> phraseHits(String phrase) throws IOException {
    return ids(
        store.search(SearchRequest.of(new CaseQuery.Phrase(CaseField.TEXT, phrase)), ALL).hits());
  }

  /** The text parts of a case the tests vary; everything else is kept from {@code c}. */
  private record Text(
      Language language,
      List<String> tags,
      String subject,
      String description,
      List<Message> messages,
      List<Note> notes) {
    static Text of(SupportCase c) {
      return new Text(
          c.language(), c.tags(), c.subject(), c.description(), c.messages(), c.notes());
    }

    SupportCase applyTo(SupportCase c) {
      return new SupportCase(
          c.id(),
          c.created(),
          c.updated(),
          c.status(),
          c.product(),
          c.channel(),
          language,
          c.region(),
          c.team(),
          tags,
          c.customer(),
          c.agent(),
          subject,
          description,
          messages,
          notes);
    }
  }

  @Test
  void relevanceUnderARestrictedScopeOwesNothingToHiddenCases() throws IOException {
    List<String> subjects =
        List.of(
            "kw7 printer",
            "kw7 kw7 printer offline today",
            "kw7 and a much longer subject about printers that will not print");
    for (int i = 0; i < subjects.size(); i++) {
      put(inRegion(language(withSubject(random.next(i), subjects.get(i)), Language.EN), "EMEA"));
    }
    store.commit();
    AccessScope emea =
        AccessScope.restrictedTo(
            new CaseQuery.Term(CaseField.REGION, "EMEA"), java.util.Set.of(CaseField.SUBJECT));
    SearchRequest request =
        SearchRequest.of(new CaseQuery.Term(CaseField.SUBJECT, "kw7")).withSize(10);
    Map<CaseId, Float> before = scores(store.search(request, emea));
    Map<CaseId, Float> unrestrictedBefore = scores(store.search(request, ALL));

    // Hidden cases that make kw7 common and subjects long across the index.
    for (int i = 0; i < 40; i++) {
      put(
          inRegion(
              language(
                  withSubject(random.next(100 + i), "kw7 " + "filler words ".repeat(i % 7) + "kw7"),
                  Language.EN),
              "AMER"));
    }
    store.commit();

    assertThat(scores(store.search(request, emea))).as(seedNote()).isEqualTo(before);
    // The same search without the restriction does move: the check above can fail.
    assertThat(scores(store.search(request, ALL))).as(seedNote()).isNotEqualTo(unrestrictedBefore);
  }

  private static Map<CaseId, Float> scores(SearchResult result) {
    Map<CaseId, Float> scores = new java.util.LinkedHashMap<>();
    result.hits().stream()
        .filter(h -> !h.id().value().isEmpty())
        .forEach(h -> scores.put(h.id(), h.score()));
    return scores;
  }

  private static SupportCase withId(SupportCase c, String id) {
    return new SupportCase(
        new CaseId(id),
        c.created(),
        c.updated(),
        c.status(),
        c.product(),
        c.channel(),
        c.language(),
        c.region(),
        c.team(),
        c.tags(),
        c.customer(),
        c.agent(),
        c.subject(),
        c.description(),
        c.messages(),
        c.notes());
  }

  private static SupportCase inRegion(SupportCase c, String region) {
    return new SupportCase(
        c.id(),
        c.created(),
        c.updated(),
        c.status(),
        c.product(),
        c.channel(),
        c.language(),
        region,
        c.team(),
        c.tags(),
        c.customer(),
        c.agent(),
        c.subject(),
        c.description(),
        c.messages(),
        c.notes());
  }

  private static SupportCase withSubject(SupportCase c, String subject) {
    Text t = Text.of(c);
    return new Text(t.language(), t.tags(), subject, t.description(), t.messages(), t.notes())
        .applyTo(c);
  }

  private static SupportCase withDescription(SupportCase c, String description) {
    Text t = Text.of(c);
    return new Text(t.language(), t.tags(), t.subject(), description, t.messages(), t.notes())
        .applyTo(c);
  }

  /** Only the subject left, in {@code language}. */
  private static SupportCase language(SupportCase c, Language language) {
    return new Text(language, c.tags(), c.subject(), "", List.of(), List.of()).applyTo(c);
  }

  private static SupportCase withNotes(SupportCase c, List<Note> notes) {
    return new Text(
            c.language(),
            List.of("vip"),
            c.subject(),
            c.description(),
            List.of(new Message(c.created(), Author.AGENT, "hello")),
            notes)
        .applyTo(c);
  }
}
