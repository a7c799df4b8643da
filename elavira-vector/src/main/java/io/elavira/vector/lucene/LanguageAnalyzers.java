package io.elavira.vector.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The text analysis of the lexical index: each text is indexed under the analysis of its language
 * (French, English, or both when unsure: {@link #detect(String)}), and a question is analysed both
 * ways and matched against both fields, so neither the documents nor the question need a language
 * tag.
 *
 * <p>French: elision of {@code l' d' qu' j' n' s' c' m' t'} and the like, lower case, stop words
 * (French and English), accents folded ({@code é → e}, so {@code eleve} finds {@code élève}), light
 * stemming (plurals and common suffixes). English: the same elision (a French question or passage
 * is also analysed as English), possessives, lower case, the same stop words, accents folded,
 * Porter stemming.
 *
 * <p>Stop words are Lucene's French (Snowball) and English sets, plus {@link #FRENCH_EXTRA_STOP}
 * (function words the Snowball list leaves out because they are homonyms of English or French
 * nouns), each also without its accents, so that a question typed without accents loses the same
 * words.
 */
final class LanguageAnalyzers {
  static final String FRENCH = "text_fr";
  static final String ENGLISH = "text_en";

  /**
   * French function words missing from Lucene's Snowball list, which omits {@code est} as a homonym
   * of "east": without it, "qu'est-ce que", "c'est" and "n'est-il pas" match every passage that
   * holds "est". {@code quoi} ("c'est quoi ...") and {@code où} are question words that no passage
   * answers with. Left out on purpose, as Snowball does: {@code été} (summer) and {@code sommes}
   * (sums, frequent in tax and benefit texts).
   */
  static final Set<String> FRENCH_EXTRA_STOP = Set.of("est", "quoi", "où");

  /**
   * French and English stop words together, on both fields: each field also sees texts and
   * questions in the other language, where the other language's stop words would otherwise count as
   * rare words ("the" in the French field, "les" in the English one).
   */
  private static final CharArraySet STOP_WORDS = stopWords();

  /** Very frequent words of one language and not of the other: the language detector's cues. */
  private static final Set<String> FRENCH_CUES =
      Set.of(
          "le", "la", "les", "des", "du", "de", "un", "une", "et", "est", "dans", "pour", "que",
          "qui", "pas", "sur", "au", "aux", "ce", "cette", "sont", "avec", "par", "ou", "il",
          "elle", "nous", "vous", "leur", "l", "d", "qu");

  private static final Set<String> ENGLISH_CUES =
      Set.of(
          "the", "of", "and", "to", "is", "in", "for", "that", "with", "are", "this", "be", "by",
          "it", "was", "from", "have", "not", "or", "an", "you", "your", "will", "can");

  private static final Pattern WORD = Pattern.compile("[\\p{L}]+");

  private LanguageAnalyzers() {}

  /** Which analyses a text is indexed under. */
  enum Languages {
    FRENCH,
    ENGLISH,
    BOTH
  }

  /**
   * The language of a passage, from its most frequent words: French or English when that language's
   * cues are at least twice the other's (and at least two), both otherwise (short or mixed texts,
   * other languages). Indexing a French passage under English analysis too would let an English
   * stemmer's collisions outrank better French matches (measured in docs/vector-stores.md: nDCG@10
   * 0.951 with both analyses on every passage, 0.964 French only).
   */
  static Languages detect(String text) {
    int french = 0;
    int english = 0;
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      french += FRENCH_CUES.contains(w) ? 1 : 0;
      english += ENGLISH_CUES.contains(w) ? 1 : 0;
    }
    if (french >= 2 && french >= 2 * english) {
      return Languages.FRENCH;
    }
    if (english >= 2 && english >= 2 * french) {
      return Languages.ENGLISH;
    }
    return Languages.BOTH;
  }

  private static CharArraySet stopWords() {
    CharArraySet set = new CharArraySet(FrenchAnalyzer.getDefaultStopSet(), true);
    set.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    set.addAll(FRENCH_EXTRA_STOP);
    // The stop filter runs before accents are folded: add "etait" for "était", "a" for "à"...
    List<String> folded = new ArrayList<>();
    for (Object word : set) {
      char[] chars = (char[]) word;
      char[] out = new char[chars.length * 4];
      int length = ASCIIFoldingFilter.foldToASCII(chars, 0, out, 0, chars.length);
      folded.add(new String(out, 0, length));
    }
    set.addAll(folded);
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
        // Elision here too: the question is also analysed as English, and "c'est" or "qu'est"
        // kept whole would match every passage holding them in its English field.
        TokenStream s = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
        s = new EnglishPossessiveFilter(s);
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
