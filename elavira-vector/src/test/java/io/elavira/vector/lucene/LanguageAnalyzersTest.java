package io.elavira.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.vector.lucene.LanguageAnalyzers.Languages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class LanguageAnalyzersTest {
  @Test
  void tellsFrenchFromEnglishByTheirMostFrequentWords() {
    assertThat(LanguageAnalyzers.detect("Les élèves de l'école primaire et leurs parents"))
        .isEqualTo(Languages.FRENCH);
    assertThat(LanguageAnalyzers.detect("The refund policy of the company is clear"))
        .isEqualTo(Languages.ENGLISH);
  }

  @Test
  void indexesShortMixedOrOtherLanguagesUnderBoth() {
    assertThat(LanguageAnalyzers.detect("Invoice 4711")).isEqualTo(Languages.BOTH);
    assertThat(LanguageAnalyzers.detect("the price of it, le prix de la"))
        .isEqualTo(Languages.BOTH);
    assertThat(LanguageAnalyzers.detect("Alle Menschen sind frei und gleich"))
        .isEqualTo(Languages.BOTH);
  }

  @Test
  void frenchQuestionsKeepOnlyTheirContentWordsUnderBothAnalyses() throws IOException {
    for (Analyzer analyzer : List.of(LanguageAnalyzers.french(), LanguageAnalyzers.english())) {
      assertThat(terms(analyzer, "Qu'est-ce que la taxe foncière ?")).hasSize(2);
      assertThat(terms(analyzer, "C'est quoi la taxe foncière ?")).hasSize(2);
      assertThat(terms(analyzer, "N'est-il pas vrai ?")).hasSize(1);
      assertThat(terms(analyzer, "Qu’est-ce que c’est ?")).isEmpty();
      assertThat(terms(analyzer, "Où était-il ? Ou etait-il ?")).isEmpty();
    }
    assertThat(terms(LanguageAnalyzers.french(), "Qu'est-ce que la taxe foncière ?"))
        .containsExactly("taxe", "foncier");
  }

  @Test
  void keepsTheHomonymsThatSnowballKeepsOnPurpose() throws IOException {
    // "sommes" (sums) and "été" (summer) carry meaning in benefit and tax texts.
    assertThat(terms(LanguageAnalyzers.french(), "les sommes versées en été")).hasSize(3);
  }

  private static List<String> terms(Analyzer analyzer, String text) throws IOException {
    List<String> terms = new ArrayList<>();
    try (TokenStream tokens = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        terms.add(term.toString());
      }
      tokens.end();
    }
    return terms;
  }
}
