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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AskCommandTest {

  @TempDir Path home;
  @TempDir Path docs;

  @BeforeEach
  void ingestCorpus() throws Exception {
    TestCorpus.ingestGood(docs, home);
  }

  @Test
  void jsonSourcesCarryTheFullPathAndTheSectionBesideTheFileName() throws Exception {
    CliRun run = ask("--json", "How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode top = new ObjectMapper().readTree(run.out()).get("sources").get(0);
    assertThat(top.get("document").asText()).isEqualTo(TestCorpus.BIKE);
    assertThat(top.get("path").asText())
        .isEqualTo(docs.resolve(TestCorpus.BIKE).toRealPath().toString());
    assertThat(top.get("section").asText()).contains("Fixing a flat tyre on a bicycle");
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
    assertThat(json.get("reason").asText()).contains("No language model");
    assertThat(json.get("provider").asText()).isEqualTo("extractive");
    assertThat(json.get("attempts")).isEmpty();
    assertThat(json.get("partial").asBoolean()).isFalse();
    assertThat(json.get("model").asText()).isNotBlank();
    assertThat(json.get("latencyMs").isIntegralNumber()).isTrue();
    assertThat(json.get("conversationId").asText()).isNotBlank().isNotEqualTo("default");
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
      assertThat(agent.listDocuments()).hasSize(3);
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

  @Test
  void startsANewConversationAtEachAskByDefault() throws Exception {
    CliRun first = ask("--json", "When is the income tax return due?");
    CliRun second = ask("--json", "And when is property tax paid?");

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    String firstId = conversationIdOf(first);
    String secondId = conversationIdOf(second);
    assertThat(secondId).isNotEqualTo(firstId);
    try (OnnxEmbeddingModel embeddings = OnnxEmbeddingModel.allMiniLmL6V2();
        ElaviraAgent agent = ElaviraAgent.builder().home(home).embeddings(embeddings).build()) {
      assertThat(agent.history(firstId, 10))
          .extracting(StoredMessage::content)
          .first()
          .isEqualTo("When is the income tax return due?");
      assertThat(agent.history(secondId, 10))
          .extracting(StoredMessage::content)
          .first()
          .isEqualTo("And when is property tax paid?");
      assertThat(agent.history(secondId, 10)).hasSize(2);
    }
  }

  @Test
  void continuesTheUsersLastConversationWithDashC() throws Exception {
    String first = conversationIdOf(ask("--json", "When is the income tax return due?"));
    String bobs = conversationIdOf(ask("--json", "-u", "bob", "How do I fix a flat tyre?"));

    CliRun next = ask("--json", "-c", "And when is property tax paid?");
    CliRun bobNext = ask("--json", "--user", "bob", "--continue", "And the brakes?");

    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(conversationIdOf(next)).isEqualTo(first);
    assertThat(conversationIdOf(bobNext)).isEqualTo(bobs);
    try (OnnxEmbeddingModel embeddings = OnnxEmbeddingModel.allMiniLmL6V2();
        ElaviraAgent agent = ElaviraAgent.builder().home(home).embeddings(embeddings).build()) {
      assertThat(agent.history(first, 10))
          .extracting(StoredMessage::role)
          .containsExactly(Role.USER, Role.ASSISTANT, Role.USER, Role.ASSISTANT);
    }
  }

  @Test
  void startsANewConversationWhenThereIsNoneToContinue() throws Exception {
    CliRun run = ask("--json", "-c", "When is the income tax return due?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(conversationIdOf(run)).isNotBlank();
    assertThat(run.err()).contains("No earlier conversation of user local");
  }

  @Test
  void refusesContinueTogetherWithAConversationId() {
    CliRun run = ask("-c", "--conversation", "taxes", "When is the income tax return due?");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--conversation and --continue");
  }

  @Test
  void givesEachUserTheirOwnConversations() {
    CliRun local = ask("When is the income tax return due?");
    CliRun bob = ask("--user", "bob", "When is the income tax return due?");
    CliRun alice = ask("-u", "alice", "When is the income tax return due?");

    assertThat(local.exitCode()).as(local.toString()).isZero();
    assertThat(bob.exitCode()).as(bob.toString()).isZero();
    assertThat(alice.exitCode()).as(alice.toString()).isZero();
    assertThat(bob.out()).contains("[1] " + TestCorpus.TAXES);
  }

  @Test
  void refusesAnotherUsersConversationWithAClearMessage() {
    assertThat(ask("--conversation", "mine", "When is the income tax return due?").exitCode())
        .isZero();

    CliRun bob = ask("--user", "bob", "--conversation", "mine", "And property tax?");

    assertThat(bob.exitCode()).isEqualTo(1);
    assertThat(bob.err()).contains("mine").contains("another").doesNotContain("\tat ");
  }

  @Test
  void readsTheQuestionFromStandardInputWhenNoneIsGiven() throws Exception {
    CliRun run =
        CliRun.runWithInput(
            "How do I repair a punctured bicycle tyre?\n",
            "ask",
            "--offline",
            "--json",
            "--home",
            home.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("sources").get(0).get("document").asText()).isEqualTo(TestCorpus.BIKE);
    try (OnnxEmbeddingModel embeddings = OnnxEmbeddingModel.allMiniLmL6V2();
        ElaviraAgent agent = ElaviraAgent.builder().home(home).embeddings(embeddings).build()) {
      assertThat(agent.history(json.get("conversationId").asText(), 10).get(0).content())
          .isEqualTo("How do I repair a punctured bicycle tyre?");
    }
  }

  @Test
  void readsTheQuestionFromStandardInputForADash() {
    CliRun run =
        CliRun.runWithInput(
            "What temperature should the sourdough loaf bake at?",
            "ask",
            "--offline",
            "--home",
            home.toString(),
            "-");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("[1] " + TestCorpus.BREAD);
  }

  @Test
  void refusesToWaitSilentlyForAQuestionTypedOnATerminal() {
    CliEnvironment terminal =
        new CliEnvironment(
            CliRun.stdin("never read"),
            true,
            Map.of(),
            CliEnvironment.InterruptTrap.PROCESS_DEFAULT);

    CliRun run = CliRun.run(terminal, "ask", "--offline", "--home", home.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing question").contains("| elavira ask");
  }

  @Test
  void rejectsAnEmptyStandardInputWithAClearMessage() {
    CliRun run = CliRun.runWithInput(" \n\n", "ask", "--offline", "--home", home.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("question on standard input is empty");
  }

  @Test
  void refusesAQuestionOverTheLimitNamingTheLimit() {
    CliRun run = ask("x".repeat(5_000));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("5000 characters")
        .contains("limit is " + QuestionInput.MAX_QUESTION_CHARS)
        .doesNotContain("xxxx");
  }

  @Test
  void refusesATooLongQuestionOnStandardInputWithoutKeepingItAll() {
    CliRun run =
        CliRun.runWithInput("y".repeat(100_000), "ask", "--offline", "--home", home.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("100000 characters").contains("limit is 4000");
  }

  @Test
  void acceptsTheCommonOptionsBeforeTheCommand() throws Exception {
    CliRun run =
        CliRun.run(
            "--home",
            home.toString(),
            "--offline",
            "--json",
            "--user",
            "bob",
            "ask",
            "What temperature should the sourdough loaf bake at?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("sources").get(0).get("document").asText()).isEqualTo(TestCorpus.BREAD);
  }

  @Test
  void letsAnOptionAfterTheCommandWinOverTheSameOptionBefore(@TempDir Path emptyHome) {
    CliRun run =
        CliRun.run(
            "-H",
            emptyHome.toString(),
            "ask",
            "-H",
            home.toString(),
            "--offline",
            "What temperature should the sourdough loaf bake at?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("[1] " + TestCorpus.BREAD);
    assertThat(run.err()).doesNotContain("No documents");
  }

  @Test
  void acceptsShortFlagsForTheCommonOptions() throws Exception {
    CliRun run =
        CliRun.run(
            "ask",
            "-H",
            home.toString(),
            "-j",
            "-u",
            "carol",
            "-m",
            "some-model",
            "--offline",
            "When is the income tax return due?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(
            new ObjectMapper().readTree(run.out()).get("sources").get(0).get("document").asText())
        .isEqualTo(TestCorpus.TAXES);
  }

  @Test
  void refusesAnOptionBeforeTheCommandThatDoesNotApplyToIt() {
    CliRun run = CliRun.run("--model", "llama3.2", "ingest", "--home", home.toString(), "x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--model does not apply to ingest");
  }

  @Test
  void printsErrorsAsJsonOnStandardOutputWithTheSameExitCodes() throws Exception {
    CliRun text = ask("   ");
    CliRun json = ask("--json", "   ");

    assertThat(json.exitCode()).isEqualTo(text.exitCode()).isEqualTo(1);
    JsonNode error = new ObjectMapper().readTree(json.out()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_input");
    assertThat(error.get("message").asText()).contains("question is empty");
    assertThat(json.out().strip().lines()).hasSize(1);
    assertThat(json.err()).doesNotContain("question is empty");
  }

  @Test
  void printsUsageErrorsAsJsonWithExitCodeTwo() throws Exception {
    CliRun run = CliRun.run("--json", "ask", "--no-such-option", "Hello?");

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode error = new ObjectMapper().readTree(run.out()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("usage");
    assertThat(error.get("message").asText()).contains("--no-such-option");
  }

  @Test
  void printsAnotherUsersConversationAsAJsonError() throws Exception {
    assertThat(ask("--conversation", "mine", "When is the income tax return due?").exitCode())
        .isZero();

    CliRun run = ask("-j", "-u", "bob", "--conversation", "mine", "And property tax?");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode error = new ObjectMapper().readTree(run.out()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("invalid_argument");
    assertThat(error.get("message").asText()).contains("mine");
  }

  private static String conversationIdOf(CliRun run) throws Exception {
    return new ObjectMapper().readTree(run.out()).get("conversationId").asText();
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
