package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record an unfinished {@code elavira ingest} leaves in the home, read by the next run. */
class IngestRunTest {

  @TempDir Path home;

  @Test
  void aFinishedRunLeavesNothingToResume() {
    IngestRun first = IngestRun.start(home, "default");
    first.finished();

    assertThat(IngestRun.start(home, "default").resumes()).isEmpty();
  }

  @Test
  void aRunWhoseProcessIsGoneIsResumedByTheNextOneOfTheSameAgentOnly() throws Exception {
    Process gone =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(gone.waitFor(1, TimeUnit.MINUTES)).isTrue();
    Instant started = Instant.parse("2026-11-30T18:19:14.760Z");
    Files.writeString(
        home.resolve("ingest-default.running"),
        "pid=" + gone.pid() + "\nstarted=" + started.toString().replace(":", "\\:") + "\n");

    assertThat(IngestRun.start(home, "contracts").resumes()).isEmpty();
    assertThat(IngestRun.start(home, "default").resumes()).contains(started);
  }

  @Test
  void aRunStillGoingInAnotherProcessIsNotTakenForAnInterruptedOne() throws Exception {
    ProcessHandle running = ProcessHandle.current(); // started before the record was written
    Files.writeString(
        home.resolve("ingest-default.running"),
        "pid="
            + running.pid()
            + "\nstarted="
            + Instant.now().toString().replace(":", "\\:")
            + "\n");

    assertThat(IngestRun.start(home, "default").resumes()).isEmpty();
  }
}
