package io.elavira.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCounterTest {
  private final TokenCounter estimating = TokenCounter.estimating();

  @Test
  void countsNothingInEmptyOrBlankText() {
    assertThat(estimating.count("")).isZero();
    assertThat(estimating.count("  \n\t ")).isZero();
  }

  @Test
  void countsEachPunctuationMarkAsAToken() {
    assertThat(estimating.count("a, b.")).isEqualTo(4);
  }

  @Test
  void countsLongFrenchWordsAsSeveralTokensSoFrenchBudgetsAreNotUnderestimated() {
    // WordPiece splits this word of 25 letters into many pieces; one token per started group of
    // three letters after the first keeps the estimate above that.
    assertThat(estimating.count("anticonstitutionnellement")).isEqualTo(9);
    assertThat(estimating.count("l'été dernier, à Montréal")).isEqualTo(11);
  }

  @Test
  void countsShortWordsAsOneToken() {
    assertThat(estimating.count("the cat sat on a mat")).isEqualTo(6);
  }
}
