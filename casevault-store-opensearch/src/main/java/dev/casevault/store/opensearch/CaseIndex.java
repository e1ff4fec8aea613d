package dev.casevault.store.opensearch;

import dev.casevault.core.CaseField;
import dev.casevault.core.Language;
import java.util.List;
import java.util.Map;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.Time;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;
import org.opensearch.client.opensearch.indices.IndexSettings;
import org.opensearch.client.opensearch.indices.IndexSettingsAnalysis;

/**
 * The casevault index: its analysis chains, its mapping and the names of its fields. The same
 * semantics as the Lucene backend ({@code docs/architecture.md}, "The Lucene index"), field by
 * field; {@code docs/opensearch.md} shows the resulting JSON.
 *
 * <p>Each free-text field is indexed once per case language ({@code subject.en}, {@code
 * subject.fr}): the document puts a case's text under its own language only, so each case is
 * analysed by its language's chain, and a query is analysed by both. There is deliberately no
 * catch-all field: field rules must be able to hide one text field from every search.
 */
final class CaseIndex {
  /** Bumped when the mapping or analysis changes; the index behind the alias is named after it. */
  static final int MAPPING_VERSION = 1;

  static final String META_VERSION = "casevault_mapping_version";

  static final String ID = "id";

  /** The case's sealed values: ciphertext (base64), kept in the source, never indexed. */
  static final String SEALED = "sealed";

  /** Per-message and per-note metadata inside the text objects: kept, never indexed. */
  static final String AT = "at";

  static final String FROM = "from";
  static final String AUTHOR = "author";

  /** A note's position among all the case's notes, which are split by visibility. */
  static final String ORDINAL = "i";

  /** Keeps a phrase from matching across two messages or two notes of the same case. */
  static final int GAP_BETWEEN_VALUES = 100;

  private static final List<String> FRENCH_ELISIONS =
      List.of("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu");

  private CaseIndex() {}

  /** The index field of a text field in one language: {@code description.fr}. */
  static String text(CaseField field, Language language) {
    return field.queryName() + "." + language.wireName();
  }

  /** The index field of a keyword, identity or date field: its query name. */
  static String keyword(CaseField field) {
    return field.queryName();
  }

  static String analyzer(Language language) {
    return "casevault_" + language.wireName();
  }

  /** Lower case, accent folding (and elision in French): what a text prefix is normalised by. */
  static String prefixNormalizer(Language language) {
    return "casevault_" + language.wireName() + "_prefix";
  }

  static IndexSettings settings(OpenSearchIndexOptions options) {
    return IndexSettings.of(
        s ->
            s.numberOfShards(options.shards())
                .numberOfReplicas(options.replicas())
                // Writes become visible at commit(), which refreshes: never on a timer.
                .refreshInterval(Time.of(t -> t.time("-1")))
                .analysis(CaseIndex::analysis));
  }

  /**
   * The two chains of {@code CaseAnalyzers} in the Lucene backend, filter for filter. English:
   * standard tokenizer, possessives, lower case, ASCII folding, English stop words, Porter stemmer.
   * French: standard tokenizer, elision, lower case, French stop words, light stemmer (it knows
   * French accents, so it runs before they are folded away), ASCII folding.
   */
  private static IndexSettingsAnalysis.Builder analysis(IndexSettingsAnalysis.Builder a) {
    return a.filter(
            "casevault_en_possessive",
            f -> f.definition(d -> d.stemmer(st -> st.language("possessive_english"))))
        .filter(
            "casevault_en_stop", f -> f.definition(d -> d.stop(st -> st.stopwords("_english_"))))
        .filter(
            "casevault_fr_elision",
            f -> f.definition(d -> d.elision(e -> e.articles(FRENCH_ELISIONS).articlesCase(true))))
        .filter("casevault_fr_stop", f -> f.definition(d -> d.stop(st -> st.stopwords("_french_"))))
        .filter(
            "casevault_fr_stem",
            f -> f.definition(d -> d.stemmer(st -> st.language("light_french"))))
        .analyzer(
            analyzer(Language.EN),
            an ->
                an.custom(
                    c ->
                        c.tokenizer("standard")
                            .filter(
                                "casevault_en_possessive",
                                "lowercase",
                                "asciifolding",
                                "casevault_en_stop",
                                "porter_stem")
                            .positionIncrementGap(GAP_BETWEEN_VALUES)))
        .analyzer(
            analyzer(Language.FR),
            an ->
                an.custom(
                    c ->
                        c.tokenizer("standard")
                            .filter(
                                "casevault_fr_elision",
                                "lowercase",
                                "casevault_fr_stop",
                                "casevault_fr_stem",
                                "asciifolding")
                            .positionIncrementGap(GAP_BETWEEN_VALUES)))
        .normalizer(
            prefixNormalizer(Language.EN),
            n -> n.custom(c -> c.filter("lowercase", "asciifolding")))
        .normalizer(
            prefixNormalizer(Language.FR),
            n -> n.custom(c -> c.filter("lowercase", "casevault_fr_elision", "asciifolding")));
  }

