package io.elavira.ingest.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.llm.TokenCounter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBudgetTest {
  /** Counts one token per character and remembers every text it was asked to count. */
  private static final class RecordingCounter implements TokenCounter {
    final List<String> counted = new ArrayList<>();

    @Override
    public int count(String text) {
      counted.add(text);
      return text.length();
    }
  }

  @Test
  void aTextThatFitsIsCountedOnceAndItsTokensReturned() {
    RecordingCounter counter = new RecordingCounter();
    TokenBudget budget = new TokenBudget(counter);
    counter.counted.clear();

    assertThat(budget.tokensIfFits("abcdef", 6)).isEqualTo(6);
    assertThat(budget.fits("abcdef", 6)).isTrue();
    assertThat(counter.counted).containsExactly("abcdef", "abcdef");
  }

  @Test
  void aTextOverTheTokenBudgetDoesNotFit() {
    TokenBudget budget = new TokenBudget(new RecordingCounter());

    assertThat(budget.tokensIfFits("abcdefg", 6)).isEqualTo(-1);
    assertThat(budget.fits("abcdefg", 6)).isFalse();
  }

  @Test
  void aTextOverTheCharacterLimitIsRejectedWithoutBeingCounted() {
    RecordingCounter counter = new RecordingCounter();
    TokenCounter fewTokens =
        text -> {
          counter.count(text);
          return 1; // a tokenizer that makes one token of anything, e.g. WordPiece's [UNK]
        };
    TokenBudget budget = new TokenBudget(fewTokens);
    counter.counted.clear();
    String longText = "x".repeat((int) TokenBudget.maxChars(10) + 1);

    assertThat(budget.tokensIfFits(longText, 10)).isEqualTo(-1);
    assertThat(budget.tokensIfFits("x".repeat((int) TokenBudget.maxChars(10)), 10)).isEqualTo(1);
    assertThat(counter.counted).hasSize(1);
  }

  @Test
  void theCharacterLimitFollowsTheBudgetAboveAFloorThatKeepsUrlsWhole() {
    assertThat(TokenBudget.maxChars(1)).isEqualTo(TokenBudget.MIN_MAX_CHARS);
    assertThat(TokenBudget.maxChars(500)).isEqualTo(500L * TokenBudget.MAX_CHARS_PER_TOKEN);
    assertThat(TokenBudget.maxChars(Integer.MAX_VALUE))
        .isEqualTo((long) Integer.MAX_VALUE * TokenBudget.MAX_CHARS_PER_TOKEN);
  }

  @Test
  void theUsualSeparatorsAreCountedOnceWhenTheBudgetIsMadeAndOthersWhenAsked() {
    RecordingCounter counter = new RecordingCounter();
    TokenBudget budget = new TokenBudget(counter);
    List<String> atCreation = List.copyOf(counter.counted);
    counter.counted.clear();

    assertThat(atCreation).containsExactlyInAnyOrder("\n\n", "\n", " ");
    assertThat(budget.separatorTokens("\n\n")).isEqualTo(2);
    assertThat(budget.separatorTokens(" ")).isEqualTo(1);
    assertThat(budget.separatorTokens("")).isZero();
    assertThat(counter.counted).isEmpty();
    assertThat(budget.separatorTokens(" | ")).isEqualTo(3);
    assertThat(counter.counted).containsExactly(" | ");
  }
}
