package io.elavira.examples.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/chat} and {@code /api/chat/stream} with {@code "agent": ID} answer with that
 * configured agent's own system prompt and models (llama.cpp servers in WireMock answering with the
 * OpenAI-compatible bodies of /work/shared/data/specs/llama.cpp), and follow its configuration as
 * it is changed through {@code /api/agents}.
 */
class ConfiguredAgentChatTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String PIRATE = "You are Captain Hook. Answer like a pirate.";
  private static final String LIBRARIAN = "You are a librarian. Answer in a whisper.";

  @TempDir static Path home;
  private static ServerFixture server;
  private static WireMockServer llama;
  private static WireMockServer down;
  private static String admin;
  private static String alice;

  @BeforeAll
  static void start() {
    llama = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    down = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    llama.start();
    down.start();
    for (WireMockServer s : List.of(llama, down)) {
      s.stubFor(get(urlPathEqualTo("/health")).willReturn(json("{\"status\":\"ok\"}")));
    }
    answers(PIRATE, "Arr, the treasure be buried.");
    answers(LIBRARIAN, "Shh, the book is on shelf three.");
    down.stubFor(
        post(urlPathEqualTo(CHAT))
            .willReturn(
                json("{\"error\":{\"code\":503,\"message\":\"Loading model\","
                        + "\"type\":\"unavailable_error\"}}")
                    .withStatus(503)));
    server = new ServerFixture(home);
    admin = server.adminToken();
    alice = server.user("alice");
  }

  @AfterAll
  static void stop() {
    server.close();
    llama.stop();
    down.stop();
  }

  /** The llama.cpp server answers {@code text} when the system prompt is {@code prompt}. */
  private static void answers(String prompt, String text) {
    llama.stubFor(
        post(urlPathEqualTo(CHAT))
            .withRequestBody(containing(prompt))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(json(completion(text))));
    int half = text.indexOf(' ') + 1;
    llama.stubFor(
        post(urlPathEqualTo(CHAT))
            .withRequestBody(containing(prompt))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(
                        chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")
                            + chunk("{\"content\":\"" + text.substring(0, half) + "\"}", "null")
                            + chunk("{\"content\":\"" + text.substring(half) + "\"}", "null")
                            + chunk("{}", "\"stop\"")
                            + "data: [DONE]\n\n")));
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String completion(String text) {
    return "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion\","
        + "\"created\":1741570283,\"model\":\"served.gguf\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + text
        + "\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":19,\"completion_tokens\":10,\"total_tokens\":29}}";
  }

  private static String chunk(String delta, String finish) {
    return "data: {\"id\":\"chatcmpl-123\",\"object\":\"chat.completion.chunk\","
        + "\"created\":1694268190,\"model\":\"served.gguf\",\"choices\":[{\"index\":0,"
        + "\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + finish
        + "}]}\n\n";
  }

  private static Map<String, Object> provider(WireMockServer at, String model) {
    return Map.of("name", "llamacpp", "model", model, "baseUrl", at.baseUrl(), "remote", false);
  }

  private static Map<String, Object> config(
      String id, String systemPrompt, List<Map<String, Object>> providers) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("id", id);
    config.put("systemPrompt", systemPrompt);
    config.put("providers", providers);
    return config;
  }

  private static ServerFixture.Reply chat(String agent) {
    return server.post("/api/chat", alice, Map.of("message", "Where is it?", "agent", agent));
  }

  private static List<String> attemptModels(JsonNode answer) {
    List<String> models = new ArrayList<>();
    answer.get("attempts").forEach(a -> models.add(a.get("model").asText()));
    return models;
  }

  @Test
  void aConfiguredAgentAnswersWithItsOwnConfigurationThenFollowsItsUpdateUntilDeleted() {
    var created =
        server.post(
            "/api/agents", admin, config("pirate", PIRATE, List.of(provider(llama, "hook-7b"))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);

    var first = chat("pirate");

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("answer").asText()).isEqualTo("Arr, the treasure be buried.");
    assertThat(first.json().get("provider").asText()).isEqualTo("llamacpp");
    llama.verify(
        postRequestedFor(urlPathEqualTo(CHAT))
            .withRequestBody(containing(PIRATE))
            .withRequestBody(matchingJsonPath("$.model", equalTo("hook-7b"))));
    String traceId = first.json().get("traceId").asText();
    var rated =
        server.post(
            "/api/feedback?agent=pirate", alice, Map.of("traceId", traceId, "rating", "+1"));
    assertThat(rated.status()).as(rated.body()).isEqualTo(201);

    var updated =
        server.put(
            "/api/agents/pirate",
            admin,
            config("pirate", LIBRARIAN, List.of(provider(llama, "shelf-3b"))));
    assertThat(updated.status()).as(updated.body()).isEqualTo(200);

    var second = chat("pirate");

    assertThat(second.status()).as(second.body()).isEqualTo(200);
    assertThat(second.json().get("answer").asText()).isEqualTo("Shh, the book is on shelf three.");
    llama.verify(
        postRequestedFor(urlPathEqualTo(CHAT))
            .withRequestBody(containing(LIBRARIAN))
            .withRequestBody(matchingJsonPath("$.model", equalTo("shelf-3b"))));

    assertThat(server.delete("/api/agents/pirate", admin).status()).isEqualTo(200);
    var gone = chat("pirate");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().at("/error/type").asText()).isEqualTo("not_found");
  }

  @Test
  void theStreamOfAConfiguredAgentSendsItsModelsTokensThenItsAnswer() {
    assertThat(
            server
                .post(
                    "/api/agents",
                    admin,
                    config("streamer", PIRATE, List.of(provider(llama, "hook-7b"))))
                .status())
        .isEqualTo(201);

    var reply =
        server.stream(
            "/api/chat/stream", alice, Map.of("message", "Where is it?", "agent", "streamer"));

    assertThat(reply.status()).isEqualTo(200);
    List<Map.Entry<String, JsonNode>> events = reply.events();
    Map.Entry<String, JsonNode> last = events.get(events.size() - 1);
    assertThat(last.getKey()).as(reply.body()).isEqualTo("answer");
    String streamed =
        events.subList(0, events.size() - 1).stream()
            .map(e -> e.getValue().get("text").asText())
            .collect(Collectors.joining());
    assertThat(streamed).isEqualTo("Arr, the treasure be buried.");
    assertThat(last.getValue().get("answer").asText()).isEqualTo(streamed);
    assertThat(server.delete("/api/agents/streamer", admin).status()).isEqualTo(200);
  }

  @Test
  void aTwoProviderChainFallsBackToItsSecondModelWhenTheFirstFails() {
    assertThat(
            server
                .post(
                    "/api/agents",
                    admin,
                    config(
                        "chain",
                        PIRATE,
                        List.of(provider(down, "loading-13b"), provider(llama, "hook-7b"))))
                .status())
        .isEqualTo(201);

    var reply = chat("chain");

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("answer").asText()).isEqualTo("Arr, the treasure be buried.");
    assertThat(attemptModels(reply.json())).containsExactly("loading-13b", "hook-7b");
    assertThat(reply.json().at("/attempts/0/outcome").asText()).isEqualTo("FAILED");
    assertThat(server.delete("/api/agents/chain", admin).status()).isEqualTo(200);
  }

  @Test
  void theServersOwnAgentStillAnswersWhenNoAgentIsNamed() {
    var reply = server.post("/api/chat", alice, Map.of("message", "What is the answer?"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("answer").asText()).isEqualTo(InstantModels.ANSWER);
  }
}