  static TypeMapping mapping() {
    TypeMapping.Builder m = new TypeMapping.Builder();
    // Unknown fields are refused, not guessed: every field is declared below.
    m.dynamic(DynamicMapping.Strict);
    m.meta(META_VERSION, JsonData.of(MAPPING_VERSION));
    m.properties(ID, keyword());
    m.properties(CaseField.CREATED.queryName(), date());
    m.properties(CaseField.UPDATED.queryName(), date());
    for (CaseField field :
        List.of(
            CaseField.STATUS,
            CaseField.PRODUCT,
            CaseField.CHANNEL,
            CaseField.LANGUAGE,
            CaseField.REGION,
            CaseField.TEAM,
            CaseField.TAGS)) {
      m.properties(keyword(field), keyword());
    }
    m.properties(
        "customer",
        object(
            Map.of(
                "id", identity(),
                "name", identity(),
                "email", identity(),
                "phone", identity(),
                "ip", identity())));
    m.properties(
        "agent", object(Map.of("id", identity(), "name", identity(), "email", identity())));
    m.properties(CaseField.SUBJECT.queryName(), object(texts()));
    m.properties(CaseField.DESCRIPTION.queryName(), object(texts()));
    m.properties(
        CaseField.MESSAGES.queryName(),
        object(with(texts(), Map.of(AT, storedOnly(), FROM, storedOnly()))));
    for (CaseField notes : List.of(CaseField.INTERNAL_NOTES, CaseField.CONFIDENTIAL_NOTES)) {
      m.properties(
          notes.queryName(),
          object(
              with(
                  texts(), Map.of(ORDINAL, storedOnly(), AT, storedOnly(), AUTHOR, storedOnly()))));
    }
    m.properties(SEALED, Property.of(p -> p.binary(b -> b)));
    return m.build();
  }

  /** Exact values: filters, terms, prefixes, facets (doc values) and the id's tie-break sort. */
  private static Property keyword() {
    return Property.of(p -> p.keyword(k -> k));
  }

  /**
   * Identity tokens and the customer and agent ids: exact match only, never counted nor sorted, so
   * no doc values.
   */
  private static Property identity() {
    return Property.of(p -> p.keyword(k -> k.docValues(false)));
  }

  /** ISO-8601 in the source (kept to the nanosecond), epoch milliseconds in the index. */
  private static Property date() {
    return Property.of(p -> p.date(d -> d.format("strict_date_optional_time_nanos")));
  }

  /** Kept in the source for get, neither indexed nor with doc values. */
  private static Property storedOnly() {
    return Property.of(p -> p.keyword(k -> k.index(false).docValues(false)));
  }

  private static Map<String, Property> texts() {
    return Map.of(
        Language.EN.wireName(), text(Language.EN), Language.FR.wireName(), text(Language.FR));
  }

  private static Property text(Language language) {
    return Property.of(
        p -> p.text(t -> t.analyzer(analyzer(language)).positionIncrementGap(GAP_BETWEEN_VALUES)));
  }

  private static Property object(Map<String, Property> properties) {
    return Property.of(p -> p.object(o -> o.properties(properties)));
  }

  private static Map<String, Property> with(Map<String, Property> a, Map<String, Property> b) {
    Map<String, Property> all = new java.util.HashMap<>(a);
    all.putAll(b);
    return all;
  }
}
