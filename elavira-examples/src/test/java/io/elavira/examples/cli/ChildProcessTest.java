package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in its own JVM, as a user runs it: what only a real process shows (its command line, its
 * console logging). The JVM flags are those of the ./elavira launcher; the classpath goes through
 * the CLASSPATH variable so that the command line holds what a user's would.
 */
class ChildProcessTest {

  private static final String BIKE_QUESTION = "How do I repair a punctured bicycle tyre? ";

  @TempDir Path sandbox;
  @TempDir Path home;
  @TempDir Path docs;

  @BeforeEach
  void ingestCorpus() throws Exception {
    TestCorpus.ingestGood(docs, home);
  }

  @Test
  void answersA3900CharacterQuestion() throws Exception {
    String question = BIKE_QUESTION.repeat(200).substring(0, 3_900).strip();

    Child run = elavira("ask", "--offline", "--home", home.toString(), question);

    assertThat(run.commandLineBytes())
        .as("command line as long as the launcher's")
        .isGreaterThan(4_096);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("[1] " + TestCorpus.BIKE);
  }

  @Test
  void refusesA5000CharacterQuestionNamingTheLimit() throws Exception {
    String question = BIKE_QUESTION.repeat(200).substring(0, 5_000);

    Child run = elavira("ask", "--offline", "--home", home.toString(), question);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .contains("limit is " + QuestionInput.MAX_QUESTION_CHARS + " characters")
        .doesNotContain(BIKE_QUESTION)
        .doesNotContain("Exception");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void keepsLibraryLoggingOutOfTheConsoleEvenWithVerbose() throws Exception {
    Child quiet = elavira("ask", "--offline", "--home", home.toString(), BIKE_QUESTION);
    Child verbose = elavira("ask", "-v", "--offline", "--home", home.toString(), BIKE_QUESTION);

    assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
    assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
    assertThat(quiet.err()).doesNotContain("Hikari").doesNotContain("[INFO]");
    // --verbose turns Elavira's own logging to debug, not the libraries'.
    assertThat(verbose.err()).contains("[DEBUG]").doesNotContain("Hikari");
  }

  private Child elavira(String... args) throws IOException, InterruptedException {
    List<String> command = ChildCli.command(sandbox, args);
    Path out = Files.createTempFile(sandbox, "out", ".txt");
    Path err = Files.createTempFile(sandbox, "err", ".txt");
    Process process = ChildCli.start(command, sandbox, out, err);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("elavira did not end within 2 minutes: " + command.subList(0, 6));
    }
    int bytes = String.join(" ", command).getBytes(StandardCharsets.UTF_8).length;
    return new Child(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8),
        bytes);
  }

  /** A finished child process. */
  private record Child(int exitCode, String out, String err, int commandLineBytes) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
    }
  }
}
