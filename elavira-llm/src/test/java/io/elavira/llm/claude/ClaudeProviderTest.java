package io.elavira.llm.claude;

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
import io.elavira.llm.JsonSchema;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.LlmProviderContract;
import io.elavira.llm.stub.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claude's Messages API against WireMock, replaying the 13 SSE streams Anthropic's SDK records
 * (../shared/data/specs/anthropic-sse, read in place).
 */
class ClaudeProviderTest extends LlmProviderContract {
  private static final String MODEL = "claude-sonnet-4-5";
  private static final String KEY = "sk-ant-api03-Abcdefghijklmnopqrstuvwxyz012345";
  private WireMockServer server;
  private Path fixtures;

  @BeforeEach
  void start() {
    String shared = System.getProperty("elavira.shared.dir");
    Path dir = shared == null ? null : Path.of(shared, "data", "specs", "anthropic-sse");
    Assumptions.assumeTrue(
        dir != null && Files.isDirectory(dir),
        "the recorded Anthropic streams are absent (elavira.shared.dir=" + shared + ")");
    fixtures = dir;
    server = new WireMockServer(options().dynamicPort().gzipDisabled(true));
    server.start();
    server.stubFor(
        post(urlEqualTo("/v1/messages"))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(json(200, message("Hello there!"))));
    stubStream("basic_response.txt", 0);
    server.stubFor(
        get(urlEqualTo("/v1/models"))
            .willReturn(
                json(
                    200,
                    "{\"data\":[{\"type\":\"model\",\"id\":\"claude-sonnet-4-5\",\"display_name\":"
                        + "\"Claude Sonnet 4.5\",\"created_at\":\"2025-09-29T00:00:00Z\"},{\"type\":"
                        + "\"model\",\"id\":\"claude-opus-4-7\",\"display_name\":\"Claude Opus\","
                        + "\"created_at\":\"2026-01-01T00:00:00Z\"}],\"has_more\":false,"
                        + "\"first_id\":\"claude-sonnet-4-5\",\"last_id\":\"claude-opus-4-7\"}")));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Override
  protected LlmProvider createProvider() {
    return builder().build();
  }

  @Override
  protected LlmProvider createUnreachableProvider() {
    return ClaudeProvider.builder()
        .baseUrl("http://127.0.0.1:" + Ports.closedPort())
        .model(MODEL)
        .apiKey(KEY)
        .retryBackoff(Duration.ofMillis(1))
        .build();
  }

  @Override
  protected String expectedText() {
    return "Hello there!";
  }

  private ClaudeProvider.Builder builder() {
    return ClaudeProvider.builder()
        .baseUrl(server.baseUrl())
        .model(MODEL)
        .apiKey(KEY)
        .retryBackoff(Duration.ofMillis(1));
  }

  private static ChatRequest question() {
    return ChatRequest.of(
        List.of(
            ChatMessage.system("Be brief."),
            ChatMessage.system("Be kind."),
            ChatMessage.user("Hi, my PIN is 4321")));
  }

  @Test
  void sendsTheSystemPromptTopLevelWithTheKeyAndVersionHeaders() {
    try (ClaudeProvider p = builder().build()) {
      p.chat(question());
    }
    server.verify(
        postRequestedFor(urlEqualTo("/v1/messages"))
            .withHeader("x-api-key", equalTo(KEY))
            .withHeader("anthropic-version", equalTo("2023-06-01"))
            .withRequestBody(matchingJsonPath("$.system", equalTo("Be brief.\n\nBe kind.")))
            .withRequestBody(matchingJsonPath("$.messages[0].role", equalTo("user")))
            .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("1024")))
            .withRequestBody(matchingJsonPath("$.model", equalTo(MODEL))));
  }

  @Test
  void readsTheBasicStreamWithPingAndTheReplacedOutputCount() {
    List<String> tokens = new ArrayList<>();
    try (ClaudeProvider p = builder().build()) {
      ChatResponse r = p.stream(question(), tokens::add, new Cancellation());
      assertThat(tokens).containsExactly("Hello", " there", "!");
      assertThat(r.model()).isEqualTo("claude-3-opus-latest");
      assertThat(r.usage().inputTokens()).isEqualTo(11);
      assertThat(r.usage().outputTokens()).isEqualTo(6);
      assertThat(r.finishReason()).isEqualTo("end_turn");
    }
  }

  @Test
  void readsEveryRecordedStream() {
    expectStream(
        "tool_use_response.txt",
        "I'll check the current weather in Paris for you.",
        "tool_use",
        377,
        65,
        null);
    expectStream("refusal_response.txt", "", "refusal", -1, -1, null);
    expectStream("compaction_response.txt", "Hello there!", "end_turn", 30, 8, null);
    expectStream("fallback_response.txt", "Hello there!", "end_turn", 25, 8, "claude-sonnet-4-5");
    expectStream("fallback_credit_response.txt", "Hello there!", "end_turn", -1, 8, null);
    expectStream(
        "incomplete_partial_json_response.txt",
        "I'll create a comprehensive tax guide for someone with multiple W2s and save it in a file"
            + " called taxes.txt. Let me do that for you now.",
        "max_tokens",
        450,
        124,
        null);
    expectStream("non-main-commits/missing_usage_response.txt", "hi", "end_turn", 11, 1, null);
    expectStream("non-main-commits/extra_fields_response.txt", null, "end_turn", -1, -1, null);
    expectStream("non-main-commits/server_tool_use_response.txt", null, "end_turn", -1, -1, null);
    expectStream(
        "non-main-commits/server_tool_result_response.txt", null, "tool_use", -1, -1, null);
    expectStream(
        "non-main-commits/tool_use_invalid_json_response.txt", null, "tool_use", -1, -1, null);
  }

  @Test
  void aStreamWithAnOutOfOrderBlockStillEndsAtMessageStop() throws IOException {
    // out_of_order_response.txt: a block 1 with no block 0, then message_stop; no text is made up
    stubStream("non-main-commits/out_of_order_response.txt", 1);
    try (ClaudeProvider p = builder().build()) {
      ChatResponse r = p.stream(question(), t -> {}, new Cancellation());
      assertThat(r.text()).isEmpty();
    }
  }

  private void expectStream(
      String fixture,
      @Nullable String text,
      String stop,
      int input,
      int output,
      @Nullable String model) {
    stubStream(fixture, 1);
    List<String> tokens = new ArrayList<>();
    try (ClaudeProvider p = builder().build()) {
      ChatResponse r = p.stream(question(), tokens::add, new Cancellation());
      if (text != null) {
        assertThat(r.text()).as(fixture).isEqualTo(text);
      }
      assertThat(String.join("", tokens)).as(fixture).isEqualTo(r.text());
      assertThat(r.finishReason()).as(fixture).isEqualTo(stop);
      if (input >= 0) {
        assertThat(r.usage().inputTokens()).as(fixture).isEqualTo(input);
      }
      if (output >= 0) {
        assertThat(r.usage().outputTokens()).as(fixture).isEqualTo(output);
      }
      if (model != null) {
        assertThat(r.model()).as(fixture).isEqualTo(model);
      }
    }
  }

  @Test
  void anErrorEventMidStreamIsStreamInterrupted() throws IOException {
    String basic = read("basic_response.txt");
    String cut = basic.substring(0, basic.indexOf("event: content_block_stop"));
    stubRaw(
        cut
            + "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\","
            + " \"message\": \"Overloaded\"}}\n\n");
    List<String> tokens = new ArrayList<>();
    try (ClaudeProvider p = builder().build()) {
      assertThatThrownBy(() -> p.stream(question(), tokens::add, new Cancellation()))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.STREAM_INTERRUPTED);
                assertThat(e.getMessage()).contains("overloaded_error", "mid-stream");
              });
    }
    assertThat(tokens).containsExactly("Hello", " there", "!");
  }

  @Test
  void aStreamCutInsideAnEventIsABrokenStreamNotACrash() throws IOException {
    String basic = read("basic_response.txt");
    stubRaw(basic.substring(0, basic.indexOf("event: content_block_stop")) + "data: {\"type\"");
    try (ClaudeProvider p = builder().build()) {
      assertThatThrownBy(() -> p.stream(question(), t -> {}, new Cancellation()))
          .isInstanceOfSatisfying(
              LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.STREAM_INTERRUPTED));
    }
  }

  @Test
  void anOverloadedErrorEventBeforeAnyTextIsOverloaded() {
    stubRaw(
        "event: error\ndata: {\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\","
            + " \"message\": \"Overloaded\"}}\n\n");
    try (ClaudeProvider p = builder().build()) {
      assertThatThrownBy(() -> p.stream(question(), t -> {}, new Cancellation()))
          .isInstanceOfSatisfying(
              LlmException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OVERLOADED));
    }
  }

  @Test
  void mapsTheDocumentedHttpErrors() {
    expect(529, "overloaded_error", "Overloaded", Kind.OVERLOADED);
    expect(401, "authentication_error", "invalid x-api-key", Kind.AUTHENTICATION);
    expect(403, "permission_error", "Your API key does not have permission", Kind.AUTHENTICATION);
    expect(404, "not_found_error", "model: claude-x", Kind.MODEL_NOT_FOUND);
    expect(
        400,
        "invalid_request_error",
        "prompt is too long: 210000 tokens > 200000 maximum",
        Kind.CONTEXT_TOO_LONG);
    expect(400, "invalid_request_error", "messages: roles must alternate", Kind.INVALID_REQUEST);
    expect(
        429,
        "rate_limit_error",
        "Number of request tokens has exceeded your rate limit",
        Kind.RATE_LIMITED);
    expect(500, "api_error", "An unexpected error has occurred", Kind.UNAVAILABLE);
  }

  private void expect(int status, String type, String message, Kind kind) {
    server.stubFor(
        post(urlEqualTo("/v1/messages"))
            .atPriority(1)
            .willReturn(
                json(
                    status,
                    "{\"type\":\"error\",\"error\":{\"type\":\""
                        + type
                        + "\",\"message\":\""
                        + message
                        + "\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}")));
    try (ClaudeProvider p = builder().maxRetries(0).build()) {
      assertThatThrownBy(() -> p.chat(question()))
          .as("HTTP %d %s", status, type)
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(kind);
                assertThat(e.provider()).isEqualTo("claude");
                assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("4321");
              });
    }
  }

  @Test
  void saysItTakesNoJsonSchemaBeforeAnyCall() {
    ChatRequest r =
        ChatRequest.builder(question().messages())
            .jsonSchema(new JsonSchema("x", "{\"type\":\"object\"}"))
            .build();
    try (ClaudeProvider p = builder().build()) {
      assertThatThrownBy(() -> p.chat(r))
          .isInstanceOfSatisfying(
              LlmException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST);
                assertThat(e.getMessage()).contains("JSON schema");
              });
    }
    server.verify(0, postRequestedFor(urlEqualTo("/v1/messages")));
  }

  @Test
  void theKeyGoesToAnthropicOnlyAndNeverShows() {
    assertThatThrownBy(() -> ClaudeProvider.builder().model(MODEL).environment(n -> null).build())
        .hasMessageContaining("ANTHROPIC_API_KEY");
    try (ClaudeProvider p =
        ClaudeProvider.builder()
            .baseUrl(server.baseUrl())
            .model(MODEL)
            .environment(n -> KEY)
            .build()) {
      p.chat(question());
      assertThat(p.toString()).doesNotContain(KEY);
    }
    server.verify(
        postRequestedFor(urlEqualTo("/v1/messages"))
            .withHeader("x-api-key", com.github.tomakehurst.wiremock.client.WireMock.absent()));
  }

  @Test
  void listsTheModels() {
    try (ClaudeProvider p = builder().build()) {
      assertThat(p.models()).containsExactly("claude-opus-4-7", "claude-sonnet-4-5");
    }
  }

  private void stubStream(String fixture, int priority) {
    try {
      String body = read(fixture);
      server.stubFor(
          post(urlEqualTo("/v1/messages"))
              .atPriority(priority == 0 ? 5 : priority)
              .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
              .willReturn(sse(body)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void stubRaw(String body) {
    server.stubFor(
        post(urlEqualTo("/v1/messages"))
            .atPriority(1)
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(sse(body)));
  }

  /**
   * A recorded stream as the server sends it: upstream replays the files line by line, so the last
   * event ends with its line break even where the file has none.
   */
  private String read(String fixture) throws IOException {
    String body = Files.readString(fixtures.resolve(fixture), StandardCharsets.UTF_8);
    return body.endsWith("\n\n") ? body : body.endsWith("\n") ? body + "\n" : body + "\n\n";
  }

  private static String message(String text) {
    return "{\"id\":\"msg_013Zva2CMHLNnXjNJJKqJ2EF\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\",\"text\":\""
        + text
        + "\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":"
        + "2095,\"output_tokens\":503}}";
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder sse(String body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/event-stream")
        .withBody(body);
  }
}
