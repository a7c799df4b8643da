package io.elavira.examples.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/answers/{id}}: a configured agent answering by consensus (llama.cpp servers in
 * WireMock, one of three workers refusing its key, then a merger; the bodies of
 * /work/shared/data/specs/llama.cpp) stores its route and every worker with the answer, whole or
 * streamed, and the caller reads the trace of their own answers only.
 */
class AnswerTraceApiTest {
  private static final String CHAT = "/v1/chat/completions";
  private static final String TEXT = "The treasure is buried under the palm tree.";

  @TempDir static Path home;
  private static ServerFixture server;
  private static WireMockServer llama;
  private static WireMockServer refusing;
  private static String alice;
  private static String bob;

  @BeforeAll
  static void start() {
    llama = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    refusing = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    llama.start();
    refusing.start();
    for (WireMockServer s : List.of(llama, refusing)) {
      s.stubFor(get(urlPathEqualTo("/health")).willReturn(json("{\"status\":\"ok\"}")));
    }
    llama.stubFor(
        post(urlPathEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(json(completion())));
    llama.stubFor(
        post(urlPathEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(
                        chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")
                            + chunk("{\"content\":\"" + TEXT + "\"}", "null")
                            + chunk("{}", "\"stop\"")
                            + "data: [DONE]\n\n")));
    refusing.stubFor(
        post(urlPathEqualTo(CHAT))
            .willReturn(
                json("{\"error\":{\"code\":401,\"message\":\"Invalid API Key\","
                        + "\"type\":\"authentication_error\"}}")
                    .withStatus(401)));
    server = new ServerFixture(home);
    alice = server.user("alice");
    bob = server.user("bob");
    var created = server.post("/api/agents", server.adminToken(), panel());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
  }

  @AfterAll
  static void stop() {
    server.close();
    llama.stop();
    refusing.stop();
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String completion() {
    return "{\"id\":\"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG\",\"object\":\"chat.completion\","
        + "\"created\":1741570283,\"model\":\"served.gguf\",\"choices\":[{\"index\":0,"
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + TEXT
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

  /**
   * An agent whose answers are merged from three workers, one of which refuses its key (the merger
   * is asked when two or more answered).
   */
  private static Map<String, Object> panel() {
    Map<String, Object> consensus = new LinkedHashMap<>();
    consensus.put("strategy", "merger");
    consensus.put(
        "workers",
        List.of(
            provider(llama, "hook-7b"),
            provider(refusing, "smee-3b"),
            provider(llama, "jukes-1b")));
    consensus.put("merger", provider(llama, "judge-7b"));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("id", "panel");
    config.put("systemPrompt", "You are Captain Hook.");
    config.put("consensus", consensus);
    return config;
  }

  private static void assertTraceOf(JsonNode answer, JsonNode trace) {
    assertThat(trace.get("traceId").asText()).isEqualTo(answer.get("traceId").asText());
    assertThat(trace.get("agent").asText()).isEqualTo("panel");
    assertThat(trace.get("answer").asText()).isEqualTo(answer.get("answer").asText());
    assertThat(trace.get("route")).isEqualTo(answer.get("route"));
    assertThat(trace.at("/route/agent").asText()).isEqualTo("panel");
    assertThat(trace.at("/route/reasons/0").asText())
        .isEqualTo("agent 'panel': asked for explicitly");
    JsonNode consensus = trace.get("consensus");
    assertThat(consensus).isEqualTo(answer.get("consensus"));
    assertThat(consensus.get("strategy").asText()).isEqualTo("merger");
    assertThat(consensus.at("/workers/0/model").asText()).isEqualTo("hook-7b");
    assertThat(consensus.at("/workers/0/answer").asText()).isEqualTo(TEXT);
    assertThat(consensus.at("/workers/1/model").asText()).isEqualTo("smee-3b");
    assertThat(consensus.at("/workers/1/outcome").asText()).isEqualTo("FAILED");
    assertThat(consensus.at("/workers/1/kind").asText()).isEqualTo("AUTHENTICATION");
    assertThat(consensus.at("/workers/1/answer").isNull()).isTrue();
    assertThat(consensus.at("/workers/2/model").asText()).isEqualTo("jukes-1b");
    assertThat(consensus.at("/merger/model").asText()).isEqualTo("judge-7b");
    assertThat(consensus.at("/merger/outcome").asText()).isEqualTo("ANSWERED");
  }

  @Test
  void theCallerReadsTheRouteAndEveryWorkerOfTheirAnswer() {
    var chat = server.post("/api/chat", alice, Map.of("message", "Where is it?", "agent", "panel"));
    assertThat(chat.status()).as(chat.body()).isEqualTo(200);
    JsonNode answer = chat.json();

    var reply = server.get("/api/answers/" + answer.get("traceId").asText(), alice);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertTraceOf(answer, reply.json());
  }

  @Test
  void aStreamedAnswersTraceIsStoredToo() {
    var stream =
        server.stream(
            "/api/chat/stream", alice, Map.of("message", "Where is it?", "agent", "panel"));
    List<Map.Entry<String, JsonNode>> events = stream.events();
    Map.Entry<String, JsonNode> last = events.get(events.size() - 1);
    assertThat(last.getKey()).as(stream.body()).isEqualTo("answer");

    var reply = server.get("/api/answers/" + last.getValue().get("traceId").asText(), alice);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertTraceOf(last.getValue(), reply.json());
  }

  @Test
  void anotherUsersAnswerIsNotFoundAsAnUnknownOneIs() {
    String traceId =
        server
            .post("/api/chat", alice, Map.of("message", "Alice's secret?", "agent", "panel"))
            .json()
            .get("traceId")
            .asText();

    var theirs = server.get("/api/answers/" + traceId, bob);
    var unknown = server.get("/api/answers/no-such-answer", bob);

    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.json().at("/error/type").asText()).isEqualTo("not_found");
    assertThat(theirs.body()).doesNotContain(TEXT);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(theirs.json().at("/error/message").asText())
        .isEqualTo(unknown.json().at("/error/message").asText());
    assertThat(server.get("/api/answers/" + traceId, null).status()).isEqualTo(401);
  }

  @Test
  void theServersOwnAgentsAnswerHasATraceWithoutRouteOrConsensus() {
    JsonNode answer =
        server.post("/api/chat", alice, Map.of("message", "What is the answer?")).json();

    JsonNode trace = server.get("/api/answers/" + answer.get("traceId").asText(), alice).json();

    assertThat(trace.get("answer").asText()).isEqualTo(InstantModels.ANSWER);
    assertThat(trace.get("provider").asText()).isEqualTo("instant");
    assertThat(trace.has("route")).isFalse();
    assertThat(trace.has("consensus")).isFalse();
  }
}
