package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.ElaviraAgent;
import io.elavira.llm.Role;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.store.StoredMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AskCommandTest {

  @TempDir Path home;
  @TempDir Path docs;

  @BeforeEach
  void ingestCorpus() throws Exception {
    TestCorpus.writeGood(docs);
    CliRun ingest = CliRun.run("ingest", "--home", home.toString(), docs.toString());
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
  }

  @Test
  void printsTheAnswerThenItsSources() {
    CliRun run = ask("How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String out = run.out();
    assertThat(out).contains("Sources:").contains("[1] " + TestCorpus.BIKE).contains("score");
    assertThat(out.indexOf("patch")).isGreaterThanOrEqualTo(0).isLessThan(out.indexOf("Sources:"));
    assertThat(run.err()).contains("Offline");
  }

  @Test
  void printsOneParseableJsonObjectWithJson() throws Exception {
    CliRun run = ask("--json", "What temperature should the sourdough loaf bake at?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("answer").asText()).isNotBlank();
    assertThat(json.get("mode").asText()).isEqualTo("EXTRACTIVE");
    assertThat(json.get("provider").asText()).isEqualTo("extractive");
    assertThat(json.get("model").asText()).isNotBlank();
    assertThat(json.get("latencyMs").isIntegralNumber()).isTrue();
    assertThat(json.get("conversationId").asText()).isEqualTo("default");
    JsonNode sources = json.get("sources");
    assertThat(sources).isNotEmpty();
    assertThat(sources.get(0).get("document").asText()).isEqualTo(TestCorpus.BREAD);
    assertThat(sources.get(0).has("page")).isTrue();
    assertThat(sources.get(0).get("chunk").isInt()).isTrue();
    assertThat(sources.get(0).get("score").isNumber()).isTrue();
    assertThat(run.out().strip().lines()).hasSize(1);
  }

  @Test
  void keepsDocumentsAndConversationHistoryAcrossRuns() {
    CliRun first = ask("--conversation", "taxes", "When is the income tax return due?");
    CliRun second = ask("--conversation", "taxes", "And when is property tax paid?");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.out()).contains("[1] " + TestCorpus.TAXES);
    try (OnnxEmbeddingModel embeddings = OnnxEmbeddingModel.allMiniLmL6V2();
        ElaviraAgent agent = ElaviraAgent.builder().home(home).embeddings(embeddings).build()) {
      assertThat(agent.documents()).hasSize(3);
      List<StoredMessage> history = agent.history("taxes", 10);
      assertThat(history)
          .extracting(StoredMessage::role)
          .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
      assertThat(history.get(0).content()).isEqualTo("When is the income tax return due?");
      assertThat(history.get(2).content()).isEqualTo("And when is property tax paid?");
      assertThat(agent.history("default", 10)).isEmpty();
    }
  }

  @Test
  void rejectsAnEmptyQuestionWithAClearMessage() {
    CliRun run = ask("   ");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("question is empty")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void showsTheStackTraceOnlyWithVerbose() {
    CliRun run = ask("--verbose", "   ");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("question is empty").contains("\tat ");
  }

  @Test
  void hintsToIngestWhenTheHomeHasNoDocuments(@TempDir Path emptyHome) {
    CliRun run = CliRun.run("ask", "--offline", "--home", emptyHome.toString(), "Anything?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("No documents in").contains("elavira ingest");
    assertThat(run.out()).contains("Sources: none");
  }

  @Test
  void reportsAMissingCommandAsAUsageError() {
    CliRun run = CliRun.run();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing command").contains("Usage: elavira");
  }

  @Test
  void reportsAnUnknownOptionAsAUsageError() {
    CliRun run = ask("--no-such-option", "Hello?");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--no-such-option").contains("Usage");
  }

  private CliRun ask(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "ask";
    all[1] = "--offline";
    all[2] = "--home";
    all[3] = home.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    return CliRun.run(all);
  }
}
