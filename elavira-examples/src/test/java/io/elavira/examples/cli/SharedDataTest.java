package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI over the shared test documents: the right file must come first. */
class SharedDataTest {

  @TempDir static Path home;

  private static Path docs;

  @BeforeAll
  static void ingestSharedDocuments() throws IOException {
    String configured = System.getProperty("elavira.shared.dir");
    Path shared = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    docs = shared.resolve("data").resolve("docs");
    assumeTrue(
        Files.isDirectory(docs.resolve("text")) && Files.isDirectory(docs.resolve("cross-format")),
        "shared test data not found at "
            + docs.toAbsolutePath()
            + " (set -Delavira.shared.dir=<path to shared>): skipping the shared-data CLI test");

    List<String> args =
        new ArrayList<>(
            List.of("ingest", "--home", home.toString(), docs.resolve("text").toString()));
    try (Stream<Path> crossFormat = Files.list(docs.resolve("cross-format"))) {
      crossFormat
          .map(Path::toString)
          .filter(n -> n.endsWith(".txt") || n.endsWith(".md"))
          .sorted()
          .forEach(args::add);
    }
    CliRun ingest = CliRun.run(args.toArray(String[]::new));

    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    // The empty and whitespace-only fixtures are skipped as empty; the readable ones are added.
    assertThat(ingest.out())
        .contains("empty.txt (empty)")
        .contains("fake-text-all-whitespace.txt (empty)");
    assertThat(ingest.err()).doesNotContain("failed: ");
    assertThat(ingest.out()).contains("miles-of-smiles-terms-of-use.txt");
  }

  @Test
  void findsTheCancellationPolicyInTheRentalTerms() throws IOException {
    assertThat(topSource("How many days before the rental can I cancel my booking?"))
        .isEqualTo("miles-of-smiles-terms-of-use.txt");
  }

  @Test
  void findsTheStoryOfTheCheerfulCarrot() throws IOException {
    assertThat(topSource("What is the name of the cheerful carrot?"))
        .isEqualTo("story-about-happy-carrot.txt");
  }

  @Test
  void findsTheDeclarationOfHumanRights() throws IOException {
    assertThat(topSource("Are all human beings born equal in dignity and rights?"))
        .startsWith("eng_spa_mult.");
  }

  private static String topSource(String question) throws IOException {
    CliRun run = CliRun.run("ask", "--offline", "--json", "--home", home.toString(), question);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode sources = new ObjectMapper().readTree(run.out()).get("sources");
    assertThat(sources).as(run.toString()).isNotEmpty();
    return sources.get(0).get("document").asText();
  }
}
