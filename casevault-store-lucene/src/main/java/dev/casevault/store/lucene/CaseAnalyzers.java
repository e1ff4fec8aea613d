package dev.casevault.store.lucene;

import dev.casevault.core.Language;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The analysis chains: one per case language, chosen by the {@code .en} / {@code .fr} suffix of the
 * index field. Both fold accents so that {@code "numero"} finds {@code "numéro"}; English uses the
 * Porter stemmer, French Lucene's light stemmer and elision of {@code l'}, {@code d'}, ...
 */
final class CaseAnalyzers {
  /** Keeps a phrase from matching across two messages or two notes of the same case. */
  private static final int GAP_BETWEEN_VALUES = 100;

  private static final CharArraySet FRENCH_ELISIONS =
      new CharArraySet(
          List.of(
              "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"),
          true);

  private final Analyzer english = new LanguageAnalyzer(Language.EN);
  private final Analyzer french = new LanguageAnalyzer(Language.FR);
  private final Analyzer perField =
      new DelegatingAnalyzerWrapper(Analyzer.PER_FIELD_REUSE_STRATEGY) {
        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
          return forLanguage(IndexFields.languageOf(fieldName));
        }
      };

  Analyzer forLanguage(Language language) {
    return language == Language.FR ? french : english;
  }

  /** Picks the chain from the field name; this is the analyzer the index writer uses. */
  Analyzer perField() {
    return perField;
  }

  private static final class LanguageAnalyzer extends Analyzer {
    private final Language language;

    LanguageAnalyzer(Language language) {
      this.language = language;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = source;
      if (language == Language.FR) {
        stream = new ElisionFilter(stream, FRENCH_ELISIONS);
        stream = new LowerCaseFilter(stream);
        stream = new StopFilter(stream, FrenchAnalyzer.getDefaultStopSet());
        // The light stemmer knows French accents, so it runs before they are folded away.
        stream = new FrenchLightStemFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
      } else {
        stream = new EnglishPossessiveFilter(stream);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new PorterStemFilter(stream);
      }
      return new TokenStreamComponents(source, stream);
    }

    /** Prefix queries are normalised but not stemmed: lower case and folded accents. */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      TokenStream stream = new LowerCaseFilter(in);
      if (language == Language.FR) {
        stream = new ElisionFilter(stream, FRENCH_ELISIONS);
      }
      return new ASCIIFoldingFilter(stream);
    }

    @Override
    public int getPositionIncrementGap(String fieldName) {
      return GAP_BETWEEN_VALUES;
    }
  }
}
