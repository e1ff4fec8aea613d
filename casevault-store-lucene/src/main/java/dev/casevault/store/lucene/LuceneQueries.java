package dev.casevault.store.lucene;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.Language;
import dev.casevault.store.FieldLeaves;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Translates a {@link CaseQuery} tree into Lucene query objects, never through query syntax.
 *
 * <p>Fields the scope hides translate to "matches nothing", so a hidden field can influence neither
 * hits nor totals. Words that analyse to nothing (stop words such as {@code the} or {@code le})
 * drop out of an AND or OR instead of emptying it, as in Lucene's own query parser.
 */
final class LuceneQueries {
  private final CaseAnalyzers analyzers;

  LuceneQueries(CaseAnalyzers analyzers) {
    this.analyzers = analyzers;
  }

  /** The user's query restricted to what {@code scope} may see. */
  Query scoped(CaseQuery query, AccessScope scope) {
    Query user = translate(query, scope);
    if (scope.documentFilter() instanceof CaseQuery.MatchAll) {
      return user;
    }
    // The filter is the scope's own, trusted tree: every field counts, visible or not.
    Query filter = translate(scope.documentFilter(), null);
    return new BooleanQuery.Builder().add(user, Occur.MUST).add(filter, Occur.FILTER).build();
  }

  /**
   * The user's query without the scope's document filter (hits are already filtered): what to
   * highlight.
   */
  Query highlightQuery(CaseQuery query, AccessScope scope) {
    return translate(query, scope);
  }

  /**
   * Each case is analysed in its own language, so a query is translated once per language and each
   * translation only applies to cases of that language: {@code the printer} must find an English
   * case although {@code the} is an ordinary word in French, and the reverse for {@code le}.
   */
  private Query translate(CaseQuery query, AccessScope scope) {
    if (!hasText(query)) {
      return translate(query, scope, null).orElseGet(MatchNoDocsQuery::new);
    }
    BooleanQuery.Builder anyLanguage = new BooleanQuery.Builder();
    for (Language language : Language.values()) {
      Optional<Query> translated = translate(query, scope, language);
      if (translated.isPresent()) {
        anyLanguage.add(
            new BooleanQuery.Builder()
                .add(translated.get(), Occur.MUST)
                .add(
                    new TermQuery(
                        new Term(IndexFields.keyword(CaseField.LANGUAGE), language.wireName())),
                    Occur.FILTER)
                .build(),
            Occur.SHOULD);
      }
    }
    return anyLanguage.build();
  }

  private static boolean hasText(CaseQuery query) {
    return switch (query) {
      case CaseQuery.MatchAll m -> false;
      case CaseQuery.Term t -> t.field().kind() == CaseField.Kind.TEXT;
      case CaseQuery.Phrase p -> true;
      case CaseQuery.Prefix p -> p.field().kind() == CaseField.Kind.TEXT;
      case CaseQuery.DateRange r -> false;
      case CaseQuery.And and -> and.clauses().stream().anyMatch(LuceneQueries::hasText);
      case CaseQuery.Or or -> or.clauses().stream().anyMatch(LuceneQueries::hasText);
      case CaseQuery.Not not -> hasText(not.clause());
    };
  }

