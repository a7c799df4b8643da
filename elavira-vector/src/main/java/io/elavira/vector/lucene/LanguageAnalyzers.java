package io.elavira.vector.lucene;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
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
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The text analysis of the lexical index: each text is indexed twice, once analysed as French and
 * once as English, and a query is matched against both, so neither the documents nor the question
 * need a language tag.
 *
 * <p>French: elision of {@code l' d' qu' j' n' s' c' m' t'} and the like, lower case, French stop
 * words (French and English), accents folded ({@code é → e}, so {@code eleve} finds {@code élève}),
 * light stemming (plurals and common suffixes). English: possessives, lower case, the same stop
 * words, accents folded, Porter stemming.
 */
final class LanguageAnalyzers {
  static final String FRENCH = "text_fr";
  static final String ENGLISH = "text_en";

  /**
   * French and English stop words together, on both fields: each field also sees texts and
   * questions in the other language, where the other language's stop words would otherwise count as
   * rare words ("the" in the French field, "les" in the English one).
   */
  private static final CharArraySet STOP_WORDS = stopWords();

  private LanguageAnalyzers() {}

  private static CharArraySet stopWords() {
    CharArraySet set = new CharArraySet(FrenchAnalyzer.getDefaultStopSet(), true);
    set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    return CharArraySet.unmodifiableSet(set);
  }

  /** One analyzer per text field. */
  static Analyzer perField() {
    return new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(), Map.of(FRENCH, french(), ENGLISH, english()));
  }

  static Analyzer french() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream s = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
        s = new LowerCaseFilter(s);
        s = new StopFilter(s, STOP_WORDS);
        s = new ASCIIFoldingFilter(s);
        s = new FrenchLightStemFilter(s);
        return new TokenStreamComponents(source, s);
      }

      @Override
      protected TokenStream normalize(String field, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
      }
    };
  }

  static Analyzer english() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream s = new EnglishPossessiveFilter(source);
        s = new LowerCaseFilter(s);
        s = new StopFilter(s, STOP_WORDS);
        s = new ASCIIFoldingFilter(s);
        s = new PorterStemFilter(s);
        return new TokenStreamComponents(source, s);
      }

      @Override
      protected TokenStream normalize(String field, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
      }
    };
  }
}
