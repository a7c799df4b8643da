package io.elavira.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * A WireMock server speaking llama.cpp's server API as its README describes it: {@code GET
 * /health}, {@code GET /v1/models}, {@code POST /v1/chat/completions} (whole or SSE ending with
 * {@code data: [DONE]}). Also answers as any OpenAI-compatible server (LM Studio, vLLM) under
 * {@code /v1}. Binds 127.0.0.1 on a free port.
 */
final class LlamaCppStub implements AutoCloseable {

  /** The model file the server says it serves. */
  static final String MODEL = "qwen2.5-0.5b-instruct-q4_k_m.gguf";

  /** The whole answer. */
  static final String GENERATED = "Bake the sourdough loaf at 230 degrees [1].";

  private final WireMockServer server;

  private LlamaCppStub(WireMockServer server) {
    this.server = server;
  }

  static LlamaCppStub start() {
    return start(GENERATED);
  }

  /** A server whose answer (whole or streamed) is {@code answer}, a plain sentence. */
  static LlamaCppStub start(String answer) {
    WireMockServer server =
        new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true));
    server.start();
    server.stubFor(get(urlPathEqualTo("/health")).willReturn(json("{\"status\":\"ok\"}")));
    server.stubFor(
        get(urlPathEqualTo("/v1/models"))
            .willReturn(
                json(
                    "{\"object\":\"list\",\"data\":[{\"id\":\""
                        + MODEL
                        + "\",\"object\":\"model\",\"created\":1735142223,"
                        + "\"owned_by\":\"llamacpp\",\"meta\":{\"vocab_type\":2,"
                        + "\"n_vocab\":151936,\"n_ctx_train\":32768,\"n_embd\":896}}]}")));
    server.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(json(completion(answer))));
    server.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(stream(answer))));
    return new LlamaCppStub(server);
  }

  /** The server's address, by IP (it listens on 127.0.0.1 only). */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  WireMockServer server() {
    return server;
  }

  @Override
  public void close() {
    server.stop();
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String completion(String answer) {
    return "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion\","
        + "\"created\":1741570283,\"model\":\""
        + MODEL
        + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + answer
        + "\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":10,\"total_tokens\":29}}";
  }

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1694268190,\"model\":\""
        + MODEL
        + "\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + finish
        + "}]}\n\n";
  }

  /** The answer streamed in two pieces, split after its first half's last space. */
  private static String stream(String answer) {
    int split = answer.lastIndexOf(' ', answer.length() / 2) + 1;
    return chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")
        + chunk("{\"content\":\"" + answer.substring(0, split) + "\"}", "null")
        + chunk("{\"content\":\"" + answer.substring(split) + "\"}", "null")
        + chunk("{}", "\"stop\"")
        + "data: [DONE]\n\n";
  }
}
