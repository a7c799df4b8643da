package io.elavira.llm.ollama;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.JsonSchema;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ollama's thinking, structured output, options, key, models and retries (api.md shapes). */
class OllamaFeaturesTest {
  private static final String MODEL = "deepseek-r1";
  private static final String KEY = "ollama-key-0123456789abcdef";
  private WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private OllamaProvider.Builder builder() {
    return OllamaProvider.builder()
        .baseUrl(server.baseUrl())
        .model(MODEL)
        .retryBackoff(Duration.ofMillis(1));
  }

  private static ChatRequest question() {
    return ChatRequest.of(List.of(ChatMessage.user("Combien font 2 + 2 ?")));
  }

  @Test
  void keepsTheModelsThinkingApartFromTheAnswer() {
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.think", equalTo("true")))
            .willReturn(
                json(
                    200,
                    "{\"model\":\"deepseek-r1\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"4\",\"thinking\":\"2 plus 2 is 4.\"},\"done\":true,"
                        + "\"done_reason\":\"stop\",\"prompt_eval_count\":9,\"eval_count\":12}")));
    try (OllamaProvider p = builder().think(true).build()) {
      ChatResponse r = p.chat(question());
      assertThat(r.text()).isEqualTo("4");
      assertThat(r.thinking()).isEqualTo("2 plus 2 is 4.");
    }
  }

  @Test
  void aStreamNeverHandsTheThinkingToTheListener() {
    String body =
        line("", "Let me add.")
            + line("", " It is 4.")
            + line("4", null)
            + line(" !", null)
            + "{\"model\":\"deepseek-r1\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
            + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":9,\"eval_count\":12}\n";
    server.stubFor(post(urlEqualTo("/api/chat")).willReturn(ndjson(body)));
    List<String> tokens = new ArrayList<>();
    try (OllamaProvider p = builder().think(true).build()) {
      ChatResponse r = p.stream(question(), tokens::add, new Cancellation());
      assertThat(tokens).containsExactly("4", " !");
      assertThat(r.text()).isEqualTo("4 !");
      assertThat(r.thinking()).isEqualTo("Let me add. It is 4.");
    }
  }

  @Test
  void sendsTheSchemaAsFormatAndReturnsTheParsedJson() {
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.format.type", equalTo("object")))
            .willReturn(
                json(
                    200,
                    "{\"model\":\"deepseek-r1\",\"message\":{\"role\":\"assistant\",\"content\":"
                        + "\"{\\\"sum\\\": 4}\"},\"done\":true,\"prompt_eval_count\":9,"
                        + "\"eval_count\":5}")));
    ChatRequest request =
        ChatRequest.builder(question().messages())
            .jsonSchema(
                new JsonSchema(
                    "sum", "{\"type\":\"object\",\"properties\":{\"sum\":{\"type\":\"integer\"}}}"))
            .build();
    try (OllamaProvider p = builder().build()) {
      ChatResponse r = p.chat(request);
      assertThat(r.json()).isEqualTo("{\"sum\": 4}");
    }
  }

  @Test
  void sendsEveryDocumentedOption() {
    server.stubFor(post(urlEqualTo("/api/chat")).willReturn(json(200, done())));
    ChatRequest request =
        ChatRequest.builder(question().messages())
            .seed(7)
            .stopSequences(List.of("\n\n"))
            .maxOutputTokens(32)
            .temperature(0.0)
            .build();
    try (OllamaProvider p = builder().numCtx(4096).keepAlive(Duration.ofMinutes(5)).build()) {
      p.chat(request);
    }
    server.verify(
        postRequestedFor(urlEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.options.num_ctx", equalTo("4096")))
            .withRequestBody(matchingJsonPath("$.options.seed", equalTo("7")))
            .withRequestBody(matchingJsonPath("$.options.num_predict", equalTo("32")))
            .withRequestBody(matchingJsonPath("$.options.temperature", equalTo("0.0")))
            .withRequestBody(matchingJsonPath("$.options.stop[0]", equalTo("\n\n")))
            .withRequestBody(matchingJsonPath("$.keep_alive", equalTo("300s"))));
  }

  @Test
  void sendsTheBearerKeyAndNeverShowsIt() {
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .willReturn(json(401, "{\"error\":\"unauthorized: key " + KEY + " is revoked\"}")));
    try (OllamaProvider p = builder().apiKey(KEY).build()) {
      assertThatThrownBy(() -> p.chat(question()))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                assertThat(e.isRetriable()).isFalse();
                assertThat(e.getMessage()).contains("401").doesNotContain(KEY);
              });
      assertThat(p.toString()).doesNotContain(KEY);
    }
    server.verify(
        postRequestedFor(urlEqualTo("/api/chat"))
            .withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void listsThePulledModels() {
    server.stubFor(
        get(urlEqualTo("/api/tags"))
            .willReturn(
                json(
                    200,
                    "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\"},"
                        + "{\"name\":\"deepseek-r1:latest\",\"model\":\"deepseek-r1:latest\"}]}")));
    try (OllamaProvider p = builder().build()) {
      assertThat(p.models()).containsExactly("deepseek-r1:latest", "llama3.2:latest");
      assertThat(p.health().available()).isTrue();
    }
    server.verify(2, getRequestedFor(urlEqualTo("/api/tags")));
  }

  @Test
  void retriesABusyServerAndThenAnswers() {
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .inScenario("busy")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(json(503, "{\"error\":\"server busy, please try again.\"}"))
            .willSetStateTo("ready"));
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .inScenario("busy")
            .whenScenarioStateIs("ready")
            .willReturn(json(200, done())));
    try (OllamaProvider p = builder().build()) {
      assertThat(p.chat(question()).text()).isEqualTo("4");
    }
    server.verify(2, postRequestedFor(urlEqualTo("/api/chat")));
  }

  @Test
  void honoursRetryAfterThenAnswers() {
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .inScenario("limited")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                json(429, "{\"error\":\"too many requests\"}").withHeader("Retry-After", "1"))
            .willSetStateTo("ok"));
    server.stubFor(
        post(urlEqualTo("/api/chat"))
            .inScenario("limited")
            .whenScenarioStateIs("ok")
            .willReturn(json(200, done())));
    try (OllamaProvider p = builder().build()) {
      long start = System.nanoTime();
      assertThat(p.chat(question()).text()).isEqualTo("4");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
    }
  }

  @Test
  void doesNotRetryARequestTheServerRejected() {
    server.stubFor(
        post(urlEqualTo("/api/chat")).willReturn(json(400, "{\"error\":\"invalid options\"}")));
    try (OllamaProvider p = builder().build()) {
      assertThatThrownBy(() -> p.chat(question())).isInstanceOf(LlmException.class);
    }
    server.verify(1, postRequestedFor(urlEqualTo("/api/chat")));
  }

  @Test
  void readsOllamaHostAsItsCliDoes() {
    assertThat(OllamaEnvironment.hostUrl("0.0.0.0")).isEqualTo("http://127.0.0.1:11434");
    assertThat(OllamaEnvironment.hostUrl("example.org:8000")).isEqualTo("http://example.org:8000");
    assertThat(OllamaEnvironment.hostUrl("https://ollama.com"))
        .isEqualTo("https://ollama.com:11434");
  }

  private static String done() {
    return "{\"model\":\"deepseek-r1\",\"message\":{\"role\":\"assistant\",\"content\":\"4\"},"
        + "\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":9,\"eval_count\":1}";
  }

  private static String line(String content, @Nullable String thinking) {
    return "{\"model\":\"deepseek-r1\",\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\""
        + (thinking == null ? "" : ",\"thinking\":\"" + thinking + "\"")
        + "},\"done\":false}\n";
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder ndjson(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/x-ndjson")
        .withBody(body);
  }
}
