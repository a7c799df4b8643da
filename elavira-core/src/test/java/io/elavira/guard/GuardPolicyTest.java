package io.elavira.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.llm.TokenCounter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuardPolicyTest {

  @Test
  void defaultsAreTheNamedConstantsAndGuardsAreOn() {
    GuardPolicy p = GuardPolicy.defaults();

    assertThat(p.maxQuestionChars()).isEqualTo(GuardPolicy.DEFAULT_MAX_QUESTION_CHARS);
    assertThat(p.maxQuestionTokens()).isEqualTo(GuardPolicy.DEFAULT_MAX_QUESTION_TOKENS);
    assertThat(p.maxConversationMessages())
        .isEqualTo(GuardPolicy.DEFAULT_MAX_CONVERSATION_MESSAGES);
    assertThat(p.maxRetrievedChunks()).isEqualTo(GuardPolicy.DEFAULT_MAX_RETRIEVED_CHUNKS);
    assertThat(p.maxContextTokens()).isEqualTo(GuardPolicy.DEFAULT_MAX_CONTEXT_TOKENS);
    assertThat(p.modelCallTimeout()).isEqualTo(GuardPolicy.DEFAULT_MODEL_CALL_TIMEOUT);
    assertThat(p.turnTimeout()).isEqualTo(GuardPolicy.DEFAULT_TURN_TIMEOUT);
    assertThat(p.questionInjection()).isEqualTo(InjectionAction.BLOCK);
    assertThat(p.passageInjection()).isEqualTo(InjectionAction.FLAG);
  }

  @Test
  void aQuestionOfTheLongestDefaultLengthInProseFitsTheDefaultTokenLimit() {
    String sentence = "Quels sont les frais de résiliation du contrat d'abonnement, et pourquoi ? ";
    String question =
        sentence
            .repeat(GuardPolicy.DEFAULT_MAX_QUESTION_CHARS / sentence.length() + 1)
            .substring(0, GuardPolicy.DEFAULT_MAX_QUESTION_CHARS);

    assertThat(TokenCounter.estimating().count(question))
        .isLessThanOrEqualTo(GuardPolicy.DEFAULT_MAX_QUESTION_TOKENS);
  }

  @Test
  void toBuilderKeepsWhatIsNotSetAgain() {
    GuardPolicy base =
        GuardPolicy.builder().maxQuestionChars(100).questionInjection(InjectionAction.FLAG).build();

    GuardPolicy derived = base.toBuilder().turnTimeout(Duration.ofSeconds(5)).build();

    assertThat(derived.maxQuestionChars()).isEqualTo(100);
    assertThat(derived.questionInjection()).isEqualTo(InjectionAction.FLAG);
    assertThat(derived.turnTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(base.turnTimeout()).isEqualTo(GuardPolicy.DEFAULT_TURN_TIMEOUT);
    assertThat(derived).isNotEqualTo(base);
    assertThat(base.toBuilder().build()).isEqualTo(base).hasSameHashCodeAs(base);
  }

  @Test
  void refusesInvalidValuesNamingTheOption() {
    assertThatThrownBy(() -> GuardPolicy.builder().maxQuestionTokens(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxQuestionTokens(0)");
    assertThatThrownBy(() -> GuardPolicy.builder().maxConversationMessages(1))
        .hasMessageContaining("maxConversationMessages");
    assertThatThrownBy(() -> GuardPolicy.builder().modelCallTimeout(Duration.ZERO))
        .hasMessageContaining("modelCallTimeout");
  }

  @Test
  void refusesAnOptionSetTwice() {
    assertThatThrownBy(() -> GuardPolicy.builder().maxContextTokens(10).maxContextTokens(20))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxContextTokens was already set to 10");
  }

  @Test
  void limitExceptionsNameTheLimitAndItsSetting() {
    LimitExceededException e =
        new LimitExceededException("question is 5012 characters", "maxQuestionChars", "4000");

    assertThat(e)
        .isInstanceOf(InputRejectedException.class)
        .hasMessage(
            "question is 5012 characters; limit maxQuestionChars=4000"
                + " (GuardPolicy.maxQuestionChars)");
    assertThat(e.limit()).isEqualTo("maxQuestionChars");
    assertThat(e.setting()).isEqualTo("4000");
  }
}
