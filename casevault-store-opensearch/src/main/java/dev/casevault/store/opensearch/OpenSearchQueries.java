package dev.casevault.store.opensearch;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.Language;
import dev.casevault.store.FieldLeaves;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * Translates a {@link CaseQuery} tree into OpenSearch query objects with the client's typed
 * builders; user text only ever becomes a value inside a builder, never query syntax.
 *
 * <p>The translation is the Lucene backend's ({@code LuceneQueries}), construct for construct:
 * fields the scope hides translate to "matches nothing", so a hidden field influences neither hits
 * nor totals; words that analyse to nothing drop out of an AND or OR instead of emptying it; each
 * case is matched in its own language. Two scorings are offered: {@link Scoring#BM25} (the index's
 * statistics, for the unrestricted scope) and {@link Scoring#SCOPE_BLIND}, whose scores depend on
 * the matching case alone (see {@code docs/opensearch.md}).
 */
final class OpenSearchQueries {
  /** How text matches are scored. */
  enum Scoring {
    /** BM25 over the shard's statistics: fine when the scope sees every case. */
    BM25,
    /**
     * Scores that owe nothing to other cases: text matches as {@code intervals} queries (scored by
     * the matches' own frequency and proximity, with no collection statistics), keyword matches at
     * a constant score. For a restricted scope, whose hidden cases would otherwise move scores.
     */
    SCOPE_BLIND
  }

  private final TextAnalysis analysis;

  OpenSearchQueries(TextAnalysis analysis) {
    this.analysis = analysis;
  }

  static Scoring scoringFor(AccessScope scope) {
    return scope.documentFilter() instanceof CaseQuery.MatchAll
        ? Scoring.BM25
        : Scoring.SCOPE_BLIND;
  }

  /** The user's query restricted to what {@code scope} may see. */
  Query scoped(CaseQuery query, AccessScope scope) {
    Query user = translate(query, scope, scoringFor(scope));
    if (scope.documentFilter() instanceof CaseQuery.MatchAll) {
      return user;
    }
    // The filter is the scope's own, trusted tree: every field counts, visible or not. It is a
    // filter clause, so it narrows every hit, total and facet and adds nothing to scores.
    Query filter = translate(scope.documentFilter(), null, Scoring.BM25);
    return Query.of(q -> q.bool(b -> b.must(user).filter(filter)));
  }

  /**
   * What to highlight: the user's query without the scope's document filter (hits are already
   * filtered), as phrases whatever the scoring, so that highlights are the same in every scope.
   */
  Query highlightQuery(CaseQuery query, AccessScope scope) {
    return translate(query, scope, Scoring.BM25);
  }

  /**
   * Each case is analysed in its own language, so a query is translated once per language and each
   * translation only applies to cases of that language.
   */
  private Query translate(CaseQuery query, AccessScope scope, Scoring scoring) {
    if (!hasText(query)) {
      return translate(query, scope, null, scoring).orElseGet(OpenSearchQueries::matchNone);
    }
    List<Query> anyLanguage = new ArrayList<>();
    for (Language language : Language.values()) {
      Optional<Query> translated = translate(query, scope, language, scoring);
      if (translated.isPresent()) {
        Query languageFilter = keywordTerm(CaseField.LANGUAGE, language.wireName());
        anyLanguage.add(
            Query.of(q -> q.bool(b -> b.must(translated.get()).filter(languageFilter))));
      }
    }
    // An empty bool would match every case: no translation at all matches none.
    return anyLanguage.isEmpty() ? matchNone() : Query.of(q -> q.bool(b -> b.should(anyLanguage)));
  }

  private static boolean hasText(CaseQuery query) {
    return switch (query) {
      case CaseQuery.MatchAll m -> false;
      case CaseQuery.Term t -> t.field().kind() == CaseField.Kind.TEXT;
      case CaseQuery.Phrase p -> true;
      case CaseQuery.Prefix p -> p.field().kind() == CaseField.Kind.TEXT;
      case CaseQuery.DateRange r -> false;
      case CaseQuery.And and -> and.clauses().stream().anyMatch(OpenSearchQueries::hasText);
      case CaseQuery.Or or -> or.clauses().stream().anyMatch(OpenSearchQueries::hasText);
      case CaseQuery.Not not -> hasText(not.clause());
    };
  }

  /**
   * @param scope null when translating a scope's own filter
   * @param language the language of the cases this translation applies to; null when the query has
   *     no text clause
   * @return empty when the query sets no constraint at all (only stop words)
   */
  private Optional<Query> translate(
      CaseQuery query, AccessScope scope, Language language, Scoring scoring) {
    return switch (query) {
      case CaseQuery.MatchAll m -> Optional.of(Query.of(q -> q.matchAll(a -> a)));
      case CaseQuery.Term t ->
          leaf(t.field(), scope, language, (f, l) -> term(f, l, t.value(), scoring));
      case CaseQuery.Phrase p ->
          leaf(p.field(), scope, language, (f, l) -> phrase(f, l, p.text(), scoring));
      case CaseQuery.Prefix p ->
          leaf(p.field(), scope, language, (f, l) -> Optional.of(prefix(f, l, p.prefix())));
      case CaseQuery.DateRange r ->
          leaf(r.field(), scope, language, (f, l) -> Optional.of(range(r)));
      case CaseQuery.And and -> bool(and.clauses(), true, scope, language, scoring);
      case CaseQuery.Or or -> bool(or.clauses(), false, scope, language, scoring);
      case CaseQuery.Not not ->
          translate(not.clause(), scope, language, scoring)
              .map(
                  inner ->
                      Query.of(q -> q.bool(b -> b.must(m -> m.matchAll(a -> a)).mustNot(inner))));
    };
  }

  private static Optional<Query> leaf(
      CaseField field, AccessScope scope, Language language, FieldLeaves.PerField<Query> perField) {
    Optional<List<Query>> visible = FieldLeaves.visible(field, scope, language, perField);
    if (visible.isEmpty()) {
      return Optional.of(matchNone()); // the field is hidden by the access scope
    }
    List<Query> alternatives = visible.get();
    if (alternatives.isEmpty()) {
      return Optional.empty();
    }
    if (alternatives.size() == 1) {
      return Optional.of(alternatives.getFirst());
    }
    return Optional.of(Query.of(q -> q.bool(b -> b.should(alternatives))));
  }

  private Optional<Query> term(CaseField field, Language language, String value, Scoring scoring) {
    if (language == null) {
      Query exact = keywordTerm(field, value);
      return Optional.of(
          scoring == Scoring.BM25 ? exact : Query.of(q -> q.constantScore(c -> c.filter(exact))));
    }
    // A "word" such as wi-fi may analyse into several tokens: they must then stay together.
    return phrase(field, language, value, scoring);
  }

  private Optional<Query> phrase(CaseField field, Language language, String text, Scoring scoring) {
    if (analysis.tokenCount(language, text) == 0) {
      return Optional.empty();
    }
    String indexField = CaseIndex.text(field, language);
    if (scoring == Scoring.BM25) {
      // One token becomes a term query, several a phrase query: Lucene's QueryBuilder, as in the
      // Lucene backend, with the field's own analyzer.
      return Optional.of(Query.of(q -> q.matchPhrase(m -> m.field(indexField).query(text))));
    }
    // The same matches (the tokens in order, no gap but those stop words left), scored only by
    // how often and how tightly they occur in this case.
    return Optional.of(
        Query.of(
            q ->
                q.intervals(
                    i -> i.field(indexField).match(m -> m.query(text).ordered(true).maxGaps(0)))));
  }

  private Query prefix(CaseField field, Language language, String prefix) {
    if (language == null) {
      return Query.of(q -> q.prefix(p -> p.field(CaseIndex.keyword(field)).value(prefix)));
    }
    String normalized = analysis.normalizePrefix(language, prefix);
    return Query.of(q -> q.prefix(p -> p.field(CaseIndex.text(field, language)).value(normalized)));
  }

  /** {@code [from, to)} in epoch milliseconds, as the Lucene backend indexes dates. */
  private static Query range(CaseQuery.DateRange range) {
    return Query.of(
        q ->
            q.range(
                r -> {
                  r.field(CaseIndex.keyword(range.field())).format("epoch_millis");
                  if (range.from() != null) {
                    r.gte(JsonData.of(range.from().toEpochMilli()));
                  }
                  if (range.to() != null) {
                    r.lt(JsonData.of(range.to().toEpochMilli()));
                  }
                  return r;
                }));
  }

  private Optional<Query> bool(
      List<CaseQuery> clauses, boolean all, AccessScope scope, Language language, Scoring scoring) {
    List<Query> translated = new ArrayList<>();
    for (CaseQuery clause : clauses) {
      translate(clause, scope, language, scoring).ifPresent(translated::add);
    }
    if (translated.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Query.of(q -> q.bool(b -> all ? b.must(translated) : b.should(translated))));
  }

  static Query keywordTerm(CaseField field, String value) {
    return Query.of(
        q -> q.term(t -> t.field(CaseIndex.keyword(field)).value(FieldValue.of(value))));
  }

  static Query matchNone() {
    return Query.of(q -> q.matchNone(n -> n));
  }
}
