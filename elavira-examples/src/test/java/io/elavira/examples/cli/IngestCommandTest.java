package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {

  @TempDir Path home;
  @TempDir Path docs;

  @Test
  void skipsEmptyFilesAndUnreadableFormatsWithoutCountingThemAsFailed() throws Exception {
    TestCorpus.writeGood(docs);
    TestCorpus.writeBad(docs);

    CliRun run = CliRun.run("ingest", "--home", home.toString(), docs.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).doesNotContain("failed: ");
    assertThat(run.err()).contains("skipped 1 .xyz file: no parser reads this format (readable:");
    assertThat(run.out()).contains("skipped " + docs.resolve("empty.txt") + " (empty)");
    assertThat(run.out())
        .contains("5 files: 3 added, 0 updated, 0 unchanged, 2 skipped, 0 failed")
        .contains("chunks/s");
  }

  @Test
  void printsOneLinePerUnreadableExtensionAndOnePerFailedFile() throws Exception {
    TestCorpus.writeGood(docs);
    for (int i = 0; i < 4; i++) {
      Files.write(docs.resolve("photo-" + i + ".png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }
    Files.write(docs.resolve("scan-1.xyz"), new byte[] {1, 2});
    Files.write(docs.resolve("scan-2.xyz"), new byte[] {3, 4});
    Files.writeString(docs.resolve("broken.pdf"), "this is not a PDF file at all");

    CliRun run = CliRun.run("ingest", "--home", home.toString(), docs.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err().lines().filter(l -> l.startsWith("skipped ")))
        .as(run.toString())
        .satisfiesExactly(
            l -> assertThat(l).startsWith("skipped 4 .png files: no parser reads this format"),
            l -> assertThat(l).startsWith("skipped 2 .xyz files: no parser reads this format"));
    assertThat(run.err().lines().filter(l -> l.startsWith("failed: ")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("broken.pdf").contains("CORRUPT"));
    assertThat(run.out()).contains("10 files: 3 added").contains("6 skipped, 1 failed");
  }

  @Test
  void reportsUnchangedFilesWhenIngestedAgain() throws Exception {
    TestCorpus.writeGood(docs);
    assertThat(CliRun.run("ingest", "--home", home.toString(), docs.toString()).exitCode())
        .isZero();

    CliRun again = CliRun.run("ingest", "--home", home.toString(), docs.toString());

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("0 added").contains("3 unchanged").contains("0 embedded");
  }

  @Test
  void failsWhenNothingCouldBeIngested() throws Exception {
    TestCorpus.writeBad(docs);

    CliRun run = CliRun.run("ingest", "--home", home.toString(), docs.toString());

    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.out()).contains("empty.txt");
    assertThat(run.err()).contains(".xyz").contains("nothing was ingested");
  }

  @Test
  void failsWhenThereAreNoFiles() {
    CliRun run = CliRun.run("ingest", "--home", home.toString(), docs.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("0 files");
    assertThat(run.err()).contains("nothing was ingested");
  }

  @Test
  void namesAMissingPathAndExitsWithOne() {
    Path missing = docs.resolve("no-such-folder");

    CliRun run = CliRun.run("ingest", "--home", home.toString(), missing.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).startsWith("1 file: 0 added");
    assertThat(run.err())
        .contains("failed: " + missing)
        .contains("does not exist")
        .contains("nothing was ingested from " + missing + " (readable formats:");
  }

  @Test
  void printsOneJsonObjectWithEachFileAndTheTextsEmbedded() throws Exception {
    TestCorpus.writeGood(docs);
    TestCorpus.writeBad(docs);
    Files.writeString(docs.resolve("broken.pdf"), "this is not a PDF file at all");

    CliRun run = CliRun.run("ingest", "--json", "--home", home.toString(), docs.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().strip().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    Map<String, JsonNode> files = new HashMap<>();
    json.get("files")
        .forEach(f -> files.put(Path.of(f.get("file").asText()).getFileName().toString(), f));
    assertThat(files).hasSize(6);
    JsonNode bike = files.get(TestCorpus.BIKE);
    assertThat(bike.get("status").asText()).isEqualTo("added");
    assertThat(bike.get("chunks").asInt()).isPositive();
    assertThat(bike.get("reason").isNull()).isTrue();
    assertThat(files.get("empty.txt").get("status").asText()).isEqualTo("skipped");
    assertThat(files.get("empty.txt").get("kind").asText()).isEqualTo("EMPTY");
    assertThat(files.get("photo.xyz").get("status").asText()).isEqualTo("skipped");
    assertThat(files.get("photo.xyz").get("reason").asText()).contains("photo.xyz");
    assertThat(files.get("broken.pdf").get("status").asText()).isEqualTo("failed");
    assertThat(files.get("broken.pdf").get("chunks").asInt()).isZero();
    assertThat(files.get("broken.pdf").get("reason").asText()).contains("broken.pdf");
    int chunks = 0;
    for (JsonNode f : files.values()) {
      chunks += f.get("chunks").asInt();
    }
    assertThat(json.get("embedded").asLong()).isPositive().isLessThanOrEqualTo(chunks);

    CliRun again = CliRun.run("ingest", "--json", "--home", home.toString(), docs.toString());

    JsonNode second = new ObjectMapper().readTree(again.out());
    assertThat(second.get("embedded").asLong()).isZero();
    for (JsonNode f : second.get("files")) {
      if (f.get("chunks").asInt() > 0) {
        assertThat(f.get("status").asText()).isEqualTo("unchanged");
      }
    }
  }

  @Test
  void rejectsAMissingPathArgumentAsAUsageError() {
    CliRun run = CliRun.run("ingest", "--home", home.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("PATH");
  }

  @Test
  void aFileOverTheSizeGivenOnTheCommandLineFailsAndTheLineNamesTheOption() throws Exception {
    TestCorpus.writeGood(docs);
    Files.writeString(docs.resolve("long-notes.txt"), "The garden needs water. ".repeat(200));

    CliRun run =
        CliRun.run("ingest", "--max-file-size", "2KB", "--home", home.toString(), docs.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err().lines().filter(l -> l.startsWith("failed: ")))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l)
                    .contains("long-notes.txt")
                    .contains("TOO_LARGE")
                    .contains("over the limit of 2048")
                    .endsWith("raise it with --max-file-size."));
    assertThat(run.out()).contains("4 files: 3 added").contains("1 failed");
  }

  @Test
  void moreFilesThanTheLimitGivenFailBeforeAnyIsReadAndNameTheOption() throws Exception {
    TestCorpus.writeGood(docs);

    CliRun run =
        CliRun.run("ingest", "--max-files", "2", "--home", home.toString(), docs.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err())
        .contains("more than 2 files (maxFiles)")
        .contains("raise it with --max-files.")
        .doesNotContain("\tat ");
    assertThat(home.resolve("ingest-default.running"))
        .as("nothing was read, so the next run has nothing to resume")
        .doesNotExist();
  }

  @Test
  void aFileTakingLongerThanTheTimeGivenFailsAsTimedOut() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("Paragraph ").append(i).append(" of a very long diary.\n\n");
    }
    Files.writeString(docs.resolve("diary.txt"), text);

    CliRun run =
        CliRun.run(
            "ingest",
            "--json",
            "--max-time-per-file",
            "1ms",
            "--home",
            home.toString(),
            docs.toString());

    JsonNode file = new ObjectMapper().readTree(run.out()).get("files").get(0);
    assertThat(file.get("status").asText()).as(run.toString()).isEqualTo("failed");
    assertThat(file.get("kind").asText()).isEqualTo("TIMED_OUT");
    assertThat(file.get("reason").asText()).contains("diary.txt").contains("--max-time-per-file");
  }

  @Test
  void refusesAMalformedLimitAsAUsageErrorNamingTheOptionAndAnExample() throws Exception {
    TestCorpus.writeGood(docs);

    CliRun size =
        CliRun.run("ingest", "--max-file-size", "lots", "--home", home.toString(), docs.toString());
    CliRun time =
        CliRun.run(
            "ingest", "--max-time-per-file", "0s", "--home", home.toString(), docs.toString());
    CliRun pages =
        CliRun.run("ingest", "-j", "--max-pages", "0", "--home", home.toString(), docs.toString());

    assertThat(size.exitCode()).isEqualTo(2);
    assertThat(size.err()).contains("--max-file-size lots is not a size: give e.g. 500KB");
    assertThat(time.exitCode()).isEqualTo(2);
    assertThat(time.err()).contains("--max-time-per-file 0s must be longer than zero");
    assertThat(pages.exitCode()).isEqualTo(2);
    assertThat(new ObjectMapper().readTree(pages.out()).get("error").get("message").asText())
        .contains("--max-pages 0 must be at least 1");
    assertThat(size.err() + time.err() + pages.err()).doesNotContain("\tat ");
  }
}
