package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elavira app consensus}: three local workers (WireMock stubs of llama.cpp's server), each
 * worker's answer shown next to the strategy and the consensus.
 */
class ConsensusCommandTest {
  static final String OTHER = "Bake it at 180 degrees.";
  static final String QUESTION = "What temperature should the sourdough loaf bake at?";

  @TempDir static Path home;
  @TempDir static Path docs;

  static LlamaCppStub first;
  static LlamaCppStub second;
  static LlamaCppStub third;

  @BeforeAll
  static void start() throws Exception {
    TestCorpus.ingestGood(docs, home);
    first = LlamaCppStub.start();
    second = LlamaCppStub.start(OTHER);
    third = LlamaCppStub.start();
  }

  @AfterAll
  static void stop() {
    first.close();
    second.close();
    third.close();
  }

  private static String urls() {
    return first.baseUrl() + "," + second.baseUrl() + "," + third.baseUrl();
  }

  @Test
  void showsEachWorkersAnswerTheStrategyAndTheMajorityAnswer() {
    CliRun run =
        CliRun.run(
            "app",
            "consensus",
            "-H",
            home.toString(),
            "--consensus",
            "majority",
            "--llm",
            "llamacpp,llamacpp,llamacpp",
            "--llm-url",
            urls(),
            "--model",
            "qwen-a,qwen-b,qwen-c",
            QUESTION);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("[llamacpp/qwen-a, ")
        .contains("] " + LlamaCppStub.GENERATED)
        .contains("[llamacpp/qwen-b, ")
        .contains("] " + OTHER)
        .contains("[llamacpp/qwen-c, ")
        .contains("Strategy: majority");
    String consensus = run.out().substring(run.out().indexOf("Consensus:"));
    assertThat(consensus).contains("230 degrees").doesNotContain("180 degrees");
  }

  @Test
  void printsEveryQuestionReadFromStandardInputAsOneJsonLineInTheSameConversation()
      throws Exception {
    CliRun run =
        CliRun.runWithInput(
            QUESTION + "\nAnd for how long?\n",
            "app",
            "consensus",
            "-H",
            home.toString(),
            "--json",
            "--consensus",
            "majority",
            "--llm",
            "llamacpp,llamacpp,llamacpp",
            "--llm-url",
            urls(),
            "--model",
            "qwen-a,qwen-b,qwen-c");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String[] lines = run.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode one = json.readTree(lines[0]);
    JsonNode two = json.readTree(lines[1]);
    assertThat(one.get("strategy").asText()).isEqualTo("majority");
    assertThat(one.get("workers")).hasSize(3);
    assertThat(one.get("workers").get(1).get("answer").asText()).isEqualTo(OTHER);
    assertThat(one.get("consensus").get("answer").asText()).contains("230 degrees");
    assertThat(two.get("consensus").get("conversationId").asText())
        .isEqualTo(one.get("consensus").get("conversationId").asText());
  }

  @Test
  void refusesToRunWithoutAStrategyOrWithOneWorker() {
    CliRun noStrategy =
        CliRun.run("app", "consensus", "-H", home.toString(), "--llm", "llamacpp,llamacpp", "Hi?");
    CliRun oneWorker =
        CliRun.run(
            "app",
            "consensus",
            "-H",
            home.toString(),
            "--consensus",
            "majority",
            "--llm",
            "llamacpp",
            "Hi?");

    assertThat(noStrategy.exitCode()).isEqualTo(2);
    assertThat(noStrategy.err()).contains("needs --consensus merger|majority|weighted|best_of");
    assertThat(oneWorker.exitCode()).isEqualTo(2);
    assertThat(oneWorker.err()).contains("needs two or more workers");
  }
}
