package io.elavira.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerAnswerTest {
  private static final WorkerAnswer ANSWERED =
      WorkerAnswer.answered(
          "ollama", "llama3.2", "secret answer", Duration.ofMillis(12), new TokenUsage(3, 4));
  private static final WorkerAnswer FAILED =
      WorkerAnswer.failed(
          "openai", "gpt", LlmException.Kind.TIMEOUT, Duration.ofMillis(50), "late");

  @Test
  void aResponseCarriesTheWorkersAnswersAndSurvivesToBuilder() {
    ChatResponse r =
        ChatResponse.builder("merged", "m", TokenUsage.NONE)
            .workerAnswers(List.of(ANSWERED, FAILED))
            .build();
    assertThat(r.workerAnswers()).containsExactly(ANSWERED, FAILED);
    assertThat(r.toBuilder().build()).isEqualTo(r);
    assertThat(ChatResponse.of("t", "m", TokenUsage.NONE, null).workerAnswers()).isEmpty();
    assertThat(r).isNotEqualTo(ChatResponse.builder("merged", "m", TokenUsage.NONE).build());
  }

  @Test
  void workerAnswersAreSetOnceOnAFreshBuilder() {
    ChatResponse.Builder b =
        ChatResponse.builder("t", "m", TokenUsage.NONE).workerAnswers(List.of(ANSWERED));
    assertThatThrownBy(() -> b.workerAnswers(List.of(FAILED)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aWorkerAnswerBecomesTheMatchingAttempt() {
    assertThat(ANSWERED.toAttempt())
        .isEqualTo(Attempt.answered("ollama", "llama3.2", Duration.ofMillis(12)));
    assertThat(FAILED.toAttempt())
        .isEqualTo(
            Attempt.failed("openai", "gpt", LlmException.Kind.TIMEOUT, Duration.ofMillis(50)));
    assertThat(ANSWERED.answered()).isTrue();
    assertThat(FAILED.answered()).isFalse();
  }

  @Test
  void neitherToStringPrintsTheAnswersText() {
    assertThat(ANSWERED.toString()).doesNotContain("secret").contains("ollama");
    assertThat(
            ChatResponse.builder("t", "m", TokenUsage.NONE)
                .workerAnswers(List.of(ANSWERED))
                .build()
                .toString())
        .doesNotContain("secret")
        .contains("workerAnswers");
  }

  @Test
  void rejectsIncoherentOutcomes() {
    assertThatThrownBy(
            () ->
                new WorkerAnswer(
                    "p",
                    "m",
                    Attempt.Outcome.ANSWERED,
                    null,
                    null,
                    Duration.ZERO,
                    TokenUsage.NONE,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new WorkerAnswer(
                    "p",
                    "m",
                    Attempt.Outcome.FAILED,
                    null,
                    null,
                    Duration.ZERO,
                    TokenUsage.NONE,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> WorkerAnswer.answered("p", "m", "t", Duration.ofMillis(-1), TokenUsage.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
