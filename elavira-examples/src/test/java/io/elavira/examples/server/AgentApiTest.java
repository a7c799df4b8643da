package io.elavira.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/agents} over the home's agent registry, on a real server. */
class AgentApiTest {
  @TempDir static Path home;
  private static ServerFixture server;
  private static String admin;
  private static String alice;

  @BeforeAll
  static void start() {
    server = new ServerFixture(home);
    admin = server.adminToken();
    alice = server.user("alice");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The documented example configuration, with another id. */
  private static ObjectNode exampleConfig(String id) throws IOException {
    ObjectNode config =
        (ObjectNode)
            ServerFixture.JSON.readTree(
                Files.readString(Path.of("..", "docs", "config-example.json")));
    config.put("id", id);
    return config;
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.get("agents").forEach(a -> ids.add(a.get("id").asText()));
    return ids;
  }

  @Test
  void anAdminCreatesListsShowsUpdatesAndDeletesAnAgentFromTheExampleConfiguration()
      throws IOException {
    var created = server.post("/api/agents", admin, exampleConfig("contracts"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().get("id").asText()).isEqualTo("contracts");
    assertThat(created.json().get("version").asLong()).isEqualTo(1);
    assertThat(created.json().get("providers"))
        .extracting(JsonNode::asText)
        .containsExactly("ollama:llama3.2", "openai:gpt-4o-mini");
    assertThat(ids(server.get("/api/agents", alice).json()))
        .containsExactly("default", "contracts");
    var listed = server.get("/api/agents", alice).json().get("agents").get(1);
    assertThat(listed.get("description").asText()).startsWith("Rental, insurance");
    assertThat(listed.has("config")).isFalse();
    var shown = server.get("/api/agents/contracts", alice).json();
    assertThat(shown.at("/config/providers/1/apiKeyEnv").asText()).isEqualTo("OPENAI_API_KEY");
    assertThat(shown.at("/config/retrieval/mode").asText()).isEqualTo("hybrid");

    ObjectNode changed = exampleConfig("contracts");
    changed.put("description", "Only rental contracts.");
    changed.putArray("providers").addObject().put("name", "ollama").put("model", "qwen2.5");
    var updated = server.put("/api/agents/contracts", admin, changed);

    assertThat(updated.status()).as(updated.body()).isEqualTo(200);
    assertThat(updated.json().get("version").asLong()).isEqualTo(2);
    var reread = server.get("/api/agents/contracts", alice).json();
    assertThat(reread.get("description").asText()).isEqualTo("Only rental contracts.");
    assertThat(reread.get("providers"))
        .extracting(JsonNode::asText)
        .containsExactly("ollama:qwen2.5");
    assertThat(server.store.agents().find("contracts").orElseThrow().version()).isEqualTo(2);

    var deleted = server.delete("/api/agents/contracts", admin);

    assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
    assertThat(deleted.json().get("deleted").asText()).isEqualTo("contracts");
    assertThat(server.get("/api/agents/contracts", alice).status()).isEqualTo(404);
    assertThat(ids(server.get("/api/agents", alice).json())).containsExactly("default");
  }

  @Test
  void aYamlConfigurationIsAcceptedWithItsContentType() {
    var reply =
        server.send(
            ServerFixture.authorized(
                HttpRequest.newBuilder(server.uri("/api/agents"))
                    .header("Content-Type", "application/yaml")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "id: notes\ndescription: My notes\nretrieval:\n  topK: 3\n")),
                admin));

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(server.get("/api/agents/notes", alice).json().at("/config/retrieval/topK").asInt())
        .isEqualTo(3);
    assertThat(server.delete("/api/agents/notes", admin).status()).isEqualTo(200);
  }

