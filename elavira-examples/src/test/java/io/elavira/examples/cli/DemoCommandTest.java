package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void runsOfflineAndPrintsAnswersWithSources() {
    CliRun run = CliRun.run("demo", "--offline");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    for (String question : DemoCommand.QUESTIONS) {
      assertThat(run.out()).contains(question);
    }
    assertThat(run.out().lines().filter(l -> l.equals("Sources:")))
        .hasSize(DemoCommand.QUESTIONS.size());
    assertThat(run.out()).contains("[1] storage.md").contains("Demo finished");
    assertThat(run.out()).containsPattern("Ingested 6 files: 6 added");
  }

  @Test
  void asksAtLeastOneQuestionInFrench() {
    assertThat(DemoCommand.QUESTIONS).anyMatch(q -> q.startsWith("Comment"));
  }

  @Test
  void packagesEveryPageOfTheGuide() throws IOException {
    Path guide = Path.of(System.getProperty("user.dir")).resolve("../docs/guide").normalize();
    try (Stream<Path> pages = Files.list(guide)) {
      assertThat(DemoCorpus.names())
          .containsExactlyInAnyOrderElementsOf(
              pages.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).toList());
    }
  }
}
