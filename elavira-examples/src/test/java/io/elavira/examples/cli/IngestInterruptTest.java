package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

  /** Paragraphs of the big file (about 1 MB): several batches of 256 chunks to embed. */
  private static final int BIG_FILE_PARAGRAPHS = 4_000;

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

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void ctrlCInsideOneBigFileKeepsTheChunksEmbeddedAndTheNextRunEmbedsOnlyTheRest()
      throws Exception {
    Path big = docs.resolve("big-notebook.txt");
    Files.writeString(big, text(0, BIG_FILE_PARAGRAPHS));
    Path out = sandbox.resolve("out.txt");
    Path err = sandbox.resolve("err.txt");
    Process child = start(out, err, "ingest", "--home", home.toString(), docs.toString());
    try {
      awaitChunksEmbedded(child, out, 1);
      child.destroy();
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).as("ended after Ctrl-C").isTrue();
    } finally {
      child.destroyForcibly();
    }
    String errors = Files.readString(err, StandardCharsets.UTF_8);
    Matcher interrupted =
        Pattern.compile(
                "interrupted: 0 of 1 files saved; the (\\d+) chunks embedded are kept, and the next"
                    + " run embeds only the rest")
            .matcher(errors);
    assertThat(interrupted.find()).as(errors).isTrue();
    long kept = Long.parseLong(interrupted.group(1));
    assertThat(errors).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(child.exitValue()).isNotZero();

    CliRun again = CliRun.run("ingest", "--json", "--home", home.toString(), docs.toString());

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.err()).contains("resuming the ingest started at");
    JsonNode json = new ObjectMapper().readTree(again.out());
    int chunks = json.get("files").get(0).get("chunks").asInt();
    assertThat(json.get("resumed").get("alreadyEmbedded").asLong())
        .as("the chunks the interrupted run embedded are not embedded again")
        .isEqualTo(kept);
    assertThat(json.get("embedded").asLong()).isEqualTo(chunks - kept);
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void aKilledRunOfOneBigFileIsResumedWithoutEmbeddingItsBatchesAgain() throws Exception {
    Path big = docs.resolve("big-notebook.txt");
    Files.writeString(big, text(1, BIG_FILE_PARAGRAPHS));
    Path out = sandbox.resolve("out.txt");
    Path err = sandbox.resolve("err.txt");
    Process child = start(out, err, "ingest", "--home", home.toString(), docs.toString());
    try {
      // Two batches reported: the first one is cached, since the second came after it.
      awaitChunksEmbedded(child, out, 2);
      child.destroyForcibly(); // kill -9: no shutdown hook, no message
      assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
    } finally {
      child.destroyForcibly();
    }

    CliRun again = CliRun.run("ingest", "--json", "--home", home.toString(), docs.toString());

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.err()).contains("resuming the ingest started at");
    JsonNode json = new ObjectMapper().readTree(again.out());
    int chunks = json.get("files").get(0).get("chunks").asInt();
    long reused = json.get("resumed").get("alreadyEmbedded").asLong();
    assertThat(reused).isPositive();
    assertThat(json.get("embedded").asLong()).isEqualTo(chunks - reused);

    CliRun third = CliRun.run("ingest", "--home", home.toString(), docs.toString());

    assertThat(third.err()).as("a finished run leaves nothing to resume").doesNotContain("resum");
    assertThat(third.out()).contains("1 unchanged").contains("0 embedded");
  }

  /**
   * Waits until the child's progress lines report at least {@code batches} batches of chunks
   * embedded inside the one file (or the child ended by itself, which the caller's assertions then
   * report).
   */
  private static void awaitChunksEmbedded(Process child, Path out, int batches) throws Exception {
    Pattern progress = Pattern.compile("\\[0/1\\] (\\d+) chunks embedded so far");
    long seen = 0;
    while (child.isAlive() && seen < batches * 256L) {
      child.waitFor(50, TimeUnit.MILLISECONDS);
      Matcher m = progress.matcher(Files.readString(out));
      while (m.find()) {
        seen = Long.parseLong(m.group(1));
      }
    }
    assertThat(child.isAlive()).as("still embedding the big file when signalled").isTrue();
  }

  private static String text(int file) {
    return text(file, 240);
  }

  /** About one chunk of distinct prose per four paragraphs. */
  private static String text(int file, int paragraphs) {
    StringBuilder text = new StringBuilder();
    for (int p = 0; p < paragraphs; p++) {
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
