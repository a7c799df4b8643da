package io.elavira.vector.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.vector.lucene.LanguageAnalyzers.Languages;
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
}
