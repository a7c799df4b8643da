package io.elavira.llm.fallback;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.elavira.llm.stub.ChatCompletionsStubs.completion;
import static io.elavira.llm.stub.ChatCompletionsStubs.error;
import static io.elavira.llm.stub.ChatCompletionsStubs.json;
import static io.elavira.llm.stub.ChatCompletionsStubs.sse;
import static io.elavira.llm.stub.ChatCompletionsStubs.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.elavira.agent.AgentConfigException;
import io.elavira.agent.AgentSpec;
import io.elavira.agent.ConsensusSpec;
import io.elavira.agent.ProviderSpec;
import io.elavira.agent.RetrievalSpec;
import io.elavira.llm.Attempt;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.WorkerAnswer;
import io.elavira.llm.consensus.ConsensusProvider;
import io.elavira.llm.consensus.ConsensusStrategy;
import io.elavira.retrieval.RetrievalMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Agent configurations made into real HTTP providers (llama.cpp servers, OpenAI-compatible bodies)
 * in front of WireMock: chains fall back, consensus answers with its strategy.
 */
class LlmAgentComponentsTest {
  private static final String CHAT = "/v1/chat/completions";
  private WireMockServer first;
  private WireMockServer second;
  private final LlmAgentComponents components = LlmAgentComponents.builder().build();

  @BeforeEach
  void start() {
    first = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    second = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    first.start();
    second.start();
  }

  @AfterEach
  void stop() {
    first.stop();
    second.stop();
  }

  private static ProviderSpec llamacpp(WireMockServer server, String model) {
    return new ProviderSpec("llamacpp", model, server.baseUrl(), null, false);
  }

