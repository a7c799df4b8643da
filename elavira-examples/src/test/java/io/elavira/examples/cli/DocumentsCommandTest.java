package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elavira documents list|show|rm} and {@code ingest --prune}. */
class DocumentsCommandTest {

  @TempDir Path home;
  @TempDir Path docs;

  @BeforeEach
  void ingestCorpus() throws Exception {
    TestCorpus.ingestGood(docs, home);
  }

  @Test
  void takesTheHomeAndJsonWrittenBeforeTheCommandOrBetweenItAndItsSubcommand() throws Exception {
    CliRun after = CliRun.run("documents", "list", "--json", "-H", home.toString());
    CliRun before = CliRun.run("-H", home.toString(), "--json", "documents", "list");
    CliRun between = CliRun.run("documents", "-H", home.toString(), "--json", "list");
    // The value nearest the subcommand wins: here the home between, not the empty one before.
    CliRun both =
        CliRun.run(
            "-H",
            docs.resolve("nothing").toString(),
            "documents",
            "-H",
            home.toString(),
            "list",
            "-j");

    assertThat(before.exitCode()).as(before.toString()).isZero();
    assertThat(new ObjectMapper().readTree(before.out()).get("documents")).hasSize(3);
    assertThat(before.out()).isEqualTo(after.out());
    assertThat(between.exitCode()).as(between.toString()).isZero();
    assertThat(between.out()).isEqualTo(after.out());
    assertThat(both.out()).as(both.toString()).isEqualTo(after.out());
    CliRun model = CliRun.run("--model", "llama3.2", "documents", "list", "-H", home.toString());
    assertThat(model.exitCode()).isEqualTo(2);
    assertThat(model.err())
        .contains("--model does not apply to documents list (see elavira documents list --help)");
  }

  @Test
  void listsEachDocumentWithItsStatusChunksAndPath() throws Exception {
    CliRun text = CliRun.run("documents", "list", "-H", home.toString());
    CliRun json = CliRun.run("documents", "list", "--json", "-H", home.toString());

    assertThat(text.exitCode()).as(text.toString()).isZero();
    assertThat(text.out())
        .contains(TestCorpus.BIKE + "  ready  ")
        .contains(docs.resolve(TestCorpus.BREAD).toString())
        .contains("3 documents");
    JsonNode documents = new ObjectMapper().readTree(json.out()).get("documents");
    assertThat(documents).hasSize(3);
    JsonNode first = documents.get(0);
    assertThat(first.get("status").asText()).isEqualTo("ready");
    assertThat(first.get("chunks").asInt()).isPositive();
    assertThat(first.get("paths")).hasSize(1);
    for (JsonNode document : documents) {
      Path file = Path.of(document.get("paths").get(0).asText());
      assertThat(document.get("sizeBytes").asLong())
          .as("size of " + file)
          .isEqualTo(Files.size(file));
    }
  }

  @Test
  void showsOneDocumentByItsPathRelativeOrAbsoluteOrById() throws Exception {
    Path bike = docs.resolve(TestCorpus.BIKE);
    CliRun byPath = CliRun.run("documents", "show", "-j", "-H", home.toString(), bike.toString());
    assertThat(byPath.exitCode()).as(byPath.toString()).isZero();
    JsonNode document = new ObjectMapper().readTree(byPath.out());
    assertThat(document.get("name").asText()).isEqualTo(TestCorpus.BIKE);

    CliRun byId =
        CliRun.run("documents", "show", "-H", home.toString(), document.get("id").asText());
    CliRun relative =
        CliRun.run(
            "documents",
            "show",
            "-H",
            home.toString(),
            Path.of("").toAbsolutePath().relativize(bike).toString());

    assertThat(byId.out()).contains("paths:").contains(bike.toString()).contains("chunks:");
    assertThat(relative.exitCode()).as(relative.toString()).isZero();
    assertThat(relative.out()).contains(document.get("id").asText());
  }

  @Test
  void removesADocumentSoThatQuestionsNoLongerFindIt() throws Exception {
    Path bike = docs.resolve(TestCorpus.BIKE);

    CliRun rm = CliRun.run("documents", "rm", "-H", home.toString(), bike.toString());

    assertThat(rm.exitCode()).as(rm.toString()).isZero();
    assertThat(rm.out()).startsWith("removed " + TestCorpus.BIKE);
    CliRun list = CliRun.run("documents", "list", "-j", "-H", home.toString());
    assertThat(new ObjectMapper().readTree(list.out()).get("documents")).hasSize(2);
    CliRun ask =
        CliRun.run(
            "ask", "--offline", "-j", "-H", home.toString(), "How do I repair a punctured tyre?");
    for (JsonNode source : new ObjectMapper().readTree(ask.out()).get("sources")) {
      assertThat(source.get("document").asText()).isNotEqualTo(TestCorpus.BIKE);
    }
  }

  @Test
  void namesAnUnknownDocumentAndRemovesNothing() throws Exception {
    CliRun rm =
        CliRun.run(
            "documents",
            "rm",
            "-H",
            home.toString(),
            docs.resolve(TestCorpus.BIKE).toString(),
            "nope.txt");

    assertThat(rm.exitCode()).as(rm.toString()).isEqualTo(1);
    assertThat(rm.err()).contains("No document 'nope.txt'").contains("elavira documents list");
    CliRun list = CliRun.run("documents", "list", "-j", "-H", home.toString());
    assertThat(new ObjectMapper().readTree(list.out()).get("documents")).hasSize(3);
  }

  @Test
  void prunesTheFilesGoneFromTheFolderOnlyWithPrune() throws Exception {
    Files.delete(docs.resolve(TestCorpus.TAXES));

    CliRun without = CliRun.run("ingest", "-H", home.toString(), docs.toString());
    assertThat(without.out()).doesNotContain("removed");
    assertThat(without.err())
        .contains(
            "1 file of these folders that the agent knows is gone from disk: run again with"
                + " --prune to forget it.");
    assertThat(documentCount()).isEqualTo(3);

    CliRun with = CliRun.run("ingest", "--prune", "-j", "-H", home.toString(), docs.toString());

    assertThat(with.exitCode()).as(with.toString()).isZero();
    JsonNode removed = null;
    for (JsonNode file : new ObjectMapper().readTree(with.out()).get("files")) {
      if (file.get("status").asText().equals("removed")) {
        removed = file;
      }
    }
    assertThat(removed).as(with.toString()).isNotNull();
    assertThat(removed.get("file").asText()).isEqualTo(docs.resolve(TestCorpus.TAXES).toString());
    assertThat(documentCount()).isEqualTo(2);
    assertThat(CliRun.run("ingest", "-H", home.toString(), docs.toString()).err())
        .doesNotContain("gone from disk");
  }

  @Test
  void refusesAMissingSubcommand() {
    CliRun run = CliRun.run("documents", "-H", home.toString());

    assertThat(run.exitCode()).isEqualTo(2);
  }

  private int documentCount() throws Exception {
    CliRun list = CliRun.run("documents", "list", "-j", "-H", home.toString());
    return new ObjectMapper().readTree(list.out()).get("documents").size();
  }
}
