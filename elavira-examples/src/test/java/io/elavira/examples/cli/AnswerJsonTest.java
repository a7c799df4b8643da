package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.Answer;
import io.elavira.AnswerMode;
import io.elavira.agent.Route;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.LlmException;
import io.elavira.llm.TokenUsage;
import io.elavira.llm.WorkerAnswer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Answer.Builder generated() {
    return Answer.builder()
        .text("Avant le 31 mai.")
        .mode(AnswerMode.GENERATED)
        .sources(List.of())
        .provider("llamacpp")
        .model("tiny")
        .usage(TokenUsage.NONE)
        .latency(Duration.ofMillis(12))
        .conversationId("c1")
        .traceId("t1")
        .attempts(List.of());
  }

  @Test
  void showsTheRouteAndEveryWorkersPartOfAConsensus() throws Exception {
    Answer answer =
        generated()
            .route(
                new Route(
                    "impots",
                    true,
                    Route.Chain.LOCAL,
                    List.of("named by the request", "needs docs")))
            .consensus(
                new ConsensusOutcome(
                    "majority",
                    List.of(
                        WorkerAnswer.answered(
                            "llamacpp",
                            "a",
                            "Avant le 31 mai.",
                            Duration.ofMillis(40),
                            TokenUsage.NONE),
                        WorkerAnswer.failed(
                            "ollama",
                            "b",
                            LlmException.Kind.TIMEOUT,
                            Duration.ofMillis(500),
                            "timed out")),
                    null,
                    Duration.ofMillis(510)))
            .build();

    JsonNode json = JSON.readTree(JSON.writeValueAsString(AnswerJson.of(answer)));

    assertThat(json.get("route").get("agent").asText()).isEqualTo("impots");
    assertThat(json.get("route").get("retrieval").asBoolean()).isTrue();
    assertThat(json.get("route").get("chain").asText()).isEqualTo("LOCAL");
    assertThat(json.get("route").get("reasons")).hasSize(2);
    JsonNode consensus = json.get("consensus");
    assertThat(consensus.get("strategy").asText()).isEqualTo("majority");
    assertThat(consensus.get("ms").asLong()).isEqualTo(510);
    assertThat(consensus.get("workers").get(0).get("answer").asText())
        .isEqualTo("Avant le 31 mai.");
    assertThat(consensus.get("workers").get(1).get("outcome").asText()).isEqualTo("FAILED");
    assertThat(consensus.get("workers").get(1).get("kind").asText()).isEqualTo("TIMEOUT");
    assertThat(consensus.get("workers").get(1).get("answer").isNull()).isTrue();
  }

  @Test
  void leavesRouteAndConsensusOutWhenTheAnswerHasNone() throws Exception {
    JsonNode json = JSON.readTree(JSON.writeValueAsString(AnswerJson.of(generated().build())));

    assertThat(json.has("route")).isFalse();
    assertThat(json.has("consensus")).isFalse();
    assertThat(json.get("reason").isNull()).isTrue();
  }
}
