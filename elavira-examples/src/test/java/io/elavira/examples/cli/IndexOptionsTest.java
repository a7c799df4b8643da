package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexOptionsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  @TempDir Path docs;

  @Test
  void ingestsIntoAndAnswersFromThePersistentHnswIndexInTheHome() throws Exception {
    TestCorpus.writeGood(docs);
    CliRun ingest = CliRun.run("ingest", "--store", "hnsw", "--home", home.toString(), "" + docs);
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    assertThat(home.resolve("index").resolve("vectors")).isDirectory();

    JsonNode answer = ask("--store", "hnsw", "What temperature should the sourdough loaf bake at?");

    assertThat(answer.get("sources").get(0).get("document").asText()).isEqualTo(TestCorpus.BREAD);
  }

  @Test
  void ingestsIntoAndAnswersFromTheHnswlibStoreInTheHome() throws Exception {
    TestCorpus.writeGood(docs);
    CliRun ingest =
        CliRun.run("ingest", "--store", "hnswlib", "--home", home.toString(), "" + docs);
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    assertThat(home.resolve("index").resolve("hnswlib").resolve("hnswlib.index")).isRegularFile();

    JsonNode answer = ask("--store", "hnswlib", "How do I repair a punctured bicycle tyre?");

    assertThat(answer.get("sources").get(0).get("document").asText()).isEqualTo(TestCorpus.BIKE);
  }

  @Test
  void rebuildsAnEmptyHnswIndexFromTheDatabaseWhenFirstAskedWithIt() throws Exception {
    ingest(docs);
    assertThat(home.resolve("index")).doesNotExist();

    JsonNode answer = ask("--store", "hnsw", "How do I repair a punctured bicycle tyre?");

    assertThat(answer.get("sources").get(0).get("document").asText()).isEqualTo(TestCorpus.BIKE);
    assertThat(home.resolve("index").resolve("vectors")).isDirectory();
  }

  @Test
  void answersWithLexicalAndHybridRetrievalOverTheSameHome() throws Exception {
    ingest(docs);

    JsonNode lexical = ask("--retrieval", "lexical", "sourdough loaf oven temperature");
    JsonNode hybrid = ask("--retrieval", "HYBRID", "punctured tyre patch");

    assertThat(lexical.get("sources").get(0).get("document").asText()).isEqualTo(TestCorpus.BREAD);
    assertThat(hybrid.get("sources").get(0).get("document").asText()).isEqualTo(TestCorpus.BIKE);
    assertThat(home.resolve("index").resolve("lexical")).isDirectory();
  }

  @Test
  void keepsLexicalSearchInStepWithDocumentsIngestedWithoutIt() throws Exception {
    ingest(docs);
    ask("--retrieval", "lexical", "sourdough");
    Path more = Files.createDirectories(docs.resolveSibling(docs.getFileName() + "-more"));
    Files.writeString(
        more.resolve("beekeeping.md"),
        "# Beekeeping\n\nA hive is inspected every week in spring; smoke calms the bees before"
            + " the frames are lifted out of the brood box.\n");
    ingest(more);

    JsonNode answer = ask("--retrieval", "lexical", "brood box frames hive");

    assertThat(answer.get("sources").get(0).get("document").asText()).isEqualTo("beekeeping.md");
  }

  @Test
  void refusesAnUnknownStoreOrModeNamingTheChoices() {
    CliRun store = CliRun.run("ask", "--offline", "--home", "" + home, "--store", "faiss", "Hi?");
    CliRun mode = CliRun.run("ask", "--offline", "--home", "" + home, "--retrieval", "bm25", "Hi?");

    assertThat(store.exitCode()).isEqualTo(2);
    assertThat(store.err()).contains("--store faiss").contains("memory, hnsw, chroma");
    assertThat(mode.exitCode()).isEqualTo(2);
    assertThat(mode.err()).contains("--retrieval bm25").contains("dense, lexical or hybrid");
  }

  @Test
  void asksForAServerUrlAndRefusesOneThatDoesNotFitWithoutEchoingIt() {
    CliRun missing = CliRun.run("ingest", "--home", "" + home, "--store", "chroma", "" + docs);
    CliRun stray =
        CliRun.run("ingest", "--home", "" + home, "--store-url", "http://x:1", "" + docs);
    CliRun wrong =
        CliRun.run(
            "ingest",
            "--home",
            "" + home,
            "--store",
            "pgvector",
            "--store-url",
            "http://db:5432/x?password=hunter2",
            "" + docs);

    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--store chroma needs --store-url");
    assertThat(stray.exitCode()).isEqualTo(2);
    assertThat(stray.err()).contains("--store-url is for --store chroma");
    assertThat(wrong.exitCode()).isEqualTo(2);
    assertThat(wrong.err()).contains("jdbc:postgresql://").doesNotContain("hunter2");
    assertThat(home.resolve("elavira.db")).doesNotExist();
  }

  @Test
  void namesAnUnreachableChromaServerAsAnError() throws Exception {
    TestCorpus.writeGood(docs);
    CliRun run =
        CliRun.run(
            "ask",
            "--offline",
            "--home",
            "" + home,
            "--store",
            "chroma",
            "--store-url",
            "http://127.0.0.1:1",
            "Hi?");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).containsIgnoringCase("chroma");
  }

  @Test
  void givesEachHomeItsOwnCollectionOnASharedServer(@TempDir Path other) {
    assertThat(IndexOptions.collectionName(home))
        .matches("elavira_[0-9a-f]{12}")
        .isNotEqualTo(IndexOptions.collectionName(other))
        .isEqualTo(IndexOptions.collectionName(home.resolve(".")));
  }

  /** Ingests a folder (the test corpus when it is {@link #docs}) with the default store. */
  private void ingest(Path folder) throws Exception {
    if (folder.equals(docs)) {
      TestCorpus.writeGood(docs);
    }
    CliRun run = CliRun.run("ingest", "--home", home.toString(), folder.toString());
    assertThat(run.exitCode()).as(run.toString()).isZero();
  }

  private JsonNode ask(String... args) throws Exception {
    String[] all = new String[args.length + 5];
    all[0] = "ask";
    all[1] = "--offline";
    all[2] = "--json";
    all[3] = "--home";
    all[4] = home.toString();
    System.arraycopy(args, 0, all, 5, args.length);
    CliRun run = CliRun.run(all);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return JSON.readTree(run.out());
  }
}