  /** Answers {@code text} to requests for {@code model}, whole or streamed (consensus workers). */
  private static void answers(WireMockServer server, String model, String text) {
    server.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(json(200, completion(model, text))));
    server.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(sse(stream(model, text))));
  }

  private static ChatResponse ask(LlmProvider llm) {
    return llm.chat(ChatRequest.of(List.of(ChatMessage.user("What is the capital of France?"))));
  }

  @Test
  void aTwoProviderChainFallsBackToTheSecondWhenTheFirstIsDown() {
    first.stubFor(
        post(urlEqualTo(CHAT)).willReturn(json(503, error("server_error", "Loading model", null))));
    answers(second, "backup", "Paris, from the backup.");

    try (LlmProvider llm =
        components.llm(List.of(llamacpp(first, "main"), llamacpp(second, "backup")), null)) {
      ChatResponse response = ask(llm);

      assertThat(llm).isInstanceOf(FallbackProvider.class);
      assertThat(response.text()).isEqualTo("Paris, from the backup.");
      assertThat(response.attempts())
          .extracting(Attempt::outcome)
          .containsExactly(Attempt.Outcome.FAILED, Attempt.Outcome.ANSWERED);
    }
    // In a chain the next provider is the retry: the dead one was asked once.
    first.verify(1, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void aSingleProviderIsUsedAsItIsAndNoProviderMeansNoModel() {
    answers(first, "main", "Paris.");

    try (LlmProvider llm = components.llm(List.of(llamacpp(first, "main")), null)) {
      assertThat(llm).isNotInstanceOf(FallbackProvider.class);
      assertThat(ask(llm).text()).isEqualTo("Paris.");
    }
    assertThat(components.llm(List.of(), null)).isNull();
  }

  @Test
  void aMajorityConsensusAnswersWhatMostWorkersSaid() {
    answers(first, "a", "Paris.");
    answers(first, "b", "paris");
    answers(second, "c", "Lyon.");
    ConsensusSpec spec =
        new ConsensusSpec(
            "majority",
            List.of(llamacpp(first, "a"), llamacpp(first, "b"), llamacpp(second, "c")),
            null);

    try (LlmProvider llm = components.llm(List.of(), spec)) {
      ChatResponse response = ask(llm);

      assertThat(llm).isInstanceOf(ConsensusProvider.class);
      assertThat(((ConsensusProvider) llm).strategy()).isEqualTo(ConsensusStrategy.MAJORITY);
      assertThat(response.text()).isIn("Paris.", "paris");
      assertThat(response.workerAnswers()).hasSize(3);
    }
  }

  @Test
  void aMergerConsensusHasItsMergerWriteTheAnswerFromTheWorkersAnswers() {
    answers(first, "a", "Paris is the capital.");
    answers(second, "b", "The capital is Paris.");
    answers(second, "merger", "Paris (both workers agree).");
    ConsensusSpec spec =
        new ConsensusSpec(
            "merger",
            List.of(llamacpp(first, "a"), llamacpp(second, "b")),
            llamacpp(second, "merger"));

    try (LlmProvider llm = components.llm(List.of(), spec)) {
      assertThat(ask(llm).text()).isEqualTo("Paris (both workers agree).");
    }
    second.verify(
        postRequestedFor(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.model", equalTo("merger")))
            .withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing(
                    "Paris is the capital.")));
  }

  @Test
  void aWorkerSlowerThanTheConfiguredTimeoutIsLeftOut() {
    answers(first, "a", "Paris.");
    answers(first, "b", "Paris.");
    second.stubFor(
        post(urlEqualTo(CHAT)).willReturn(sse(stream("slow", "Lyon.")).withFixedDelay(5_000)));
    ConsensusSpec spec =
        new ConsensusSpec(
            "majority",
            List.of(llamacpp(first, "a"), llamacpp(first, "b"), llamacpp(second, "slow")),
            null,
            Duration.ofSeconds(1));

    try (LlmProvider llm = components.llm(List.of(), spec)) {
      ChatResponse response = ask(llm);

      assertThat(response.text()).isEqualTo("Paris.");
      assertThat(response.workerAnswers())
          .filteredOn(w -> w.outcome() == Attempt.Outcome.FAILED)
          .extracting(WorkerAnswer::model)
          .containsExactly("slow");
    }
  }

  @Test
  void theConsensusComesFirstThenTheChainFallsBackToTheProviders() {
    first.stubFor(
        post(urlEqualTo(CHAT)).willReturn(json(503, error("server_error", "down", null))));
    answers(second, "backup", "Paris, from the backup.");
    ConsensusSpec spec = new ConsensusSpec("majority", List.of(llamacpp(first, "a")), null);

    try (LlmProvider llm = components.llm(List.of(llamacpp(second, "backup")), spec)) {
      ChatResponse response = ask(llm);

      assertThat(response.text()).isEqualTo("Paris, from the backup.");
      assertThat(response.attempts()).extracting(Attempt::provider).contains("consensus");
    }
  }

  @Test
  void checkRefusesAMergerStrategyWithoutMergerAndUnknownProvidersNamingTheAgent() {
    AgentSpec noMerger =
        AgentSpec.builder("panel")
            .consensus(new ConsensusSpec("merger", List.of(llamacpp(first, "a")), null))
            .build();
    AgentSpec unknown = AgentSpec.builder("odd").provider(ProviderSpec.of("gemini", null)).build();
    AgentSpec badStrategy =
        AgentSpec.builder("vote")
            .consensus(new ConsensusSpec("unanimous", List.of(llamacpp(first, "a")), null))
            .build();

    assertThatThrownBy(() -> components.check(noMerger))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("agent 'panel'")
        .hasMessageContaining("consensus.merger");
    assertThatThrownBy(() -> components.check(unknown))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("agent 'odd'")
        .hasMessageContaining("gemini");
    assertThatThrownBy(() -> components.check(badStrategy))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("unanimous")
        .hasMessageContaining("best_of");
  }

  @Test
  void lexicalRetrievalNeedsAnIndexFactory() {
    AgentSpec lexical =
        AgentSpec.builder("words")
            .retrieval(new RetrievalSpec(5, 0.2, RetrievalMode.LEXICAL))
            .build();

    assertThatThrownBy(() -> components.check(lexical))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("lexical index");
    LlmAgentComponents withIndex =
        LlmAgentComponents.builder()
            .lexicalIndexes(
                id -> {
                  throw new UnsupportedOperationException("not opened by check");
                })
            .build();
    withIndex.check(lexical);
    assertThat(components.lexicalIndex("words")).isNull();
  }

  @Test
  void providersReadTheirKeyFromTheConfiguredEnvironmentVariable() {
    first.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer test-key-from-env"))
            .willReturn(json(200, completion("gpt", "Paris."))));
    LlmAgentComponents withEnv =
        LlmAgentComponents.builder()
            .environment(Map.of("MY_OPENAI_KEY", "test-key-from-env")::get)
            .build();
    ProviderSpec openai =
        new ProviderSpec("openai", "gpt", first.baseUrl() + "/v1", "MY_OPENAI_KEY", true);

    try (LlmProvider llm = withEnv.llm(List.of(openai), null)) {
      assertThat(ask(llm).text()).isEqualTo("Paris.");
    }
  }

  @Test
  void theBuilderRejectsAnOptionSetTwiceAndANonPositiveTimeout() {
    LlmAgentComponents.Builder b =
        LlmAgentComponents.builder().workerTimeout(Duration.ofSeconds(5));

    assertThatThrownBy(() -> b.workerTimeout(Duration.ofSeconds(6)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> LlmAgentComponents.builder().workerTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