  /**
   * @param scope null when translating a scope's own filter
   * @param language the language of the cases this translation applies to; null when the query has
   *     no text clause
   * @return empty when the query matches no constraint at all (only stop words)
   */
  private Optional<Query> translate(CaseQuery query, AccessScope scope, Language language) {
    return switch (query) {
      case CaseQuery.MatchAll m -> Optional.of(new MatchAllDocsQuery());
      case CaseQuery.Term t -> leaf(t.field(), scope, language, (f, l) -> term(f, l, t.value()));
      case CaseQuery.Phrase p -> leaf(p.field(), scope, language, (f, l) -> phrase(f, l, p.text()));
      case CaseQuery.Prefix p ->
          leaf(p.field(), scope, language, (f, l) -> prefix(f, l, p.prefix()));
      case CaseQuery.DateRange r ->
          leaf(r.field(), scope, language, (f, l) -> Optional.of(range(r)));
      case CaseQuery.And and -> bool(and.clauses(), Occur.MUST, scope, language);
      case CaseQuery.Or or -> bool(or.clauses(), Occur.SHOULD, scope, language);
      case CaseQuery.Not not ->
          translate(not.clause(), scope, language)
              .map(
                  inner ->
                      new BooleanQuery.Builder()
                          .add(new MatchAllDocsQuery(), Occur.MUST)
                          .add(inner, Occur.MUST_NOT)
                          .build());
    };
  }

  private Optional<Query> leaf(
      CaseField field, AccessScope scope, Language language, FieldLeaves.PerField<Query> perField) {
    Optional<List<Query>> visible = FieldLeaves.visible(field, scope, language, perField);
    if (visible.isEmpty()) {
      return Optional.of(new MatchNoDocsQuery("field hidden by access scope"));
    }
    List<Query> alternatives = visible.get();
    if (alternatives.isEmpty()) {
      return Optional.empty();
    }
    if (alternatives.size() == 1) {
      return Optional.of(alternatives.getFirst());
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    alternatives.forEach(q -> any.add(q, Occur.SHOULD));
    return Optional.of(any.build());
  }

  private Optional<Query> term(CaseField field, Language language, String value) {
    if (language == null) {
      return Optional.of(new TermQuery(new Term(IndexFields.keyword(field), value)));
    }
    // A "word" such as wi-fi may analyse into several tokens: they must then stay together.
    return phrase(field, language, value);
  }

  private Optional<Query> phrase(CaseField field, Language language, String text) {
    String indexField = IndexFields.text(field, language);
    List<Token> tokens = analyze(analyzers.forLanguage(language), indexField, text);
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    if (tokens.size() == 1) {
      return Optional.of(new TermQuery(new Term(indexField, tokens.getFirst().text())));
    }
    PhraseQuery.Builder phrase = new PhraseQuery.Builder();
    for (Token token : tokens) {
      phrase.add(new Term(indexField, token.text()), token.position());
    }
    return Optional.of(phrase.build());
  }

  private Optional<Query> prefix(CaseField field, Language language, String prefix) {
    if (language == null) {
      return Optional.of(new PrefixQuery(new Term(IndexFields.keyword(field), prefix)));
    }
    String indexField = IndexFields.text(field, language);
    BytesRef normalized = analyzers.forLanguage(language).normalize(indexField, prefix);
    return Optional.of(new PrefixQuery(new Term(indexField, normalized)));
  }

  private static Query range(CaseQuery.DateRange range) {
    long from = range.from() == null ? Long.MIN_VALUE : range.from().toEpochMilli();
    long to = range.to() == null ? Long.MAX_VALUE : range.to().toEpochMilli() - 1;
    return LongField.newRangeQuery(IndexFields.keyword(range.field()), from, to);
  }

  private Optional<Query> bool(
      List<CaseQuery> clauses, Occur occur, AccessScope scope, Language language) {
    BooleanQuery.Builder builder = new BooleanQuery.Builder();
    int added = 0;
    for (CaseQuery clause : clauses) {
      Optional<Query> translated = translate(clause, scope, language);
      if (translated.isPresent()) {
        builder.add(translated.get(), occur);
        added++;
      }
    }
    return added == 0 ? Optional.empty() : Optional.of(builder.build());
  }

  private record Token(String text, int position) {}

  private static List<Token> analyze(Analyzer analyzer, String field, String text) {
    List<Token> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      int position = -1;
      while (stream.incrementToken()) {
        position += increment.getPositionIncrement();
        tokens.add(new Token(term.toString(), position));
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing an in-memory string cannot fail", e);
    }
    return tokens;
  }
}
