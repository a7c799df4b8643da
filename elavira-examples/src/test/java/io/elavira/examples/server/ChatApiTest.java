package io.elavira.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatApiTest {
  @TempDir static Path home;
  private static ServerFixture server;
  private static String alice;
  private static String bob;

  @BeforeAll
  static void start() {
    server = new ServerFixture(home);
    alice = server.user("alice");
    bob = server.user("bob");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void chatAnswersWithTheSameObjectAsTheCliAskJson() {
    var reply = server.post("/api/chat", alice, Map.of("message", "What is the answer?"));

    assertThat(reply.status()).isEqualTo(200);
    JsonNode answer = reply.json();
    assertThat(answer.fieldNames())
        .toIterable()
        .containsExactly(
            "answer",
            "mode",
            "reason",
            "provider",
            "model",
            "latencyMs",
            "conversationId",
            "traceId",
            "partial",
            "weakMatch",
            "attempts",
            "sources");
    assertThat(answer.get("answer").asText()).isEqualTo(InstantModels.ANSWER);
    assertThat(answer.get("provider").asText()).isEqualTo("instant");
  }

  @Test
  void aConversationContinuesWithItsIdAndIsListedForItsUserOnly() {
    String conversation =
        server
            .post("/api/chat", alice, Map.of("message", "First question about tides"))
            .json()
            .get("conversationId")
            .asText();
    var second =
        server.post(
            "/api/chat",
            alice,
            Map.of("message", "And the second?", "conversationId", conversation));

    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json().get("conversationId").asText()).isEqualTo(conversation);
    var history = server.get("/api/conversations/" + conversation, alice).json();
    assertThat(history.get("messages")).hasSize(4);
    assertThat(history.at("/messages/0/content").asText()).isEqualTo("First question about tides");
    assertThat(ids(server.get("/api/conversations", alice).json())).contains(conversation);
    assertThat(ids(server.get("/api/conversations", bob).json())).doesNotContain(conversation);
  }

  @Test
  void anotherUsersConversationCannotBeReadContinuedDeletedOrRated() {
    JsonNode answer =
        server.post("/api/chat", alice, Map.of("message", "Alice's private question")).json();
    String conversation = answer.get("conversationId").asText();

    assertThat(server.get("/api/conversations/" + conversation, bob).status()).isEqualTo(404);
    assertThat(
            server
                .post(
                    "/api/chat",
                    bob,
                    Map.of("message", "let me in", "conversationId", conversation))
                .status())
        .isEqualTo(404);
    assertThat(server.delete("/api/conversations/" + conversation, bob).status()).isEqualTo(404);
    assertThat(
            server
                .post(
                    "/api/feedback",
                    bob,
                    Map.of("traceId", answer.get("traceId").asText(), "rating", "-1"))
                .status())
        .isEqualTo(404);
    assertThat(server.get("/api/conversations/" + conversation, alice).status()).isEqualTo(200);
  }

  @Test
  void aUserDeletesTheirConversation() {
    String conversation =
        server
            .post("/api/chat", alice, Map.of("message", "To be forgotten"))
            .json()
            .get("conversationId")
            .asText();

    assertThat(server.delete("/api/conversations/" + conversation, alice).status()).isEqualTo(204);
    assertThat(server.get("/api/conversations/" + conversation, alice).status()).isEqualTo(404);
  }

  @Test
  void feedbackOnTheUsersOwnAnswerIsStored() {
    String trace =
        server
            .post("/api/chat", alice, Map.of("message", "Rate me"))
            .json()
            .get("traceId")
            .asText();

    var reply =
        server.post(
            "/api/feedback", alice, Map.of("traceId", trace, "rating", "+1", "comment", "good"));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(server.store.feedback().list(null))
        .anySatisfy(f -> assertThat(f.traceId()).isEqualTo(trace));
    assertThat(
            server.post("/api/feedback", alice, Map.of("traceId", trace, "rating", "9")).status())
        .isEqualTo(400);
  }

  @Test
  void streamingSendsTokenEventsThenOneAnswerEventWithTheChatObject() {
    var reply = server.stream("/api/chat/stream", alice, Map.of("message", "Stream it"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/event-stream");
    List<Map.Entry<String, JsonNode>> events = reply.events();
    assertThat(events).isNotEmpty();
    Map.Entry<String, JsonNode> last = events.get(events.size() - 1);
    assertThat(last.getKey()).isEqualTo("answer");
    List<Map.Entry<String, JsonNode>> tokens = events.subList(0, events.size() - 1);
    assertThat(tokens).extracting(Map.Entry::getKey).containsOnly("token");
    String streamed =
        tokens.stream().map(e -> e.getValue().get("text").asText()).collect(Collectors.joining());
    assertThat(streamed).isEqualTo(InstantModels.ANSWER);
    assertThat(last.getValue().get("answer").asText()).isEqualTo(streamed);
    assertThat(last.getValue().has("traceId")).isTrue();
    assertThat(last.getValue().has("sources")).isTrue();
  }

  @Test
  void aBlankOrMissingMessageIsABadRequestAndNoStreamStarts() {
    var blank = server.stream("/api/chat/stream", alice, Map.of("message", " "));
    var missing = server.post("/api/chat", alice, Map.of("agent", "default"));
    var notJson = server.post("/api/chat", alice, "{not json");

    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.json().at("/error/type").asText()).isEqualTo("invalid_input");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().at("/error/type").asText()).isEqualTo("invalid_argument");
  }

  @Test
  void anUnknownAgentIsNotFound() {
    var reply = server.post("/api/chat", alice, Map.of("message", "hi", "agent", "nope"));

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("not_found");
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413() {
    String huge = "x".repeat((int) ElaviraServer.DEFAULT_MAX_REQUEST_BYTES + 10);

    var reply = server.post("/api/chat", alice, Map.of("message", huge));

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("payload_too_large");
  }

  @Test
  void anUnknownEndpointIsAJson404() {
    var reply = server.get("/api/nothing-here", alice);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("not_found");
  }

  @Test
  void agentsListTheDefaultAgentFirst() {
    var agents = server.get("/api/agents", alice).json();

    assertThat(agents.at("/agents/0/id").asText()).isEqualTo("default");
    assertThat(agents.at("/agents/0/isDefault").asBoolean()).isTrue();
    assertThat(server.get("/api/agents/default", alice).status()).isEqualTo(200);
    assertThat(server.get("/api/agents/other", alice).status()).isEqualTo(404);
  }

  @Test
  void healthModelsAndStatsAnswer() {
    assertThat(server.get("/api/health", null).json().get("status").asText()).isEqualTo("ok");
    var models = server.get("/api/models", alice).json();
    assertThat(models.at("/models/0/provider").asText()).isEqualTo("instant");
    assertThat(models.at("/models/0/available").asBoolean()).isTrue();
    server.post("/api/chat", alice, Map.of("message", "count me"));
    var stats = server.get("/api/stats?last=7d", server.adminToken());
    assertThat(stats.status()).isEqualTo(200);
    assertThat(stats.json().get("requests").asLong()).isPositive();
    assertThat(server.get("/api/stats?last=forever", server.adminToken()).status()).isEqualTo(400);
  }

  private static List<String> ids(JsonNode conversations) {
    return conversations.get("conversations").findValuesAsText("id");
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
