package io.elavira.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.elavira.llm.ollama.OllamaProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A WireMock server speaking Ollama's /api/tags, /api/version and /api/chat, with bodies shaped as
 * in Ollama's API documentation (/work/shared/data/specs). Binds 127.0.0.1 on a free port.
 */
final class OllamaStub implements AutoCloseable {

  /** The whole answer the stub generates, streamed or not. */
  static final String GENERATED = "Fix the puncture with a patch after roughening the rubber [1].";

  /** The first token of the streamed answer. */
  static final String FIRST_TOKEN = "Fix the puncture ";

  /** Lines without text between the first token and the rest of a slow answer. */
  static final int SLOW_EMPTY_LINES = 60;

  /** GET /api/tags: the models installed, as Ollama lists them. */
  private static final String TAGS =
      """
      {"models":[{"name":"llama3.2:latest","model":"llama3.2:latest",
        "modified_at":"2025-05-04T17:37:44.706015396-07:00","size":2019393189,
        "digest":"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
        "details":{"parent_model":"","format":"gguf","family":"llama","families":["llama"],
          "parameter_size":"3.2B","quantization_level":"Q4_K_M"}}]}""";

  private final WireMockServer server;

  private OllamaStub(WireMockServer server) {
    this.server = server;
  }

  /**
   * Starts the stub and serves one request, so that the CLI's 300 ms health check is not slowed.
   */
  static OllamaStub start() {
    // Without gzip, as Ollama answers: WireMock would otherwise compress the NDJSON stream (OkHttp
    // asks for gzip) and hold it back until the end.
    WireMockServer server =
        new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true));
    server.start();
    OllamaStub stub = new OllamaStub(server);
    server.stubFor(get(urlPathEqualTo("/api/tags")).atPriority(5).willReturn(json(TAGS)));
    server.stubFor(
        get(urlPathEqualTo("/api/version")).willReturn(json("{\"version\":\"0.12.6\"}")));
    server.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withBody("Ollama is running")));
    // Streaming chat (the default): NDJSON, one token per line, then the final statistics.
    server.stubFor(
        post(urlPathEqualTo("/api/chat"))
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-ndjson")
                    .withBody(streamedBody())));
    // Non-streaming chat.
    server.stubFor(
        post(urlPathEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .atPriority(1)
            .willReturn(json(done(GENERATED).strip())));
    // The CLI gives Ollama 300 ms to answer its health check; the first check in a fresh JVM (the
    // stub's first request, OkHttp's classes) can take longer than that, so run one before.
    try (OllamaProvider warmUp =
        OllamaProvider.builder()
            .baseUrl(stub.baseUrl())
            .model(LlmOptions.DEFAULT_MODEL)
            .healthTimeout(Duration.ofSeconds(30))
            .build()) {
      warmUp.health();
    }
    return stub;
  }

  /**
   * Streams the answer to a question containing {@code fragment} slowly: one NDJSON line every
   * {@code interval} (WireMock sends a chunk, then waits), the first token first, then {@value
   * #SLOW_EMPTY_LINES} lines with no text, then the rest of the answer.
   */
  void streamSlowlyWhenAsked(String fragment, Duration interval) {
    List<String> lines = new ArrayList<>();
    lines.add(chunk(FIRST_TOKEN));
    for (int i = 0; i < SLOW_EMPTY_LINES; i++) {
      lines.add(chunk(""));
    }
    lines.add(chunk("with a patch after roughening "));
    lines.add(chunk("the rubber [1]."));
    lines.add(done(""));
    // WireMock cuts the body into chunks of equal size: pad every line to the same length (JSON
    // allows the spaces), so that each chunk is exactly one line.
    int width = lines.stream().mapToInt(String::length).max().orElseThrow();
    StringBuilder body = new StringBuilder();
    for (String line : lines) {
      body.append(line.strip()).append(" ".repeat(width - line.length())).append('\n');
    }
    server.stubFor(
        post(urlPathEqualTo("/api/chat"))
            .withRequestBody(containing(fragment))
            .atPriority(3)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-ndjson")
                    .withBody(body.toString())
                    .withChunkedDribbleDelay(
                        lines.size(), (int) interval.multipliedBy(lines.size()).toMillis())));
  }

  /** Answers GET /api/tags, the health check, only after {@code delay}. */
  void answerHealthChecksAfter(Duration delay) {
    server.stubFor(
        get(urlPathEqualTo("/api/tags"))
            .atPriority(1)
            .willReturn(json(TAGS).withFixedDelay((int) delay.toMillis())));
  }

  WireMockServer server() {
    return server;
  }

  /** The stub's URL, by address: it listens on 127.0.0.1 only, and "localhost" may be ::1 first. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.stop();
  }

  private static String streamedBody() {
    return chunk(FIRST_TOKEN)
        + chunk("with a patch after roughening ")
        + chunk("the rubber [1].")
        + done("");
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String chunk(String token) {
    return "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-04T08:52:19.385406455Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + token
        + "\"},\"done\":false}\n";
  }

  private static String done(String content) {
    return "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-04T19:22:45.499127Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\"},"
        + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":4883583458,"
        + "\"load_duration\":1334875,\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000,"
        + "\"eval_count\":12,\"eval_duration\":4535599000}\n";
  }
}
