package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.agent.AgentSpec;
import io.elavira.agent.AgentSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code elavira agents ...} and {@code --agent NAME} on ingest, ask and documents. */
class AgentsCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  @TempDir Path files;

  @Test
  void createsListsShowsUpdatesAndDeletesAnAgentFromYamlAndJsonFiles() throws Exception {
    Path yaml =
        Files.writeString(
            files.resolve("garage.yaml"),
            "id: garage\ndescription: Bicycle repairs and maintenance\n"
                + "systemPrompt: You fix bicycles.\nproviders:\n  - name: ollama\n"
                + "    model: llama3.2\nmemoryMessages: 4\n");

    CliRun created = run("agents", "create", yaml.toString());
    CliRun list = run("agents", "list");
    CliRun shown = run("agents", "show", "garage", "--json");

    assertThat(created.exitCode()).as(created.toString()).isZero();
    assertThat(created.out()).contains("Created agent garage (version 1)");
    assertThat(list.out()).contains("garage  v1  ollama:llama3.2  Bicycle repairs");
    AgentSpec stored = AgentSpecs.fromJson(shown.out(), "show output");
    assertThat(stored).isEqualTo(AgentSpecs.read(yaml));

    Path json =
        Files.writeString(
            files.resolve("garage.json"),
            AgentSpecs.toJson(stored.toBuilder().systemPrompt("You fix bikes, briefly.").build()));
    CliRun updated = run("agents", "update", "garage", json.toString(), "--json");
    CliRun yamlShown = run("agents", "show", "garage");
    CliRun listJson = run("agents", "list", "--json");

    assertThat(updated.exitCode()).as(updated.toString()).isZero();
    assertThat(JSON.readTree(updated.out()).get("version").asInt()).isEqualTo(2);
    assertThat(yamlShown.out()).contains("systemPrompt:").contains("You fix bikes, briefly.");
    JsonNode agents = JSON.readTree(listJson.out()).get("agents");
    assertThat(agents).hasSize(1);
    assertThat(agents.get(0).get("id").asText()).isEqualTo("garage");
    assertThat(agents.get(0).get("version").asInt()).isEqualTo(2);

    CliRun deleted = run("agents", "delete", "garage");
    CliRun afterwards = run("agents", "show", "garage");

    assertThat(deleted.out()).contains("Deleted agent garage and its 0 documents.");
    assertThat(afterwards.exitCode()).isEqualTo(1);
    assertThat(afterwards.err()).contains("No agent 'garage'");
  }

  @Test
  void aFileWithAnUnknownFieldOrASecretIsRefusedNamingTheFieldAndTheFile() throws Exception {
    Path typo = Files.writeString(files.resolve("typo.yaml"), "id: a\nmemoryMesages: 3\n");
    Path secret =
        Files.writeString(
            files.resolve("secret.json"),
            "{\"id\": \"a\", \"remoteAllowed\": true, \"providers\": [{\"name\": \"openai\","
                + " \"apiKey\": \"sk-abcdefghijklmnopqrstuvwxyz\"}]}");
    Path unknownProvider =
        Files.writeString(files.resolve("vllm.yaml"), "id: a\nproviders:\n  - name: vllm\n");

    CliRun typoRun = run("agents", "create", typo.toString());
    CliRun secretRun = run("agents", "create", secret.toString());
    CliRun providerRun = run("agents", "create", unknownProvider.toString());

    assertThat(typoRun.exitCode()).isEqualTo(1);
    assertThat(typoRun.err()).contains("typo.yaml").contains("unknown field 'memoryMesages'");
    assertThat(secretRun.exitCode()).isEqualTo(1);
    assertThat(secretRun.err())
        .contains("secret.json")
        .contains("providers[0].apiKey")
        .contains("apiKeyEnv")
        .doesNotContain("sk-abcdefghijklmnopqrstuvwxyz");
    assertThat(providerRun.err()).contains("vllm.yaml").contains("no LLM provider named 'vllm'");
    assertThat(run("agents", "list").out()).contains("No agents");
  }

  @Test
  void createAndUpdateCheckTheFileTheSameWayAndUpdateOnlyTheAgentTheFileConfigures()
      throws Exception {
    Path garage = Files.writeString(files.resolve("garage.yaml"), "id: garage\n");
    Path vllm =
        Files.writeString(files.resolve("vllm.yaml"), "id: garage\nproviders:\n  - name: vllm\n");
    Path other = Files.writeString(files.resolve("other.yaml"), "id: kitchen\n");

    CliRun updatedBeforeCreate = run("agents", "update", "garage", garage.toString());
    CliRun created = run("agents", "create", garage.toString());
    CliRun createdTwice = run("agents", "create", garage.toString());
    CliRun updatedWithMissingModule = run("agents", "update", "garage", vllm.toString());
    CliRun updatedWithOtherId = run("agents", "update", "garage", other.toString());
    CliRun updated = run("agents", "update", "garage", garage.toString());

    assertThat(updatedBeforeCreate.exitCode()).isNotZero();
    assertThat(created.out()).contains("Created agent garage (version 1).");
    assertThat(createdTwice.exitCode()).isNotZero();
    assertThat(updatedWithMissingModule.exitCode()).isEqualTo(1);
    assertThat(updatedWithMissingModule.err())
        .contains("vllm.yaml")
        .contains("no LLM provider named 'vllm'");
    assertThat(updatedWithOtherId.exitCode()).isEqualTo(1);
    assertThat(updatedWithOtherId.err())
        .contains("other.yaml configures agent 'kitchen', not 'garage': fix its id field.");
    assertThat(updated.out()).contains("Updated agent garage (version 2).");
    assertThat(run("agents", "list").out()).contains("garage  v2").doesNotContain("kitchen");
  }

  @Test
  void eachAgentIngestsListsAndSearchesOnlyItsOwnDocuments() throws Exception {
    Path docs = Files.createDirectory(files.resolve("docs"));
    TestCorpus.writeGood(docs);
    for (String id : List.of("garage", "kitchen")) {
      Path config = Files.writeString(files.resolve(id + ".yaml"), "id: " + id + "\n");
      assertThat(run("agents", "create", config.toString()).exitCode()).isZero();
    }

    CliRun garage = run("ingest", "--agent", "garage", docs.resolve(TestCorpus.BIKE).toString());
    CliRun kitchen = run("--agent", "kitchen", "ingest", docs.resolve(TestCorpus.BREAD).toString());
    assertThat(garage.exitCode()).as(garage.toString()).isZero();
    assertThat(kitchen.exitCode()).as(kitchen.toString()).isZero();

    assertThat(documentNames("--agent", "garage")).containsExactly(TestCorpus.BIKE);
    assertThat(documentNames("--agent", "kitchen")).containsExactly(TestCorpus.BREAD);
    assertThat(documentNames()).isEmpty(); // the default agent has none

    CliRun asked =
        run(
            "ask",
            "--agent",
            "garage",
            "--offline",
            "--json",
            "What temperature should the sourdough loaf bake at?");
    assertThat(asked.exitCode()).as(asked.toString()).isZero();
    JsonNode sources = JSON.readTree(asked.out()).get("sources");
    assertThat(sources).isNotEmpty();
    assertThat(sources)
        .allSatisfy(s -> assertThat(s.get("document").asText()).isEqualTo(TestCorpus.BIKE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"garage", "default"})
  void askFlagsWeakMatchesAtTheThresholdOfTheAgentsConfiguration(String agent) throws Exception {
    Path docs = Files.createDirectory(files.resolve("docs"));
    TestCorpus.writeGood(docs);
    Path lenient =
        Files.writeString(
            files.resolve("lenient.yaml"), "id: " + agent + "\nretrieval:\n  weakMatchBelow: -1\n");
    Path strict =
        Files.writeString(
            files.resolve("strict.yaml"), "id: " + agent + "\nretrieval:\n  weakMatchBelow: 1\n");
    assertThat(run("agents", "create", lenient.toString()).exitCode()).isZero();
    assertThat(run("ingest", "--agent", agent, docs.toString()).exitCode()).isZero();
    String offTopic = "Which colour should the kitchen curtains be?";
    String onTopic = "How do I repair a bicycle puncture?";

    JsonNode lenientOffTopic = askJson(agent, offTopic);
    assertThat(run("agents", "update", agent, strict.toString()).exitCode()).isZero();
    JsonNode strictOnTopic = askJson(agent, onTopic);

    // Every cosine is above -1: even an unrelated question is not flagged.
    assertThat(lenientOffTopic.get("weakMatch").asBoolean()).isFalse();
    assertThat(lenientOffTopic.get("sources")).isNotEmpty();
    // At 1 only an identical text would pass: even the right document is flagged.
    assertThat(strictOnTopic.get("weakMatch").asBoolean()).isTrue();
  }

  /** Asks {@code agent}; the CLI's own {@code default} agent is the one asked without --agent. */
  private JsonNode askJson(String agent, String question) throws Exception {
    List<String> args = new ArrayList<>(List.of("ask", "--offline", "--json", question));
    if (!agent.equals("default")) {
      args.addAll(List.of("--agent", agent));
    }
    CliRun asked = run(args.toArray(String[]::new));
    assertThat(asked.exitCode()).as(asked.toString()).isZero();
    return JSON.readTree(asked.out());
  }

  @Test
  void anUnknownAgentIsAnErrorListingTheAgentsOfTheHome() throws Exception {
    Path config = Files.writeString(files.resolve("garage.yaml"), "id: garage\n");
    run("agents", "create", config.toString());

    CliRun asked = run("ask", "--agent", "nope", "--offline", "Anything?");
    CliRun listed = run("documents", "list", "--agent", "nope", "--json");

    assertThat(asked.exitCode()).isEqualTo(1);
    assertThat(asked.err()).contains("No agent 'nope'").contains("agents: garage");
    assertThat(listed.exitCode()).isEqualTo(1);
    assertThat(listed.out()).contains("No agent 'nope'");
  }

  @Test
  void aRemoteModelIsRefusedForAnAgentThatDoesNotAllowIt() throws Exception {
    Path config = Files.writeString(files.resolve("private.yaml"), "id: private\n");
    run("agents", "create", config.toString());

    CliRun asked =
        CliRun.runWithVariables(
            java.util.Map.of("OPENAI_API_KEY", "test-key"),
            "ask",
            "--agent",
            "private",
            "--llm",
            "openai",
            "--llm-url",
            "https://llm.example.invalid/v1", // a remote host that never resolves: nothing is sent
            "--model",
            "gpt-4o-mini",
            "Anything?",
            "--home",
            home.toString());

    // A configured agent answers with its own models: --llm is refused before anything is sent.
    assertThat(asked.exitCode()).as(asked.toString()).isEqualTo(1);
    assertThat(asked.err())
        .contains("Agent 'private' answers with its own configuration")
        .contains("--llm")
        .doesNotContain("test-key");
  }

  private List<String> documentNames(String... agent) throws Exception {
    List<String> args = new ArrayList<>(List.of("documents", "list", "--json"));
    args.addAll(List.of(agent));
    CliRun run = run(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    List<String> names = new ArrayList<>();
    JSON.readTree(run.out()).get("documents").forEach(d -> names.add(d.get("name").asText()));
    return names;
  }

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--home", home.toString()));
    return CliRun.run(all.toArray(String[]::new));
  }
}
