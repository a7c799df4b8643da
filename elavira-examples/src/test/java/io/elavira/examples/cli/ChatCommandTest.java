package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatCommandTest {

  @TempDir Path home;
  @TempDir Path docs;

  @BeforeEach
  void ingestCorpus() throws Exception {
    TestCorpus.writeGood(docs);
    assertThat(CliRun.run("ingest", "--home", home.toString(), docs.toString()).exitCode())
        .isZero();
  }

  @Test
  void answersEachPipedLineAndStopsAtEndOfInput() {
    CliRun run =
        CliRun.runWithInput(
            "How do I repair a punctured bicycle tyre?\n\nWhen must the income tax return be filed?\n",
            "chat",
            "--offline",
            "--home",
            home.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("[1] " + TestCorpus.BIKE).contains("[1] " + TestCorpus.TAXES);
    assertThat(run.out().lines().filter(l -> l.equals("Sources:"))).hasSize(2);
  }

  @Test
  void stopsAtExitCommand() {
    CliRun run =
        CliRun.runWithInput(
            "How do I repair a punctured bicycle tyre?\n/exit\nWhen must the income tax return be filed?\n",
            "chat",
            "--offline",
            "--home",
            home.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains(TestCorpus.BIKE).doesNotContain("[1] " + TestCorpus.TAXES);
  }
}
