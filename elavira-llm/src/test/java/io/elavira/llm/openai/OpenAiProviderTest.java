package io.elavira.llm.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.elavira.llm.stub.ChatCompletionsStubs.chunk;
import static io.elavira.llm.stub.ChatCompletionsStubs.completion;
import static io.elavira.llm.stub.ChatCompletionsStubs.error;
import static io.elavira.llm.stub.ChatCompletionsStubs.json;
import static io.elavira.llm.stub.ChatCompletionsStubs.sse;
import static io.elavira.llm.stub.ChatCompletionsStubs.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI's Chat Completions against WireMock stubs shaped as openapi.yaml says. */
class OpenAiProviderTest extends LlmProviderContract {
  private static final String MODEL = "gpt-4o-mini";
  private static final String KEY = "sk-proj-Abcdefghijklmnop0123456789";
  private static final String TEXT = "Bonjour ! Je vais bien.";
  private static final String PROMPT = "Mon mot de passe est tournesol";
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
            .willReturn(sse(stream(MODEL, "Bonjour", " !", " Je vais", " bien."))));
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                json(
                    200,
                    "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
                        + "\"created\":1686935002,\"owned_by\":\"openai\"},{\"id\":\"gpt-4o\","
                        + "\"object\":\"model\",\"created\":1686935002,\"owned_by\":\"openai\"}]}")));
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
    return OpenAiProvider.builder()
        .baseUrl("http://127.0.0.1:" + Ports.closedPort() + "/v1")
        .model(MODEL)
        .apiKey(KEY)
        .retryBackoff(Duration.ofMillis(1))
        .build();
  }

  @Override
  protected String expectedText() {
    return TEXT;
  }

  private OpenAiProvider.Builder builder() {
    return OpenAiProvider.builder()
        .baseUrl(server.baseUrl() + "/v1")
        .model(MODEL)
        .apiKey(KEY)
        .retryBackoff(Duration.ofMillis(1));
  }

  private static ChatRequest request() {
    return ChatRequest.of(List.of(ChatMessage.system("Sois bref."), ChatMessage.user(PROMPT)));
  }

  @Test
  void sendsTheDocumentedRequestWithTheKeyAndHeaders() {
    try (OpenAiProvider p = builder().organization("org-1").project("proj_2").build()) {
      p.chat(
          ChatRequest.builder(request().messages())
              .temperature(0.3)
              .maxOutputTokens(50)
              .seed(11)
              .stopSequences(List.of("FIN"))
              .build());
    }
    server.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("OpenAI-Organization", equalTo("org-1"))
            .withHeader("OpenAI-Project", equalTo("proj_2"))
            .withRequestBody(matchingJsonPath("$.model", equalTo(MODEL)))
            .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
            .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo(PROMPT)))
            .withRequestBody(matchingJsonPath("$.temperature", equalTo("0.3")))
            .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("50")))
            .withRequestBody(matchingJsonPath("$.seed", equalTo("11")))
            .withRequestBody(matchingJsonPath("$.stop[0]", equalTo("FIN"))));
  }

  @Test
  void streamsInOrderAndAsksForTheUsage() {
    List<String> tokens = new ArrayList<>();
    try (OpenAiProvider p = builder().build()) {
      ChatResponse r = p.stream(request(), tokens::add, new Cancellation());
      assertThat(tokens).containsExactly("Bonjour", " !", " Je vais", " bien.");
      assertThat(r.usage().inputTokens()).isEqualTo(19);
      assertThat(r.usage().outputTokens()).isEqualTo(4);
      assertThat(r.finishReason()).isEqualTo("stop");
      assertThat(r.model()).isEqualTo(MODEL);
    }
    server.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.stream_options.include_usage", equalTo("true"))));
  }

  @Test
  void reportsTheUsageOfAPlainAnswer() {
    try (OpenAiProvider p = builder().build()) {
      ChatResponse r = p.chat(request());
      assertThat(r.usage().inputTokens()).isEqualTo(19);
      assertThat(r.usage().outputTokens()).isEqualTo(10);
      assertThat(r.finishReason()).isEqualTo("stop");
    }
  }

  @Test
  void sendsAJsonSchemaAsResponseFormatAndReturnsTheJson() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.response_format.type", equalTo("json_schema")))
            .withRequestBody(
                matchingJsonPath("$.response_format.json_schema.name", equalTo("city")))
            .withRequestBody(
                matchingJsonPath("$.response_format.json_schema.schema.type", equalTo("object")))
            .willReturn(json(200, completion(MODEL, "{\\\"city\\\":\\\"Lyon\\\"}"))));
    ChatRequest r =
        ChatRequest.builder(request().messages())
            .jsonSchema(new JsonSchema("city", "{\"type\":\"object\"}"))
            .build();
    try (OpenAiProvider p = builder().build()) {
      assertThat(p.chat(r).json()).isEqualTo("{\"city\":\"Lyon\"}");
    }
  }

  @Test
  void mapsEveryErrorClassOfTheApi() {
    expect(
        401,
        error("invalid_request_error", "Incorrect API key provided: " + KEY, "invalid_api_key"),
        Kind.AUTHENTICATION);
    expect(403, error("permission_error", "Not allowed", null), Kind.AUTHENTICATION);
    expect(
        400,
        error("invalid_request_error", "Invalid value for temperature", null),
        Kind.INVALID_REQUEST);
    expect(
        400,
        error(
            "invalid_request_error",
            "This model's maximum context length is 128000 tokens.",
            "context_length_exceeded"),
        Kind.CONTEXT_TOO_LONG);
    expect(
        404,
        error("invalid_request_error", "The model `gpt-5x` does not exist", "model_not_found"),
        Kind.MODEL_NOT_FOUND);
    expect(500, error("server_error", "The server had an error", null), Kind.UNAVAILABLE);
    expect(503, error("server_error", "The engine is currently overloaded", null), Kind.OVERLOADED);
  }

  private void expect(int status, String body, Kind kind) {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions")).atPriority(1).willReturn(json(status, body)));
    try (OpenAiProvider p = builder().maxRetries(0).build()) {
      assertThatThrownBy(() -> p.chat(request()))
          .as("HTTP %d", status)
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(kind);
                assertThat(e.provider()).isEqualTo("openai");
                assertThat(e.getMessage())
                    .contains("HTTP " + status)
                    .contains(MODEL)
                    .doesNotContain(KEY)
                    .doesNotContain("tournesol");
              });
    }
  }

  @Test
  void aRateLimitCarriesRetryAfterAndIsRetriedWhenShort() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .atPriority(1)
            .willReturn(
                json(
                        429,
                        error("requests", "Rate limit reached for requests", "rate_limit_exceeded"))
                    .withHeader("retry-after", "20")));
    try (OpenAiProvider p = builder().build()) {
      assertThatThrownBy(() -> p.chat(request()))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
              });
    }
    // 20 s is above maxRetryAfter (10 s): failed at once for a fallback chain to move on.
    server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void retryAfterMsIsHonouredBeforeTryingAgain() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .atPriority(1)
            .willReturn(
                json(429, error("tokens", "Rate limit reached for tokens", "rate_limit_exceeded"))
                    .withHeader("retry-after-ms", "50")));
    try (OpenAiProvider p = builder().maxRetries(2).build()) {
      assertThatThrownBy(() -> p.chat(request())).isInstanceOf(LlmException.class);
    }
    server.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void aSlowServerTimesOut() {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .atPriority(1)
            .willReturn(json(200, completion(MODEL, TEXT)).withFixedDelay(2000)));
    try (OpenAiProvider p = builder().requestTimeout(Duration.ofMillis(200)).build()) {
      assertThatThrownBy(() -> p.chat(request()))
          .isInstanceOfSatisfying(
              LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
    }
  }

  @Test
  void anErrorEventMidStreamIsStreamInterrupted() {
    stubStream(
        sse(
            chunk(MODEL, "Bon")
                + chunk(MODEL, "jour")
                + "data: {\"error\":{\"message\":\"The server had an error while processing your "
                + "request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"));
    List<String> tokens = new ArrayList<>();
    try (OpenAiProvider p = builder().build()) {
      assertThatThrownBy(() -> p.stream(request(), tokens::add, new Cancellation()))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.STREAM_INTERRUPTED);
                assertThat(e.getMessage()).contains("mid-stream", "server had an error");
              });
    }
    assertThat(tokens).containsExactly("Bon", "jour");
  }

  @Test
  void aStreamCutBeforeDoneIsStreamInterrupted() {
    stubStream(sse(chunk(MODEL, "Bon") + chunk(MODEL, "jour")));
    try (OpenAiProvider p = builder().build()) {
      assertThatThrownBy(() -> p.stream(request(), t -> {}, new Cancellation()))
          .isInstanceOfSatisfying(
              LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.STREAM_INTERRUPTED));
    }
  }

  @Test
  void aConnectionResetBeforeAnyTokenIsUnavailableAndRetried() {
    stubStream(
        com.github.tomakehurst.wiremock.client.WireMock.aResponse()
            .withFault(Fault.CONNECTION_RESET_BY_PEER));
    try (OpenAiProvider p = builder().build()) {
      assertThatThrownBy(() -> p.stream(request(), t -> {}, new Cancellation()))
          .isInstanceOfSatisfying(
              LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    }
    server.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
  }

  @Test
  void cancellingFromAnotherThreadClosesTheStream() throws Exception {
    stubStream(
        sse(stream(MODEL, "un", " deux", " trois", " quatre", " cinq", " six"))
            .withChunkedDribbleDelay(8, 8000));
    List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
    Cancellation cancellation = new Cancellation();
    try (OpenAiProvider p = builder().build()) {
      java.util.concurrent.CompletableFuture<ChatResponse> running =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () ->
                  p.stream(
                      request(),
                      t -> {
                        tokens.add(t);
                        first.countDown();
                      },
                      cancellation));
      assertThat(first.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      cancellation.cancel();
      assertThatThrownBy(() -> running.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .as("the HTTP stream is closed, not read to its end")
          .isLessThan(Duration.ofSeconds(4));
      assertThat(tokens).hasSizeLessThan(6);
    }
  }

  @Test
  void theEnvironmentKeyGoesToOpenAiOnlyNeverToAnotherHost() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", KEY);
    try (OpenAiProvider p =
        OpenAiProvider.builder()
            .name("vllm")
            .baseUrl(server.baseUrl() + "/v1")
            .model(MODEL)
            .environment(env::get)
            .build()) {
      p.chat(request());
      assertThat(p.name()).isEqualTo("vllm");
    }
    server.verify(
        postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization", absent()));
    assertThatThrownBy(() -> OpenAiProvider.builder().model(MODEL).environment(n -> null).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void neverShowsTheKey() {
    try (OpenAiProvider p = builder().build()) {
      assertThat(p.toString()).doesNotContain(KEY);
      assertThat(p.health().detail()).doesNotContain(KEY);
    }
  }

  @Test
  void listsTheModels() {
    try (OpenAiProvider p = builder().build()) {
      assertThat(p.models()).containsExactly("gpt-4o", "gpt-4o-mini");
    }
  }

  private void stubStream(ResponseDefinitionBuilder response) {
    server.stubFor(
        post(urlEqualTo("/v1/chat/completions"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(response));
  }
}
