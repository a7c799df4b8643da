package io.elavira.llm.mistral;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
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
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
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

/** Mistral's OpenAI-like chat API against WireMock stubs. */
class MistralProviderTest extends LlmProviderContract {
  private static final String MODEL = "mistral-small-latest";
  private static final String KEY = "mistral-0123456789abcdefABCDEF";
  private static final String TEXT = "Bonjour, tout va bien.";
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
            .willReturn(sse(stream(MODEL, "Bonjour,", " tout va", " bien."))));
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                json(
                    200,
                    "{\"object\":\"list\",\"data\":[{\"id\":\"mistral-small-latest\","
                        + "\"object\":\"model\",\"owned_by\":\"mistralai\"}]}")));
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
    return MistralProvider.builder()
        .baseUrl("http://127.0.0.1:" + Ports.closedPort() + "/v1")
        .model(MODEL)
        .retryBackoff(Duration.ofMillis(1))
        .build();
  }

  @Override
  protected String expectedText() {
    return TEXT;
  }

  private MistralProvider.Builder builder() {
    return MistralProvider.builder()
        .baseUrl(server.baseUrl() + "/v1")
        .model(MODEL)
        .apiKey(KEY)
        .retryBackoff(Duration.ofMillis(1));
  }

  @Test
  void sendsSafePromptAndTheSeedAsRandomSeed() {
    try (MistralProvider p = builder().safePrompt(true).build()) {
      p.chat(
          ChatRequest.builder(List.of(ChatMessage.user("Salut")))
              .seed(1234)
              .maxOutputTokens(20)
              .jsonSchema(new JsonSchema("greeting", "{\"type\":\"object\"}"))
              .build());
    }
    server.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withRequestBody(matchingJsonPath("$.safe_prompt", equalTo("true")))
            .withRequestBody(matchingJsonPath("$.random_seed", equalTo("1234")))
            .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("20")))
            .withRequestBody(
                matchingJsonPath("$.response_format.json_schema.name", equalTo("greeting")))
            .withRequestBody(notContaining("stream_options")));
  }

  @Test
  void streamsTheDataOnlySseInOrderWithTheUsage() {
    List<String> tokens = new ArrayList<>();
    try (MistralProvider p = builder().build()) {
      var r =
          p.stream(
              ChatRequest.of(List.of(ChatMessage.user("Salut"))), tokens::add, new Cancellation());
      assertThat(tokens).containsExactly("Bonjour,", " tout va", " bien.");
      assertThat(r.usage().inputTokens()).isEqualTo(19);
    }
  }

  @Test
  void aBadKeyIsAuthenticationAndTheKeyNeverShows() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .atPriority(1)
            .willReturn(json(401, "{\"message\":\"Unauthorized\",\"request_id\":\"7f3c\"}")));
    try (MistralProvider p = builder().build()) {
      assertThatThrownBy(() -> p.chat(ChatRequest.of(List.of(ChatMessage.user("Salut")))))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                assertThat(e.provider()).isEqualTo("mistral");
                assertThat(e.getMessage()).doesNotContain(KEY);
              });
      assertThat(p.toString()).doesNotContain(KEY);
    }
  }

  @Test
  void needsAKeyForMistralsOwnApi() {
    assertThatThrownBy(() -> MistralProvider.builder().model(MODEL).environment(n -> null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("MISTRAL_API_KEY");
  }
}
