package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {

  @TempDir Path home;
  @TempDir Path docs;

  @Test
  void ingestsAFolderAndNamesEachFileThatFailed() throws Exception {
    TestCorpus.writeGood(docs);
    TestCorpus.writeBad(docs);

    CliRun run = CliRun.run("ingest", "--home", home.toString(), docs.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err().lines().filter(l -> l.startsWith("failed: ")))
        .as(run.toString())
        .hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("empty.txt").contains("EMPTY"))
        .anySatisfy(l -> assertThat(l).contains("photo.xyz").contains("UNSUPPORTED_FORMAT"));
    assertThat(run.out()).contains("3 added").contains("2 failed").contains("chunks/s");
  }

  @Test
  void reportsUnchangedFilesWhenIngestedAgain() throws Exception {
    TestCorpus.writeGood(docs);
    assertThat(CliRun.run("ingest", "--home", home.toString(), docs.toString()).exitCode())
        .isZero();

    CliRun again = CliRun.run("ingest", "--home", home.toString(), docs.toString());

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out()).contains("0 added").contains("3 unchanged");
  }

  @Test
  void failsWhenNothingCouldBeIngested() throws Exception {
    TestCorpus.writeBad(docs);

    CliRun run = CliRun.run("ingest", "--home", home.toString(), docs.toString());

    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.err()).contains("empty.txt").contains("photo.xyz").contains("nothing");
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
  void printsOneJsonReportWithJson() throws Exception {
    TestCorpus.writeGood(docs);
    TestCorpus.writeBad(docs);

    CliRun run = CliRun.run("ingest", "--json", "--home", home.toString(), docs.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("added").asInt()).isEqualTo(3);
    assertThat(json.get("failed").asInt()).isEqualTo(2);
    assertThat(json.get("chunks").asInt()).isPositive();
    assertThat(json.get("failures")).hasSize(2);
  }

  @Test
  void rejectsAMissingPathArgumentAsAUsageError() {
    CliRun run = CliRun.run("ingest", "--home", home.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("PATH");
  }
}
