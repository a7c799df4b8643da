package io.elavira.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.guard.InjectionAction;
import io.elavira.retrieval.RetrievalMode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentSpecsTest {
  static final Path DOCS = Path.of(System.getProperty("user.dir")).resolve("../docs").normalize();

  @TempDir Path dir;

  @Test
  void theJsonAndYamlExamplesDescribeTheSameAgent() {
    AgentSpec json = AgentSpecs.read(DOCS.resolve("config-example.json"));
    AgentSpec yaml = AgentSpecs.read(DOCS.resolve("config-example.yaml"));

    assertThat(yaml).isEqualTo(json);
    assertThat(json.id()).isEqualTo("contracts");
    assertThat(json.providers()).extracting(ProviderSpec::remote).containsExactly(false, true);
    assertThat(json.providers().get(1).apiKeyEnv()).isEqualTo("OPENAI_API_KEY");
    assertThat(json.retrieval().mode()).isEqualTo(RetrievalMode.HYBRID);
    assertThat(json.cache()).isEqualTo(new CachePolicy(true, Duration.ofHours(1)));
  }

  @Test
  void theExampleShowsEveryFieldAFileMayHold() throws IOException {
    JsonNode example =
        new ObjectMapper().readTree(Files.readString(DOCS.resolve("config-example.json")));

    List<String> missing = new ArrayList<>();
    collectMissing(AgentFile.class, example, "", missing);
    collectMissing(
        AgentFile.Provider.class, example.get("providers").get(1), "providers[1].", missing);
    collectMissing(AgentFile.Consensus.class, example.get("consensus"), "consensus.", missing);
    collectMissing(AgentFile.Retrieval.class, example.get("retrieval"), "retrieval.", missing);
    collectMissing(AgentFile.Cache.class, example.get("cache"), "cache.", missing);

    assertThat(missing).as("fields absent from docs/config-example.json").isEmpty();
    // and nothing the format does not know (reading it would fail), written back identically
    AgentSpec spec = AgentSpecs.read(DOCS.resolve("config-example.json"));
    assertThat(new ObjectMapper().readTree(AgentSpecs.toJson(spec))).isEqualTo(example);
  }

  private static void collectMissing(
      Class<?> shape, JsonNode node, String prefix, List<String> out) {
    TreeSet<String> present = new TreeSet<>();
    Iterator<String> names = node.fieldNames();
    names.forEachRemaining(present::add);
    Arrays.stream(shape.getDeclaredFields())
        .filter(f -> !Modifier.isStatic(f.getModifiers()) && !f.isSynthetic())
        .map(Field::getName)
        .filter(n -> !present.contains(n))
        .forEach(n -> out.add(prefix + n));
  }

  @Test
  void aConfigurationRoundTripsThroughJsonAndYaml() {
    AgentSpec spec =
        AgentSpec.builder("coach")
            .description("Sport coaching: training plans, running, recovery")
            .systemPrompt("You are a running coach.")
            .provider(ProviderSpec.of("ollama", "llama3.2"))
            .provider(new ProviderSpec("claude", "claude-haiku", null, "MY_CLAUDE_KEY", true))
            .consensus(
                new ConsensusSpec(
                    "majority",
                    List.of(ProviderSpec.of("ollama", "a"), ProviderSpec.of("llamacpp", null)),
                    null))
            .embeddingModel("all-minilm-l6-v2-q")
            .retrieval(new RetrievalSpec(8, 0.3, RetrievalMode.LEXICAL))
            .memoryMessages(4)
            .guard(InjectionAction.FLAG)
            .cache(new CachePolicy(true, Duration.ofMinutes(5)))
            .remoteAllowed(true)
            .build();

    assertThat(AgentSpecs.fromJson(AgentSpecs.toJson(spec), "test")).isEqualTo(spec);
    assertThat(AgentSpecs.fromYaml(AgentSpecs.toYaml(spec), "test")).isEqualTo(spec);
  }

  @Test
  void absentFieldsTakeTheDefaults() throws IOException {
    Path file = write("minimal.yaml", "id: minimal\n");

    assertThat(AgentSpecs.read(file)).isEqualTo(AgentSpec.builder("minimal").build());
  }

  @Test
  void anUnknownFieldIsRefusedNamingItAndTheFile() throws IOException {
    Path file = write("typo.yaml", "id: typo\nproviders:\n  - name: ollama\n    modle: llama3.2\n");

    assertThatThrownBy(() -> AgentSpecs.read(file))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("unknown field 'providers[0].modle'")
        .hasMessageContaining("model");
  }

  @Test
  void anUnknownTopLevelFieldInJsonIsRefusedToo() throws IOException {
    Path file = write("agent.json", "{\"id\": \"a\", \"temperature\": 0.2}");

    assertThatThrownBy(() -> AgentSpecs.read(file))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("agent.json")
        .hasMessageContaining("unknown field 'temperature'");
  }

  @Test
  void aLiteralKeyIsRefusedWithoutQuotingIt() throws IOException {
    String key = "sk-proj-abcdefghijklmnopqrstuvwxyz123456";
    Path file =
        write(
            "secret.json",
            "{\"id\": \"a\", \"remoteAllowed\": true, \"providers\": [{\"name\": \"openai\","
                + " \"apiKey\": \""
                + key
                + "\"}]}");

    assertThatThrownBy(() -> AgentSpecs.read(file))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("secret.json")
        .hasMessageContaining("providers[0].apiKey")
        .hasMessageContaining("apiKeyEnv")
        .hasMessageNotContaining(key);
  }

  @Test
  void aKeyPastedIntoApiKeyEnvIsRefused() throws IOException {
    String key = "sk-abcdefghijklmnopqrstuvwxyz0123456789";
    Path file =
        write(
            "pasted.yaml",
            "id: a\nremoteAllowed: true\nproviders:\n  - name: openai\n    apiKeyEnv: "
                + key
                + "\n");
    Path lowerCase =
        write(
            "lower.yaml",
            "id: a\nremoteAllowed: true\nproviders:\n  - name: openai\n    apiKeyEnv: not a name\n");

    assertThatThrownBy(() -> AgentSpecs.read(file))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("providers[0].apiKeyEnv")
        .hasMessageNotContaining(key);
    assertThatThrownBy(() -> AgentSpecs.read(lowerCase))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("lower.yaml")
        .hasMessageContaining("must name an environment variable");
  }

  @Test
  void aRemoteModelNeedsRemoteAllowed() throws IOException {
    Path file = write("remote.yaml", "id: a\nproviders:\n  - name: openai\n");

    assertThatThrownBy(() -> AgentSpecs.read(file))
        .isInstanceOf(AgentConfigException.class)
        .hasMessageContaining("remote.yaml")
        .hasMessageContaining("providers[0] 'openai'")
        .hasMessageContaining("remoteAllowed");
  }

  @Test
  void invalidValuesNameTheirField() throws IOException {
    Path topK = write("topk.yaml", "id: a\nretrieval:\n  topK: 0\n");
    Path guard = write("guard.yaml", "id: a\nguard: maybe\n");
    Path notNumber = write("number.json", "{\"id\": \"a\", \"memoryMessages\": \"ten\"}");
    Path extension = write("agent.txt", "id: a\n");

    assertThatThrownBy(() -> AgentSpecs.read(topK)).hasMessageContaining("retrieval.topK");
    assertThatThrownBy(() -> AgentSpecs.read(guard)).hasMessageContaining("block, flag, allow");
    assertThatThrownBy(() -> AgentSpecs.read(notNumber)).hasMessageContaining("memoryMessages");
    assertThatThrownBy(() -> AgentSpecs.read(extension)).hasMessageContaining(".json, .yaml");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
