package io.elavira.internal.words;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanguageWordsTest {
  final LanguageWords words = LanguageWords.read();

  @Test
  void theListOfTheJarGivesEachUseItsWords() {
    assertThat(words.english()).contains("the", "what", "hello").doesNotContain("les");
    assertThat(words.french()).contains("les", "quels", "où", "bonjour").doesNotContain("the");
    assertThat(words.stopWords()).contains("the", "les", "ou").doesNotContain("où", "contrat");
    assertThat(words.smallTalkCues()).contains("bonjour", "merci", "hi", "thanks");
    assertThat(words.smallTalkFillers()).contains("beaucoup", "much").doesNotContain("bonjour");
  }

  @Test
  void wordsAmbiguousBetweenTheLanguagesAreStopWordsButEvidenceOfNeither() {
    for (String ambiguous : List.of("a", "on", "me", "s", "t")) {
      assertThat(words.stopWords()).contains(ambiguous);
      assertThat(words.english()).doesNotContain(ambiguous);
      assertThat(words.french()).doesNotContain(ambiguous);
    }
  }

  @Test
  void noWordIsEvidenceOfBothLanguages() {
    assertThat(words.english()).doesNotContainAnyElementsOf(words.french());
  }

  @Test
  void skipsCommentsAndBlankLinesAndReadsEveryUseOfAWord() {
    LanguageWords parsed =
        LanguageWords.parse(
            List.of("# a comment", "", "and  en stop filler  # trailing comment", "merci fr cue"),
            "test");

    assertThat(parsed.english()).containsExactly("and");
    assertThat(parsed.stopWords()).containsExactly("and");
    assertThat(parsed.smallTalkFillers()).containsExactly("and");
    assertThat(parsed.french()).containsExactly("merci");
    assertThat(parsed.smallTalkCues()).containsExactly("merci");
  }

  @Test
  void refusesAWordListedTwiceNamingTheLine() {
    assertThatThrownBy(() -> LanguageWords.parse(List.of("the en", "the stop"), "words.txt"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("words.txt line 2")
        .hasMessageContaining("listed twice");
  }

  @Test
  void refusesAWordWithoutAUseOrWithAnUnknownOne() {
    assertThatThrownBy(() -> LanguageWords.parse(List.of("the"), "words.txt"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one use");
    assertThatThrownBy(() -> LanguageWords.parse(List.of("the english"), "words.txt"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("unknown use 'english'");
  }

  @Test
  void refusesAWordNotInLowerCase() {
    assertThatThrownBy(() -> LanguageWords.parse(List.of("The en"), "words.txt"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lower case");
  }
}
