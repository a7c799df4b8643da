package io.elavira.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elavira answers show ANSWER-ID [--json]}: a consensus answer asked in one command (three
 * llama.cpp workers in WireMock, one refusing its key) is shown again by a later command, every
 * worker's answer or failure included; an unknown id is a clear error.
 */
class AnswersCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OTHER = "Bake it at 230 degrees for forty minutes.";

  @TempDir static Path home;
  @TempDir static Path docs;

  private static LlamaCppStub first;
  private static LlamaCppStub second;
  private static WireMockServer refusing;
  private static JsonNode asked;

  @BeforeAll
  static void askWithAConsensus() throws Exception {
    TestCorpus.ingestGood(docs, home);
    first = LlamaCppStub.start();
    second = LlamaCppStub.start(OTHER);
    refusing = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    refusing.start();
    refusing.stubFor(
        get(urlPathEqualTo("/health"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"status\":\"ok\"}")));
    // llama.cpp's server started with --api-key, asked without the right one.
    refusing.stubFor(
        post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"code\":401,\"message\":\"Invalid API Key\","
                            + "\"type\":\"authentication_error\"}}")));
    CliRun run =
        CliRun.run(
            "ask",
            "-j",
            "-H",
            home.toString(),
            "--consensus",
            "majority",
            "--llm",
            "llamacpp,llamacpp,llamacpp",
            "--llm-url",
            first.baseUrl() + "," + second.baseUrl() + ",http://127.0.0.1:" + refusing.port(),
            "--model",
            "qwen-a,qwen-b,qwen-c",
            "What temperature should the sourdough loaf bake at?");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    asked = JSON.readTree(run.out());
    assertThat(asked.get("consensus")).as(run.toString()).isNotNull();
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
    refusing.stop();
  }

  @Test
  void showsEveryWorkersAnswerOrFailureOfAStoredConsensusAsJson() throws Exception {
    String traceId = asked.get("traceId").asText();

    CliRun run = CliRun.run("answers", "show", traceId, "--json", "-H", home.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode trace = JSON.readTree(run.out());
    assertThat(trace.get("traceId").asText()).isEqualTo(traceId);
    assertThat(trace.get("agent").asText()).isEqualTo("default");
    assertThat(trace.get("conversationId").asText())
        .isEqualTo(asked.get("conversationId").asText());
    assertThat(trace.get("answer").asText()).isEqualTo(asked.get("answer").asText());
    assertThat(trace.has("route")).isFalse(); // the CLI's default agent has no router
    JsonNode consensus = trace.get("consensus");
    assertThat(consensus.get("strategy").asText()).isEqualTo("majority");
    assertThat(consensus.get("merger").isNull()).isTrue();
    JsonNode workers = consensus.get("workers");
    assertThat(workers).hasSize(3);
    assertThat(workers.get(0).get("model").asText()).isEqualTo("qwen-a");
    assertThat(workers.get(0).get("answer").asText()).isEqualTo(LlamaCppStub.GENERATED);
    assertThat(workers.get(1).get("answer").asText()).isEqualTo(OTHER);
    assertThat(workers.get(2).get("outcome").asText()).isEqualTo("FAILED");
    assertThat(workers.get(2).get("kind").asText()).isEqualTo("AUTHENTICATION");
    assertThat(workers.get(2).get("answer").isNull()).isTrue();
    // The same record the answer showed when it was given.
    assertThat(consensus.get("workers")).isEqualTo(asked.get("consensus").get("workers"));
    assertThat(trace.get("attempts")).isEqualTo(asked.get("attempts"));
  }

  @Test
  void showsTheTraceForPeople() {
    CliRun run =
        CliRun.run("answers", "show", asked.get("traceId").asText(), "-H", home.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("agent default")
        .contains(asked.get("answer").asText())
        .contains("Route: none recorded")
        .contains("Consensus: majority, 3 workers, 1 failed")
        .contains("llamacpp/qwen-a  answered in")
        .contains(OTHER)
        .contains("llamacpp/qwen-c  failed: AUTHENTICATION");
  }

  @Test
  void anUnknownIdIsAClearErrorWithExitCodeOne() throws Exception {
    CliRun run = CliRun.run("answers", "show", "no-such-answer", "-H", home.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("No answer has the id 'no-such-answer'")
        .contains("traceId printed by `elavira ask --json`");
    assertThat(run.out()).isEmpty();

    CliRun json = CliRun.run("answers", "show", "no-such-answer", "-j", "-H", home.toString());

    assertThat(json.exitCode()).isEqualTo(1);
    JsonNode error = JSON.readTree(json.out()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_argument");
    assertThat(error.get("message").asText()).contains("no-such-answer");
  }

  @Test
  void anAnswerOfAConfiguredAgentShowsItsRouteAndWhyTheAgentAnswered(
      @TempDir Path agentHome, @TempDir Path files) throws Exception {
    Path config =
        Files.writeString(
            files.resolve("garage.yaml"),
            "id: garage\nsystemPrompt: You fix bicycles.\nproviders:\n"
                + "  - name: llamacpp\n    model: "
                + LlamaCppStub.MODEL
                + "\n    baseUrl: "
                + first.baseUrl()
                + "\n");
    succeeded(CliRun.run("agents", "create", config.toString(), "-H", agentHome.toString()));
    CliRun ask =
        succeeded(
            CliRun.run(
                "ask", "--agent", "garage", "-j", "-H", agentHome.toString(), "Tyre pressure?"));
    JsonNode answer = JSON.readTree(ask.out());

    CliRun run =
        succeeded(
            CliRun.run(
                "answers",
                "show",
                answer.get("traceId").asText(),
                "-j",
                "-H",
                agentHome.toString()));

    JsonNode trace = JSON.readTree(run.out());
    assertThat(trace.get("agent").asText()).isEqualTo("garage");
    assertThat(trace.get("route")).isEqualTo(answer.get("route"));
    assertThat(trace.at("/route/reasons/0").asText())
        .isEqualTo("agent 'garage': asked for explicitly");
    assertThat(trace.at("/route/chain").asText()).isEqualTo("LOCAL");
    assertThat(trace.has("consensus")).isFalse();
  }

  /** Checks that a command succeeded, and returns its run. */
  private static CliRun succeeded(CliRun run) {
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }

  @Test
  void withoutASubcommandOrAnIdItIsAUsageError() {
    assertThat(CliRun.run("answers", "-H", home.toString()).exitCode()).isEqualTo(2);
    assertThat(CliRun.run("answers", "show", "-H", home.toString()).exitCode()).isEqualTo(2);
  }
}
