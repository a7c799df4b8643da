package io.elavira.llm.llamacpp;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.elavira.llm.stub.ChatCompletionsStubs.completion;
import static io.elavira.llm.stub.ChatCompletionsStubs.json;
import static io.elavira.llm.stub.ChatCompletionsStubs.sse;
import static io.elavira.llm.stub.ChatCompletionsStubs.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.JsonSchema;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderContract;
import io.elavira.llm.stub.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** llama.cpp's server against WireMock stubs shaped as its README says. */
class LlamaCppProviderTest extends LlmProviderContract {
  private static final String MODEL = "qwen2.5-0.5b-instruct-q4_k_m.gguf";
  private static final String TEXT = "Salut ! Ça va très bien.";
  private static final String LOADING =
      "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}";
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    server.start();
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(json(200, completion(MODEL, TEXT))));
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(sse(stream(MODEL, "Salut !", " Ça va", " très bien."))));
    server.stubFor(get(urlEqualTo("/health")).willReturn(json(200, "{\"status\":\"ok\"}")));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Override
  protected LlmProvider createProvider() {
    return builder().build();
  }

  @Override
  protected LlmProvider createUnreachableProvider() {
    return LlamaCppProvider.builder()
        .baseUrl("http://127.0.0.1:" + Ports.closedPort())
        .retryBackoff(Duration.ofMillis(1))
        .build();
  }

  @Override
  protected String expectedText() {
    return TEXT;
  }

  private LlamaCppProvider.Builder builder() {
    return LlamaCppProvider.builder().baseUrl(server.baseUrl()).retryBackoff(Duration.ofMillis(1));
  }

  private static ChatRequest question() {
    return ChatRequest.of(List.of(ChatMessage.user("Salut, ça va ?")));
  }

  @Test
  void isDownWhileTheModelLoadsAndSaysSo() {
    server.stubFor(get(urlEqualTo("/health")).willReturn(json(503, LOADING)));
    try (LlamaCppProvider p = builder().build()) {
      assertThat(p.health().available()).isFalse();
      assertThat(p.health().detail()).contains("loading");
    }
  }

  @Test
  void awaitReadyWaitsForTheModelToLoad() {
    server.stubFor(
        get(urlEqualTo("/health"))
            .inScenario("load")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(503, LOADING))
            .willSetStateTo("loaded"));
    server.stubFor(
        get(urlEqualTo("/health"))
            .inScenario("load")
            .whenScenarioStateIs("loaded")
            .willReturn(json(200, "{\"status\":\"ok\"}")));
    try (LlamaCppProvider p = builder().build()) {
      p.awaitReady(Duration.ofSeconds(10));
      assertThat(p.chat(question()).text()).isEqualTo(TEXT);
    }
  }

  @Test
  void awaitReadyFailsWithinItsBoundSayingTheModelIsStillLoading() {
    server.stubFor(get(urlEqualTo("/health")).willReturn(json(503, LOADING)));
    try (LlamaCppProvider p = builder().build()) {
      assertThatThrownBy(() -> p.awaitReady(Duration.ofMillis(300)))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                assertThat(e.getMessage()).contains("not ready after 300 ms", "loading");
              });
    }
  }

  @Test
  void aChatWhileLoadingIsOverloadedAfterItsRetries() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions")).atPriority(1).willReturn(json(503, LOADING)));
    try (LlamaCppProvider p = builder().build()) {
      assertThatThrownBy(() -> p.chat(question()))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.OVERLOADED);
                assertThat(e.getMessage()).contains("Loading model");
              });
    }
    server.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void sendsTheSchemaInlineAsItsReadmeShows() {
    ChatRequest r =
        ChatRequest.builder(question().messages())
            .jsonSchema(new JsonSchema("reply", "{\"type\":\"object\"}"))
            .seed(3)
            .build();
    try (LlamaCppProvider p = builder().build()) {
      p.chat(r);
    }
    server.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
            .withRequestBody(matchingJsonPath("$.response_format.schema.type", equalTo("object")))
            .withRequestBody(matchingJsonPath("$.seed", equalTo("3"))));
  }

  @Test
  void keepsReasoningContentApartFromTheAnswer() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(
                sse(
                    "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"Hmm.\"}}],"
                        + "\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n"
                        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Oui\"}}],"
                        + "\"model\":\"m\",\"object\":\"chat.completion.chunk\"}\n\n"
                        + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
                        + "\"stop\"}],\"model\":\"m\",\"object\":\"chat.completion.chunk\","
                        + "\"usage\":{\"completion_tokens\":2,\"prompt_tokens\":5,"
                        + "\"total_tokens\":7},\"timings\":{\"prompt_n\":5,\"predicted_n\":2}}\n\n"
                        + "data: [DONE]\n\n")));
    List<String> tokens = new ArrayList<>();
    try (LlamaCppProvider p = builder().build()) {
      ChatResponse r = p.stream(question(), tokens::add, new Cancellation());
      assertThat(tokens).containsExactly("Oui");
      assertThat(r.thinking()).isEqualTo("Hmm.");
      assertThat(r.usage().totalTokens()).isEqualTo(7);
    }
  }
}
