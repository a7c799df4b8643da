package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.ElaviraAgent;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.store.StoredMessage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatCommandTest {

  private static final String BIKE_QUESTION = "How do I repair a punctured bicycle tyre?";
  private static final String TAX_QUESTION = "When must the income tax return be filed?";

  @TempDir Path home;
  @TempDir Path docs;

  @BeforeEach
  void ingestCorpus() throws Exception {
    TestCorpus.ingestGood(docs, home);
  }

  @Test
  void answersEachPipedLineAndStopsAtEndOfInput() {
    CliRun run = chat(BIKE_QUESTION + "\n\n" + TAX_QUESTION + "\n");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("[1] " + TestCorpus.BIKE).contains("[1] " + TestCorpus.TAXES);
    assertThat(run.out().lines().filter(l -> l.equals("Sources:"))).hasSize(2);
  }

  @Test
  void stopsAtExitCommand() {
    CliRun run = chat(BIKE_QUESTION + "\n/exit\n" + TAX_QUESTION + "\n");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains(TestCorpus.BIKE).doesNotContain("[1] " + TestCorpus.TAXES);
  }

  @Test
  void handlesCommandsWithoutSendingOrStoringThem() {
    CliRun run =
        chat(
            "/help\n/history\n"
                + BIKE_QUESTION
                + "\n/history\n/new\n"
                + TAX_QUESTION
                + "\n/history\n/nonsense\n/quit\nnever asked\n",
            "--conversation",
            "first");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("/new       start a new conversation")
        .contains("No messages yet in conversation first.")
        .contains("you: " + BIKE_QUESTION);
    assertThat(run.err()).contains("unknown command /nonsense");
    assertThat(run.out().lines().filter(l -> l.equals("Sources:"))).hasSize(2);
    Matcher created = Pattern.compile("New conversation (\\S+)\\.").matcher(run.out());
    assertThat(created.find()).as(run.toString()).isTrue();
    String second = created.group(1);
    // The last /history shows the new conversation only.
    String afterNew = run.out().substring(run.out().indexOf("New conversation"));
    assertThat(afterNew).contains("you: " + TAX_QUESTION).doesNotContain("you: " + BIKE_QUESTION);
    try (OnnxEmbeddingModel embeddings = OnnxEmbeddingModel.allMiniLmL6V2();
        ElaviraAgent agent = ElaviraAgent.builder().home(home).embeddings(embeddings).build()) {
      assertThat(agent.history("first", 20))
          .extracting(StoredMessage::content)
          .hasSize(2)
          .first()
          .isEqualTo(BIKE_QUESTION);
      assertThat(agent.history(second, 20))
          .extracting(StoredMessage::content)
          .hasSize(2)
          .first()
          .isEqualTo(TAX_QUESTION);
      assertThat(agent.history("first", 20))
          .extracting(StoredMessage::content)
          .noneMatch(content -> content.startsWith("/"));
    }
  }

  @Test
  void sendsALineStartingWithSpaceAndSlashAsAQuestion() {
    CliRun run = chat("  /how do I repair a punctured bicycle tyre?\n");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).doesNotContain("unknown command");
    assertThat(run.out()).contains("[1] " + TestCorpus.BIKE);
  }

  @Test
  void startsANewConversationAtEachChatUnlessToldToContinue() {
    assertThat(chat(BIKE_QUESTION + "\n").exitCode()).isZero();

    CliRun fresh = chat("/history\n");
    CliRun continued = chat("/history\n", "-c");

    assertThat(fresh.out()).contains("No messages yet").doesNotContain(BIKE_QUESTION);
    assertThat(continued.out()).contains("you: " + BIKE_QUESTION);
  }

  @Test
  void refusesToOpenAnotherUsersConversation() {
    assertThat(chat(BIKE_QUESTION + "\n", "--conversation", "alices").exitCode()).isZero();

    CliRun bob = chat("/history\n", "-u", "bob", "--conversation", "alices");

    assertThat(bob.exitCode()).isEqualTo(1);
    assertThat(bob.err()).contains("alices").contains("another");
    assertThat(bob.out()).doesNotContain(BIKE_QUESTION);
  }

  @Test
  void keepsTheChatGoingAfterARefusedQuestion() {
    CliRun run = chat("x".repeat(5_000) + "\n" + TAX_QUESTION + "\n");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("too long").contains("4000");
    assertThat(run.out()).contains("[1] " + TestCorpus.TAXES);
  }

  private CliRun chat(String stdin, String... options) {
    String[] args = new String[options.length + 4];
    args[0] = "chat";
    args[1] = "--offline";
    args[2] = "--home";
    args[3] = home.toString();
    System.arraycopy(options, 0, args, 4, options.length);
    return CliRun.runWithInput(stdin, args);
  }
}
