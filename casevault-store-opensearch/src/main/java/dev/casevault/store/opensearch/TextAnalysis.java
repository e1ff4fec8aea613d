package dev.casevault.store.opensearch;

import dev.casevault.core.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.indices.AnalyzeResponse;

/**
 * Asks the index's own analysis chains what a query word becomes, so that the query translation
 * follows the same rules as the Lucene backend without a second copy of the chains in Java: a word
 * that analyses to nothing (a stop word such as {@code the} or {@code le}) drops out of an AND or
 * OR, and a text prefix is lower-cased and accent-folded before it is matched.
 *
 * <p>Answers are cached (they depend only on the mapping version, which fixes the chains); the
 * cache holds query words, never case data, and is bounded.
 */
final class TextAnalysis {
  private static final int MAX_CACHED = 20_000;

  private final OpenSearchClient client;
  private final String index;
  private final Map<Key, Object> cache = new ConcurrentHashMap<>();

  private record Key(boolean prefix, Language language, String text) {}

  TextAnalysis(OpenSearchClient client, String index) {
    this.client = client;
    this.index = index;
  }

  /** How many tokens {@code text} becomes in {@code language}'s chain (0 for stop words alone). */
  int tokenCount(Language language, String text) {
    return (Integer)
        cached(
            new Key(false, language, text),
            () ->
                client
                    .indices()
                    .analyze(a -> a.index(index).analyzer(CaseIndex.analyzer(language)).text(text))
                    .tokens()
                    .size());
  }

  /** {@code prefix} lower-cased, accent-folded and (French) without its elided article. */
  String normalizePrefix(Language language, String prefix) {
    return (String)
        cached(
            new Key(true, language, prefix),
            () -> {
              AnalyzeResponse response =
                  client
                      .indices()
                      .analyze(
                          a ->
                              a.index(index)
                                  .normalizer(CaseIndex.prefixNormalizer(language))
                                  .text(prefix));
              StringBuilder normalized = new StringBuilder();
              response.tokens().forEach(t -> normalized.append(t.token()));
              return normalized.toString();
            });
  }

  private interface Call {
    Object call() throws IOException;
  }

  private Object cached(Key key, Call call) {
    Object known = cache.get(key);
    if (known != null) {
      return known;
    }
    Object answer;
    try {
      answer = ClusterRetry.call(ClusterRetry.READS, call::call);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(key, answer);
    return answer;
  }
}