  @Test
  void aUserMayListButNotChangeAgents() throws IOException {
    assertThat(server.get("/api/agents", alice).status()).isEqualTo(200);
    var create = server.post("/api/agents", alice, exampleConfig("mine"));
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.json().at("/error/type").asText()).isEqualTo("forbidden");
    assertThat(server.put("/api/agents/mine", alice, exampleConfig("mine")).status())
        .isEqualTo(403);
    assertThat(server.delete("/api/agents/default", alice).status()).isEqualTo(403);
    assertThat(server.store.agents().find("mine")).isEmpty();
  }

  @Test
  void aConfigurationWithAnUnknownFieldIsRefusedNamingTheField() throws IOException {
    ObjectNode config = exampleConfig("typo");
    ((ObjectNode) config.get("retrieval")).put("topk", 3);

    var reply = server.post("/api/agents", admin, config);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/type").asText()).isEqualTo("invalid_argument");
    assertThat(reply.json().at("/error/message").asText())
        .contains("unknown field 'retrieval.topk'");
    assertThat(server.store.agents().find("typo")).isEmpty();
  }

  @Test
  void aConfigurationHoldingALiteralKeyIsRefusedWithoutEchoingIt() {
    String key = "sk-" + "a".repeat(40);
    var reply =
        server.post(
            "/api/agents",
            admin,
            Map.of("id", "leaky", "providers", List.of(Map.of("name", "openai", "apiKey", key))));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/message").asText())
        .contains("providers[0].apiKey")
        .doesNotContain(key);
    assertThat(server.store.agents().find("leaky")).isEmpty();
  }

  @Test
  void anUnknownProviderIsRefused() {
    var reply =
        server.post(
            "/api/agents",
            admin,
            Map.of("id", "odd", "providers", List.of(Map.of("name", "no-such-provider"))));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/message").asText()).contains("no-such-provider");
  }

  @Test
  void creatingAnExistingAgentIsAConflict() {
    assertThat(server.post("/api/agents", admin, Map.of("id", "twice")).status()).isEqualTo(201);

    var again = server.post("/api/agents", admin, Map.of("id", "twice"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().at("/error/type").asText()).isEqualTo("conflict");
    assertThat(server.post("/api/agents", admin, Map.of("id", "default")).status()).isEqualTo(409);
    assertThat(server.delete("/api/agents/twice", admin).status()).isEqualTo(200);
  }

  @Test
  void anUnknownAgentIs404ForEveryVerb() {
    assertThat(server.get("/api/agents/ghost", alice).status()).isEqualTo(404);
    var put = server.put("/api/agents/ghost", admin, Map.of("id", "ghost"));
    assertThat(put.status()).isEqualTo(404);
    assertThat(put.json().at("/error/type").asText()).isEqualTo("not_found");
    assertThat(server.delete("/api/agents/ghost", admin).status()).isEqualTo(404);
    assertThat(server.post("/api/chat", alice, Map.of("message", "hi", "agent", "ghost")).status())
        .isEqualTo(404);
  }

  @Test
  void replacingWithAnotherIdIsRefused() {
    assertThat(server.post("/api/agents", admin, Map.of("id", "keep")).status()).isEqualTo(201);

    var reply = server.put("/api/agents/keep", admin, Map.of("id", "other"));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.json().at("/error/message").asText()).contains("'id'");
    assertThat(server.delete("/api/agents/keep", admin).status()).isEqualTo(200);
  }

  @Test
  void chatWithAConfiguredAgentAnswersThroughItsOwnConfiguration() {
    assertThat(server.post("/api/agents", admin, Map.of("id", "elsewhere")).status())
        .isEqualTo(201);

    var reply = server.post("/api/chat", alice, Map.of("message", "hi", "agent", "elsewhere"));

    // No model configured: the agent answers extractively, not with the server's instant model.
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().get("mode").asText()).isEqualTo("EXTRACTIVE");
    assertThat(reply.json().get("answer").asText()).isNotEqualTo(InstantModels.ANSWER);
    assertThat(server.delete("/api/agents/elsewhere", admin).status()).isEqualTo(200);
  }
}
