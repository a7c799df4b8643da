package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during {@code elavira ingest}, in its own JVM sent a real signal: the files saved are
 * named, and exactly those are in the agent afterwards.
 */
class IngestInterruptTest {

  private static final int FILES = 60;
  private static final Pattern INTERRUPTED =
      Pattern.compile("interrupted: (\\d+) of (\\d+) files saved");

  @TempDir Path sandbox;
  @TempDir Path home;
  @TempDir Path docs;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void ctrlCOrKillSaysHowManyFilesAreSavedAndTheyStaySaved() throws Exception {
    for (int i = 0; i < FILES; i++) {
      Files.writeString(docs.resolve(String.format("notes-%02d.txt", i)), text(i));
    }
    Path out = sandbox.resolve("out.txt");
    Path err = sandbox.resolve("err.txt");
    Process child = start(out, err, "ingest", "--home", home.toString(), docs.toString());
    try {
      // Waits until two files are indexed (the per-file lines of a non-terminal run), or the child
      // ended by itself, which the assertions below then report.
      while (child.isAlive() && !Files.readString(out).contains("[2/" + FILES + "]")) {
        child.waitFor(50, TimeUnit.MILLISECONDS);
      }
      // SIGTERM runs the same shutdown path as Ctrl-C's SIGINT; SIGINT itself cannot be used here,
      // as a build started in the background (nohup, &) passes "SIGINT ignored" on to the child.
      assertThat(child.isAlive()).as("still ingesting when signalled").isTrue();
      child.destroy();
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("ended after Ctrl-C").isTrue();
    } finally {
      child.destroyForcibly();
    }

    String errors = Files.readString(err, StandardCharsets.UTF_8);
    Matcher interrupted = INTERRUPTED.matcher(errors);
    assertThat(interrupted.find()).as(errors).isTrue();
    int saved = Integer.parseInt(interrupted.group(1));
    assertThat(Integer.parseInt(interrupted.group(2))).isEqualTo(FILES);
    assertThat(saved).isBetween(2, FILES - 1);
    assertThat(child.exitValue()).isNotZero();

    CliRun documents = CliRun.run("documents", "list", "--json", "--home", home.toString());

    assertThat(documents.exitCode()).as(documents.toString()).isZero();
    assertThat(new ObjectMapper().readTree(documents.out()).get("documents"))
        .as("the files saved stay in the agent")
        .hasSize(saved);
  }

  /** About 60 chunks of distinct prose per file, so that the run lasts well past two files. */
  private static String text(int file) {
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < 240; p++) {
      text.append("Paragraph ")
          .append(p)
          .append(" of notebook ")
          .append(file)
          .append(": the garden needs water on day ")
          .append((p * 7 + file) % 31)
          .append(", the apple trees are pruned in month ")
          .append((p + file) % 12 + 1)
          .append(" and the compost is turned every ")
          .append(p % 9 + 2)
          .append(" weeks, while bees visit the lavender row number ")
          .append(p * 13 + file)
          .append(".\n\n");
    }
    return text.toString();
  }

  private Process start(Path out, Path err, String... args) throws IOException {
    return ChildCli.start(ChildCli.command(sandbox, args), sandbox, out, err);
  }
}
