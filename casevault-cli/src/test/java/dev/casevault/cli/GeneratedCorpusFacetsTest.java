package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.QueryParser;
import dev.casevault.core.SupportCase;
import dev.casevault.corpus.CorpusGenerator;
import dev.casevault.redaction.CaseQuarantinedException;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.RedactionKeys;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.Redactor;
import dev.casevault.redaction.Vault;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SearchResult;
import dev.casevault.store.lucene.LuceneCaseStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facet counts on the generated corpus equal a brute-force count over the generated cases. */
class GeneratedCorpusFacetsTest {
  private static final int CASES = 3000;
  private static final AccessScope ALL = AccessScope.dataDirectoryOwner();

  @TempDir Path folder;

  @Test
  void facetCountsEqualABruteForceCountOverTheCorpus() throws IOException {
    CorpusGenerator generator = new CorpusGenerator(2024);
    List<SupportCase> cases = new ArrayList<>();
    // Facets count keyword fields, which redaction leaves alone; no detectors keeps this quick.
    RedactionKeys keys = RedactionKeys.ephemeral();
    Redactor redactor =
        new Redactor(
            new PiiDetector(List.of(), 1_000_000_000L, 0),
            RedactionPolicy.defaults(),
            keys,
            Vault.inMemory(keys));
    try (LuceneCaseStore store = LuceneCaseStore.open(folder)) {
      for (int i = 0; i < CASES; i++) {
        SupportCase c = generator.generate(i).supportCase();
        cases.add(c);
        try {
          store.put(redactor.redact(c));
        } catch (CaseQuarantinedException e) {
          throw new AssertionError(e);
        }
      }
      store.commit();
      Map<String, Predicate<SupportCase>> queries = new HashMap<>();
      queries.put("", c -> true);
      queries.put("status:open", c -> c.status().wireName().equals("open"));
      queries.put(
          "language:fr -channel:email",
          c -> c.language().wireName().equals("fr") && !c.channel().wireName().equals("email"));
      queries.put(
          "created:[2010-01-01 TO 2012-12-31]",
          c ->
              c.created().toString().compareTo("2010") >= 0
                  && c.created().toString().compareTo("2013") < 0);
      for (Map.Entry<String, Predicate<SupportCase>> query : queries.entrySet()) {
        CaseQuery parsed = QueryParser.parse(query.getKey());
        SearchResult result =
            store.search(
                SearchRequest.of(parsed).withSize(0).withFacets(CaseField.facetable(), 1000), ALL);
        List<SupportCase> matching = cases.stream().filter(query.getValue()).toList();
        assertThat(result.total()).as(query.getKey()).isEqualTo(matching.size());
        for (CaseField field : CaseField.facetable()) {
          assertThat(result.facets().get(field))
              .as("facet %s of query '%s'", field.queryName(), query.getKey())
              .isEqualTo(bruteForce(matching, field));
        }
      }
    }
  }

  private static Map<String, Long> bruteForce(List<SupportCase> cases, CaseField field) {
    Map<String, Long> counts = new HashMap<>();
    for (SupportCase c : cases) {
      List<String> values =
          switch (field) {
            case STATUS -> List.of(c.status().wireName());
            case PRODUCT -> List.of(c.product());
            case CHANNEL -> List.of(c.channel().wireName());
            case LANGUAGE -> List.of(c.language().wireName());
            case REGION -> c.region() == null ? List.of() : List.of(c.region());
            case TEAM -> c.team() == null ? List.of() : List.of(c.team());
            case TAGS -> List.copyOf(new LinkedHashSet<>(c.tags()));
            default -> throw new IllegalArgumentException(field.name());
          };
      values.forEach(v -> counts.merge(v, 1L, Long::sum));
    }
    return counts;
  }
}
