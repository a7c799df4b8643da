package io.elavira.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ask} and {@code chat} with {@code --agent ID} answer through the home's agent registry
 * with the agent's own configuration (system prompt, models), follow {@code elavira agents update}
 * on the next command, and refuse the command line's provider options. The models are llama.cpp
 * servers in WireMock.
 */
class ConfiguredAgentCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CHAT = "/v1/chat/completions";

  @TempDir Path home;
  @TempDir Path files;
  private LlamaCppStub bikes;
  private LlamaCppStub bread;

  @BeforeEach
  void start() {
    bikes = LlamaCppStub.start("Pump the tyre to four bar.");
    bread = LlamaCppStub.start("Bake the loaf at 230 degrees.");
  }

  @AfterEach
  void stop() {
    bikes.close();
    bread.close();
  }

  /** Writes and stores (create) or replaces (update) the agent {@code garage}. */
  private CliRun configure(String verb, String systemPrompt, String... baseUrls) throws Exception {
    StringBuilder yaml =
        new StringBuilder("id: garage\nsystemPrompt: ").append(systemPrompt).append("\n");
    yaml.append("providers:\n");
    for (String url : baseUrls) {
      yaml.append("  - name: llamacpp\n    model: ")
          .append(LlamaCppStub.MODEL)
          .append("\n    baseUrl: ")
          .append(url)
          .append("\n");
    }
    Path file = Files.writeString(files.resolve("garage-" + verb + ".yaml"), yaml.toString());
    List<String> args = new ArrayList<>(List.of("agents", verb));
    if (verb.equals("update")) {
      args.add("garage");
    }
    args.add(file.toString());
    return run(args.toArray(String[]::new));
  }

  @Test
  void askAnswersWithTheAgentsOwnPromptAndModelThenWithItsUpdatedConfiguration() throws Exception {
    assertThat(configure("create", "You fix bicycles.", bikes.baseUrl()).exitCode()).isZero();

    CliRun first = run("ask", "--agent", "garage", "--json", "How hard should the tyre be?");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    JsonNode answer = JSON.readTree(first.out());
    assertThat(answer.get("mode").asText()).isEqualTo("GENERATED");
    assertThat(answer.get("provider").asText()).isEqualTo("llamacpp");
    assertThat(answer.get("answer").asText()).isEqualTo("Pump the tyre to four bar.");
    bikes
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo(CHAT))
                .withRequestBody(containing("You fix bicycles.")));

    assertThat(configure("update", "You bake bread.", bread.baseUrl()).exitCode()).isZero();
    CliRun second = run("ask", "--agent", "garage", "--json", "How hot should the oven be?");

    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(JSON.readTree(second.out()).get("answer").asText())
        .isEqualTo("Bake the loaf at 230 degrees.");
    bread
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo(CHAT)).withRequestBody(containing("You bake bread.")));
    bikes.server().verify(1, postRequestedFor(urlPathEqualTo(CHAT)));
  }

  @Test
  void aChainOfTwoProvidersFallsBackWhenTheFirstIsDown() throws Exception {
    String unreachable;
    try (LlamaCppStub gone = LlamaCppStub.start()) {
      unreachable = gone.baseUrl(); // stopped below: connections are refused
    }
    assertThat(configure("create", "You fix bicycles.", unreachable, bikes.baseUrl()).exitCode())
        .isZero();

    CliRun asked = run("ask", "--agent", "garage", "--json", "How hard should the tyre be?");

    assertThat(asked.exitCode()).as(asked.toString()).isZero();
    JsonNode answer = JSON.readTree(asked.out());
    assertThat(answer.get("answer").asText()).isEqualTo("Pump the tyre to four bar.");
    assertThat(answer.at("/attempts/0/outcome").asText()).isEqualTo("FAILED");
    assertThat(answer.at("/attempts/1/outcome").asText()).isEqualTo("ANSWERED");
  }

  @Test
  void chatStreamsTheAgentsOwnModel() throws Exception {
    assertThat(configure("create", "You fix bicycles.", bikes.baseUrl()).exitCode()).isZero();

    CliRun chat =
        CliRun.runWithInput(
            "How hard should the tyre be?\n/exit\n",
            "chat",
            "--agent",
            "garage",
            "--home",
            home.toString());

    assertThat(chat.exitCode()).as(chat.toString()).isZero();
    assertThat(chat.out()).contains("Pump the tyre to four bar.");
    bikes
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo(CHAT))
                .withRequestBody(containing("You fix bicycles.")));
  }

  @Test
  void providerOptionsAreRefusedForAConfiguredAgentAndNothingIsSent() throws Exception {
    assertThat(configure("create", "You fix bicycles.", bikes.baseUrl()).exitCode()).isZero();

    CliRun asked =
        run(
            "ask",
            "--agent",
            "garage",
            "--llm",
            "llamacpp",
            "--llm-url",
            bread.baseUrl(),
            "--retrieval",
            "lexical",
            "Anything?");

    assertThat(asked.exitCode()).as(asked.toString()).isEqualTo(1);
    assertThat(asked.err())
        .contains("Agent 'garage' answers with its own configuration")
        .contains("--llm, --llm-url, --retrieval are not used with --agent garage")
        .contains("elavira agents update garage");
    bread.server().verify(0, postRequestedFor(urlPathEqualTo(CHAT)));
    bikes.server().verify(0, postRequestedFor(urlPathEqualTo(CHAT)));
  }

  @Test
  void offlineAnswersExtractivelyWithoutCallingTheAgentsModel() throws Exception {
    assertThat(configure("create", "You fix bicycles.", bikes.baseUrl()).exitCode()).isZero();

    CliRun asked = run("ask", "--agent", "garage", "--offline", "--json", "Anything?");

    assertThat(asked.exitCode()).as(asked.toString()).isZero();
    assertThat(JSON.readTree(asked.out()).get("mode").asText()).isEqualTo("EXTRACTIVE");
    bikes.server().verify(0, postRequestedFor(urlPathEqualTo(CHAT)));
  }

  private CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--home", home.toString()));
    return CliRun.run(all.toArray(String[]::new));
  }
}
