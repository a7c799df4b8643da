package io.elavira.llm.consensus;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.elavira.llm.stub.ChatCompletionsStubs.completion;
import static io.elavira.llm.stub.ChatCompletionsStubs.json;
import static io.elavira.llm.stub.ChatCompletionsStubs.sse;
import static io.elavira.llm.stub.ChatCompletionsStubs.stream;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderContract;
import io.elavira.llm.WorkerAnswer;
import io.elavira.llm.openai.OpenAiProvider;
import io.elavira.llm.stub.Ports;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consensus over real OpenAI-compatible providers: two workers and a merger, each at its own
 * path of one WireMock server whose bodies follow the Chat Completions API.
 */
class ConsensusProviderContractTest extends LlmProviderContract {
  private static final String TEXT = "Bonjour ! Je vais bien.";
  private WireMockServer server;

  @BeforeEach
  void startStubServer() {
    server = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    server.start();
    stub("w1", 0, "Ça va", " bien.");
    stub("w2", 0, "Oui,", " ça va.");
    stub("slow", 3000, "Trop", " tard.");
    stub("m", 0, "Bonjour !", " Je vais", " bien.");
  }

  private void stub(String path, int delayMs, String... pieces) {
    String chat = "/" + path + "/v1/chat/completions";
    server.stubFor(
        post(urlEqualTo(chat))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(
                json(200, completion(path, String.join("", pieces))).withFixedDelay(delayMs)));
    server.stubFor(
        post(urlEqualTo(chat))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(sse(stream(path, pieces)).withFixedDelay(delayMs)));
    server.stubFor(
        get(urlEqualTo("/" + path + "/v1/models"))
            .willReturn(json(200, "{\"object\":\"list\",\"data\":[]}")));
  }

  @AfterEach
  void stopStubServer() {
    server.stop();
  }

  private static OpenAiProvider openAi(String name, String baseUrl) {
    return OpenAiProvider.builder()
        .name(name)
        .baseUrl(baseUrl)
        .model(name + "-model")
        .maxRetries(0)
        .build();
  }

  @Override
  protected LlmProvider createProvider() {
    return ConsensusProvider.builder()
        .worker(openAi("w1", server.baseUrl() + "/w1/v1"))
        .worker(openAi("w2", server.baseUrl() + "/w2/v1"))
        .merger(openAi("m", server.baseUrl() + "/m/v1"))
        .closeProviders(true)
        .build();
  }

  @Override
  protected LlmProvider createUnreachableProvider() {
    String closed = "http://127.0.0.1:" + Ports.closedPort() + "/v1";
    return ConsensusProvider.builder()
        .worker(openAi("w1", closed))
        .worker(openAi("w2", closed))
        .merger(openAi("m", closed))
        .closeProviders(true)
        .build();
  }

  @Override
  protected String expectedText() {
    return TEXT;
  }

  @Test
  void aWorkerBehindASlowServerIsCutAtItsTimeoutAndTheOthersAnswer() {
    try (ConsensusProvider consensus =
        ConsensusProvider.builder()
            .worker(openAi("w1", server.baseUrl() + "/w1/v1"))
            .worker(openAi("slow", server.baseUrl() + "/slow/v1"))
            .merger(openAi("m", server.baseUrl() + "/m/v1"))
            .workerTimeout(Duration.ofMillis(500))
            .closeProviders(true)
            .build()) {
      ChatResponse r = consensus.chat(ChatRequest.of(List.of(ChatMessage.user("Ça va ?"))));

      // One worker answered: its answer is the consensus, the merger is not asked.
      assertThat(r.text()).isEqualTo("Ça va bien.");
      assertThat(r.workerAnswers())
          .extracting(WorkerAnswer::provider, WorkerAnswer::kind)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("w1", null),
              org.assertj.core.groups.Tuple.tuple("slow", Kind.TIMEOUT));
      assertThat(r.workerAnswers().get(1).latency()).isLessThan(Duration.ofMillis(2500));
    }
  }
}
