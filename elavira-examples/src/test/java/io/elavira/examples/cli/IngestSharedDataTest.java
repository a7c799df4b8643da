package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elavira ingest --json} of every shared document and chat export, in its own JVM as a user
 * runs it: each file is ingested or refused with the reason its MANIFEST oracle gives, standard
 * error holds one line per refused file and nothing else (no library warning, no stack trace), and
 * a second run embeds nothing.
 */
class IngestSharedDataTest {

  /** The fixtures refused, with the kind of reason their oracles give. */
  private static final Map<String, String> FAILED =
      Map.of(
          "loremipsum-flat.pdf", "NO_TEXT_LAYER",
          "password.pdf", "ENCRYPTED",
          "chatgpt_export_manifest.json", "CORRUPT");

  /** The fixtures without text: skipped, not failed. */
  private static final Set<String> EMPTY =
      Set.of(
          "blank-file.pdf",
          "blank-file.docx",
          "empty-file.txt",
          "empty.txt",
          "fake-text-all-whitespace.txt");

  @TempDir Path sandbox;
  @TempDir Path home;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everySharedFileIsIngestedOrRefusedForItsReasonWithOneLineEachOnStandardError()
      throws Exception {
    String configured = System.getProperty("elavira.shared.dir");
    Path data = (configured != null ? Path.of(configured) : Path.of("..", "..", "shared"));
    Path docs = data.resolve("data").resolve("docs");
    Path chats = data.resolve("data").resolve("chat-exports");
    assumeTrue(
        Files.isDirectory(docs) && Files.isDirectory(chats),
        "shared test data not found at "
            + data.toAbsolutePath()
            + " (set -Delavira.shared.dir=<path to shared>): skipping the shared-data ingest test");
    long files;
    try (Stream<Path> walk = Stream.concat(Files.walk(docs), Files.walk(chats))) {
      files = walk.filter(Files::isRegularFile).count();
    }
    Path out = sandbox.resolve("out.json");
    Path err = sandbox.resolve("err.txt");

    Process child =
        ChildCli.start(
            ChildCli.command(
                sandbox,
                "ingest",
                "--json",
                "--home",
                home.toString(),
                docs.toString(),
                chats.toString()),
            sandbox,
            out,
            err);
    assertThat(child.waitFor(4, TimeUnit.MINUTES)).isTrue();

    String errors = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(errors).isZero();
    Map<String, JsonNode> byPath = new HashMap<>();
    for (JsonNode file : new ObjectMapper().readTree(out.toFile()).get("files")) {
      byPath.put(file.get("file").asText(), file);
    }
    assertThat(byPath).hasSize((int) files);
    byPath.forEach(
        (path, file) -> {
          String name = Path.of(path).getFileName().toString();
          String status = file.get("status").asText();
          if (FAILED.containsKey(name)) {
            assertThat(status).as(name).isEqualTo("failed");
            assertThat(file.get("kind").asText()).as(name).isEqualTo(FAILED.get(name));
            assertThat(file.get("reason").asText()).as(name).contains(name).doesNotContain("****");
          } else if (EMPTY.contains(name)) {
            assertThat(status).as(name).isEqualTo("skipped");
            assertThat(file.get("kind").asText()).as(name).isEqualTo("EMPTY");
          } else {
            assertThat(status).as(name).isEqualTo("added");
            assertThat(file.get("chunks").asInt()).as(name).isPositive();
          }
        });
    assertThat(errors.lines())
        .as("one line per refused file, and nothing else")
        .hasSize(FAILED.size())
        .allSatisfy(line -> assertThat(line).startsWith("failed: "));

    CliRun again =
        CliRun.run(
            "ingest", "--json", "--home", home.toString(), docs.toString(), chats.toString());

    JsonNode second = new ObjectMapper().readTree(again.out());
    assertThat(second.get("embedded").asLong()).isZero();
    for (JsonNode file : second.get("files")) {
      String name = Path.of(file.get("file").asText()).getFileName().toString();
      if (!FAILED.containsKey(name) && !EMPTY.contains(name)) {
        assertThat(file.get("status").asText()).as(name).isEqualTo("unchanged");
      }
    }
  }
}
