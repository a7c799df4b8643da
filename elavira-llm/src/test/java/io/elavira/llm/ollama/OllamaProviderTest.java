package io.elavira.llm.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderContract;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Ollama provider against WireMock stubs whose bodies follow Ollama's documented API
 * (../shared/data/specs/ollama: api.md, streaming.mdx, errors.mdx).
 */
class OllamaProviderTest extends LlmProviderContract {
  private static final String MODEL = "llama3.2";
  private static final String PROMPT = "Quel est mon numéro de sécurité sociale secret ?";
  private static final String TEXT = "Bonjour ! Je vais bien, merci.";
  private static final String NDJSON = "application/x-ndjson";

  private WireMockServer server;

  @BeforeEach
  void startStubServer() {
    // Without gzip, WireMock sends a dribbled body piece by piece, as Ollama streams.
    server = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    server.start();
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(json(200, chatResponse(TEXT))));
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(ndjson(streamOf("Bonjour", " !", " Je vais bien,", " merci."))));
    server.stubFor(get(urlEqualTo("/api/tags")).willReturn(json(200, TAGS)));
  }

  @AfterEach
  void stopStubServer() {
    server.stop();
  }

  @Override
  protected LlmProvider createProvider() {
    return builder().build();
  }

  @Override
  protected LlmProvider createUnreachableProvider() {
    return OllamaProvider.builder()
        .baseUrl("http://127.0.0.1:" + closedPort())
        .model(MODEL)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  @Override
  protected String expectedText() {
    return TEXT;
  }

  private OllamaProvider.Builder builder() {
    return OllamaProvider.builder()
        .baseUrl(server.baseUrl())
        .model(MODEL)
        .retryBackoff(Duration.ofMillis(1));
  }

  private static ChatRequest request() {
    return ChatRequest.of(List.of(ChatMessage.user(PROMPT)));
  }

  @Test
  void sendsTheDocumentedChatRequest() {
    try (OllamaProvider p =
        builder().temperature(0.2).maxOutputTokens(64).keepAlive(Duration.ofMinutes(10)).build()) {
      p.chat(ChatRequest.of(List.of(ChatMessage.system("Sois bref."), ChatMessage.user(PROMPT))));
    }
    server.verify(
        postRequestedFor(urlEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.model", equalTo(MODEL)))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("system")))
            .withRequestBody(matchingJsonPath("$.messages[1].role", equalTo("user")))
            .withRequestBody(matchingJsonPath("$.messages[1].content", equalTo(PROMPT)))
            .withRequestBody(matchingJsonPath("$.options.temperature", equalTo("0.2")))
            .withRequestBody(matchingJsonPath("$.options.num_predict", equalTo("64")))
            .withRequestBody(matchingJsonPath("$.keep_alive", equalTo("600s"))));
  }

  @Test
  void requestOptionsOverrideTheBuilderDefaults() {
    try (OllamaProvider p = builder().temperature(0.2).build()) {
      p.chat(ChatRequest.of(List.of(ChatMessage.user(PROMPT)), "mistral", 0.9, 10));
    }
    server.verify(
        postRequestedFor(urlEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("mistral")))
            .withRequestBody(matchingJsonPath("$.options.temperature", equalTo("0.9")))
            .withRequestBody(matchingJsonPath("$.options.num_predict", equalTo("10"))));
  }

  @Test
  void reportsTheModelUsageAndFinishReasonOfTheAnswer() {
    try (OllamaProvider p = builder().build()) {
      ChatResponse r = p.chat(request());
      assertThat(r.model()).isEqualTo(MODEL);
      assertThat(r.usage().inputTokens()).isEqualTo(26);
      assertThat(r.usage().outputTokens()).isEqualTo(298);
      assertThat(r.finishReason()).isEqualTo("stop");
      ChatResponse s = p.stream(request(), t -> {}, new Cancellation());
      assertThat(s.usage().inputTokens()).isEqualTo(26);
      assertThat(s.usage().outputTokens()).isEqualTo(282);
    }
  }

  @Test
  void aMidStreamErrorUnderHttp200IsStreamInterrupted() {
    stubStream(
        ndjson(
            chunk("Oui")
                + chunk(".")
                + "{\"error\":\"an error was encountered while running the model\"}\n"));
    List<String> tokens = new CopyOnWriteArrayList<>();
    assertFails(
        () -> streamInto(tokens),
        Kind.STREAM_INTERRUPTED,
        e -> assertThat(e.getMessage()).contains("an error was encountered"));
    assertThat(tokens).containsExactly("Oui", ".");
  }

  @Test
  void aStreamLineOverTheLimitFailsInsteadOfBeingBuffered() {
    String huge =
        "{\"message\":{\"role\":\"assistant\",\"content\":\""
            + "x".repeat(5000)
            + "\"},\"done\":false}\n";
    stubStream(ndjson(chunk("Oui") + huge + chunk(" non")));
    List<String> tokens = new CopyOnWriteArrayList<>();
    try (OllamaProvider p = builder().maxResponseBytes(1000).build()) {
      assertThatThrownBy(() -> p.stream(request(), tokens::add, new Cancellation()))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.STREAM_INTERRUPTED);
                assertThat(e.getMessage()).contains("longer than 1000 bytes", "maxResponseBytes");
              });
    }
    assertThat(tokens).containsExactly("Oui");
  }

  @Test
  void aChatAnswerOverTheLimitFailsInsteadOfBeingBuffered() {
    try (OllamaProvider p = builder().maxResponseBytes(100).build()) {
      assertThatThrownBy(() -> p.chat(request()))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                assertThat(e.getMessage()).contains("longer than 100 bytes");
              });
    }
  }

  @Test
  void readsTheLastStreamLineEvenWithoutALineFeed() {
    stubStream(
        ndjson(
            chunk("début")
                + "{\"model\":\""
                + MODEL
                + "\",\"message\":{\"role\":"
                + "\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}"));
    List<String> tokens = new CopyOnWriteArrayList<>();
    try (OllamaProvider p = builder().build()) {
      ChatResponse response = p.stream(request(), tokens::add, new Cancellation());
      assertThat(response.text()).isEqualTo("début");
      assertThat(response.finishReason()).isEqualTo("stop");
    }
    assertThat(tokens).containsExactly("début");
  }

  @Test
  void anErrorLineBeforeTheFirstTokenIsUnavailableNotInterrupted() {
    stubStream(ndjson("{\"error\":\"model requires more system memory than is available\"}\n"));
    List<String> tokens = new CopyOnWriteArrayList<>();
    assertFails(
        () -> streamInto(tokens),
        Kind.UNAVAILABLE,
        e -> assertThat(e.getMessage()).contains("more system memory"));
    assertThat(tokens).isEmpty();
  }

  @Test
  void neverShowsAPasswordWrittenInTheBaseUrl() {
    String url = "http://elavira:s3cret@127.0.0.1:" + closedPort();
    try (OllamaProvider p = OllamaProvider.builder().baseUrl(url).model(MODEL).build()) {
      assertFails(
          () -> p.chat(request()),
          Kind.UNAVAILABLE,
          e -> assertThat(e.getMessage()).contains("127.0.0.1").doesNotContain("s3cret"));
      assertThat(p.health().detail()).doesNotContain("s3cret");
      assertThat(p.toString()).doesNotContain("s3cret");
    }
  }

  @Test
  void neverShowsAPasswordWrittenInABaseUrlItRejects() {
    String badPort = "http://elavira:s3cret@127.0.0.1:99999";

    assertThatThrownBy(() -> OllamaProvider.builder().baseUrl(badPort))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("127.0.0.1:99999")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void anInterruptedCallerGetsCancelledAndKeepsItsInterruptStatus() {
    try (OllamaProvider p = builder().build()) {
      Thread.currentThread().interrupt();
      try {
        assertFails(() -> p.chat(request()), Kind.CANCELLED, e -> {});
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted();
      }
    }
  }

  @Test
  void aStreamThatEndsBeforeDoneIsStreamInterrupted() {
    stubStream(ndjson(chunk("Oui") + chunk(" et")));
    assertFails(() -> streamInto(new CopyOnWriteArrayList<>()), Kind.STREAM_INTERRUPTED, e -> {});
  }

  @Test
  void anUnknownModelIsModelNotFound() {
    stubChat(
        json(404, "{\"error\":\"model \\\"" + MODEL + "\\\" not found, try pulling it first\"}"));
    assertFails(
        () -> chat(builder()),
        Kind.MODEL_NOT_FOUND,
        e -> assertThat(e.getMessage()).contains(MODEL).contains("ollama pull"));
  }

  @Test
  void aBadRequestIsInvalidRequest() {
    stubChat(json(400, "{\"error\":\"missing request body\"}"));
    assertFails(() -> chat(builder()), Kind.INVALID_REQUEST, e -> {});
  }

  @Test
  void aRateLimitCarriesRetryAfter() {
    stubChat(json(429, "{\"error\":\"too many requests\"}").withHeader("Retry-After", "7"));
    assertFails(
        () -> chat(builder().maxRetries(0)),
        Kind.RATE_LIMITED,
        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
  }

  @Test
  void aServerErrorIsRetriableUnavailable() {
    stubChat(json(500, "{\"error\":\"the model failed to generate a response\"}"));
    assertFails(
        () -> chat(builder()),
        Kind.UNAVAILABLE,
        e -> assertThat(e.getMessage()).contains("HTTP 500").contains("failed to generate"));
  }

  @Test
  void aBusyServerIsOverloaded() {
    stubChat(json(503, "{\"error\":\"server busy, please try again.\"}"));
    assertFails(() -> chat(builder()), Kind.OVERLOADED, e -> {});
  }

  @Test
  void aSlowServerTimesOut() {
    stubChat(json(200, chatResponse(TEXT)).withFixedDelay(3000));
    assertFails(
        () -> chat(builder().requestTimeout(Duration.ofMillis(200))), Kind.TIMEOUT, e -> {});
  }

  @Test
  void aSlowStreamTimesOutBeforeTheFirstToken() {
    stubStream(ndjson(streamOf("a", "b")).withFixedDelay(3000));
    try (OllamaProvider p = builder().requestTimeout(Duration.ofMillis(200)).build()) {
      assertFails(() -> p.stream(request(), t -> {}, new Cancellation()), Kind.TIMEOUT, e -> {});
    }
  }

  @Test
  void aStreamThatStallsAfterItStartedIsStreamInterrupted() throws Exception {
    // WireMock delays every dribbled chunk alike, so a raw socket sends one line then stalls.
    CountDownLatch testDone = new CountDownLatch(1);
    try (ServerSocket stalling = new ServerSocket(0)) {
      CompletableFuture<Void> serving =
          CompletableFuture.runAsync(
              () -> {
                try (Socket socket = stalling.accept()) {
                  OutputStream out = socket.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: "
                              + NDJSON
                              + "\r\nConnection: close\r\n\r\n"
                              + chunk("Oui"))
                          .getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  testDone.await(10, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException e) {
                  // the test is over
                }
              });
      List<String> tokens = new CopyOnWriteArrayList<>();
      try (OllamaProvider p =
          OllamaProvider.builder()
              .baseUrl("http://127.0.0.1:" + stalling.getLocalPort())
              .model(MODEL)
              .requestTimeout(Duration.ofMillis(300))
              .build()) {
        assertFails(
            () -> p.stream(request(), tokens::add, new Cancellation()),
            Kind.STREAM_INTERRUPTED,
            e -> assertThat(e.getMessage()).contains("timed out"));
      } finally {
        testDone.countDown();
      }
      assertThat(tokens).containsExactly("Oui");
      serving.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void cancellingFromAnotherThreadStopsAWaitingStream() throws Exception {
    stubStream(
        ndjson(streamOf("un", " deux", " trois", " quatre", " cinq", " six"))
            .withChunkedDribbleDelay(6, 5000));
    List<String> tokens = new CopyOnWriteArrayList<>();
    CountDownLatch firstToken = new CountDownLatch(1);
    Cancellation cancellation = new Cancellation();
    try (OllamaProvider p = builder().build()) {
      CompletableFuture<ChatResponse> running =
          CompletableFuture.supplyAsync(
              () ->
                  p.stream(
                      request(),
                      t -> {
                        tokens.add(t);
                        firstToken.countDown();
                      },
                      cancellation));
      assertThat(firstToken.await(10, TimeUnit.SECONDS)).isTrue();
      cancellation.cancel();
      assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CANCELLED));
      assertThat(tokens).as("the stream stopped before its end").hasSizeLessThan(6);
    }
  }

  @Test
  void healthIsDownWhenTheModelIsNotPulled() {
    try (OllamaProvider p =
        OllamaProvider.builder().baseUrl(server.baseUrl()).model("qwen2.5").build()) {
      Health h = p.health();
      assertThat(h.available()).isFalse();
      assertThat(h.detail()).contains("ollama pull qwen2.5");
    }
  }

  @Test
  void healthIsDownOnAServerError() {
    server.stubFor(get(urlEqualTo("/api/tags")).willReturn(json(500, "{\"error\":\"boom\"}")));
    try (OllamaProvider p = builder().build()) {
      assertThat(p.health().available()).isFalse();
    }
  }

  @Test
  void healthGivesUpQuicklyOnASlowServer() {
    server.stubFor(get(urlEqualTo("/api/tags")).willReturn(json(200, TAGS).withFixedDelay(3000)));
    try (OllamaProvider p = builder().healthTimeout(Duration.ofMillis(200)).build()) {
      Health h = p.health();
      assertThat(h.available()).isFalse();
      assertThat(h.detail()).contains("timed out");
    }
  }

  @Test
  void refusesCallsAfterClose() {
    OllamaProvider p = builder().build();
    p.close();
    assertThatThrownBy(() -> p.chat(request())).isInstanceOf(IllegalStateException.class);
    assertThat(p.health().available()).isFalse();
  }

  @Test
  void rejectsInvalidSettingsAtOnce() {
    assertThatThrownBy(() -> OllamaProvider.builder().baseUrl("not a url"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a url");
    assertThatThrownBy(() -> OllamaProvider.builder().temperature(3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OllamaProvider.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OllamaProvider.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("model");
  }

  // --- helpers ---

  private void chat(OllamaProvider.Builder b) {
    try (OllamaProvider p = b.build()) {
      p.chat(request());
    }
  }

  private void streamInto(List<String> tokens) {
    try (OllamaProvider p = builder().build()) {
      p.stream(request(), tokens::add, new Cancellation());
    }
  }

  /** Asserts the kind, that no prompt text leaks into the message, and the extra checks. */
  private static void assertFails(ThrowingCallable call, Kind kind, Consumer<LlmException> more) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            LlmException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.provider()).isEqualTo("ollama");
              assertThat(e.getMessage()).contains(MODEL).doesNotContain("sécurité");
              more.accept(e);
            });
  }

  private void stubChat(ResponseDefinitionBuilder response) {
    server.stubFor(post(urlEqualTo("/api/chat")).atPriority(1).willReturn(response));
  }

  private void stubStream(ResponseDefinitionBuilder response) {
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(response));
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder ndjson(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", NDJSON).withBody(body);
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The non-streamed response of api.md "Chat request (No streaming)". */
  private static String chatResponse(String content) {
    return "{\"model\":\""
        + MODEL
        + "\",\"created_at\":\"2023-12-12T14:13:43.416799Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\"},"
        + "\"done_reason\":\"stop\",\"done\":true,\"total_duration\":5191566416,"
        + "\"load_duration\":2154458,\"prompt_eval_count\":26,\"prompt_eval_duration\":383809000,"
        + "\"eval_count\":298,\"eval_duration\":4799921000}";
  }

  /** One streamed line of api.md "Chat request (Streaming)". */
  private static String chunk(String content) {
    return "{\"model\":\""
        + MODEL
        + "\",\"created_at\":\"2023-08-04T08:52:19.385406455-07:00\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\",\"images\":null},"
        + "\"done\":false}\n";
  }

  /** Streamed lines, then the documented final line with the counters. */
  private static String streamOf(String... pieces) {
    StringBuilder sb = new StringBuilder();
    for (String piece : pieces) {
      sb.append(chunk(piece));
    }
    return sb.append(
            "{\"model\":\""
                + MODEL
                + "\",\"created_at\":\"2023-08-04T19:22:45.499127Z\","
                + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\","
                + "\"done\":true,\"total_duration\":4883583458,\"load_duration\":1334875,"
                + "\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000,\"eval_count\":282,"
                + "\"eval_duration\":4535599000}\n")
        .toString();
  }

  /** GET /api/tags as in api.md "List Local Models" (details trimmed). */
  private static final String TAGS =
      "{\"models\":[{\"name\":\"deepseek-r1:latest\",\"model\":\"deepseek-r1:latest\","
          + "\"modified_at\":\"2025-05-10T08:06:48.639712648-07:00\",\"size\":4683075271,"
          + "\"digest\":\"0a8c266910232fd3291e71e5ba1e058cc5af9d411192cf88b6d30e92b6e73163\","
          + "\"details\":{\"format\":\"gguf\",\"family\":\"qwen2\"}},"
          + "{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\","
          + "\"modified_at\":\"2025-05-04T17:37:44.706015396-07:00\",\"size\":2019393189,"
          + "\"digest\":\"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72\","
          + "\"details\":{\"format\":\"gguf\",\"family\":\"llama\"}}]}";
}
