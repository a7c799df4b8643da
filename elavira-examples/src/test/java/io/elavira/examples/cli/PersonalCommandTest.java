package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elavira app personal}: a CV, notes and a real chat export in a home of their own, answered
 * by the local chain (a llama.cpp stub behind a dead Ollama) or extractively, and never by anything
 * off this machine.
 */
class PersonalCommandTest {
  @TempDir static Path home;
  @TempDir static Path mine;

  @BeforeAll
  static void ingestAPersonsFiles() throws Exception {
    String configured = System.getProperty("elavira.shared.dir");
    Path shared = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    Path export = shared.resolve("data/chat-exports/claude/claude_conversations.json");
    assumeTrue(
        Files.isRegularFile(export),
        "chat export " + export.toAbsolutePath() + " not found: skipping the personal agent test");
    Files.writeString(
        mine.resolve("cv.md"),
        "# Jeanne Martin\n\n## Experience\n\n"
            + "Lead Java developer at Ferrovia (2019-2024): led the ticketing platform rewrite in"
            + " Java 17 and Kafka for a team of six.\n\n"
            + "## Education\n\nMSc in computer science, Université de Lyon, 2016.\n");
    Files.writeString(
        mine.resolve("notes.txt"),
        "Dentist appointment moved to Thursday 14 March at 9:30.\n\n"
            + "Passport renewal: bring two photos and the old passport to the town hall.\n");

    CliRun ingest =
        CliRun.run(
            "app",
            "personal",
            "ingest",
            "--home",
            home.toString(),
            mine.resolve("cv.md").toString(),
            mine.resolve("notes.txt").toString(),
            export.toString());

    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    assertThat(ingest.out()).contains("3 files: 3 added");
  }

  @Test
  void answersWithTheNextLocalModelWhenOllamaIsDown() throws Exception {
    try (LlamaCppStub llama = LlamaCppStub.start("You led the ticketing platform rewrite [1].")) {
      String deadOllama = "http://127.0.0.1:" + ProviderChainTest.closedPort();

      CliRun ask =
          CliRun.run(
              "app",
              "personal",
              "ask",
              "--home",
              home.toString(),
              "--json",
              "--llm-url",
              deadOllama + "," + llama.baseUrl(),
              "--model",
              "llama3.2,",
              "Which project did I lead at Ferrovia?");

      assertThat(ask.exitCode()).as(ask.toString()).isZero();
      JsonNode answer = new ObjectMapper().readTree(ask.out());
      assertThat(answer.get("mode").asText()).isEqualTo("GENERATED");
      assertThat(answer.get("provider").asText()).isEqualTo("llamacpp");
      assertThat(answer.get("attempts").get(0).get("provider").asText()).isEqualTo("ollama");
      assertThat(answer.get("sources").get(0).get("document").asText()).isEqualTo("cv.md");
    }
  }

  @Test
  void quotesTheChatExportWhenNoLocalModelRuns() throws Exception {
    String dead = "http://127.0.0.1:" + ProviderChainTest.closedPort();

    CliRun ask =
        CliRun.run(
            "app",
            "personal",
            "ask",
            "--home",
            home.toString(),
            "--json",
            "--llm-url",
            dead + "," + dead,
            "--model",
            "llama3.2,",
            "Should files be the source of truth in the vault design?");

    assertThat(ask.exitCode()).as(ask.toString()).isZero();
    JsonNode answer = new ObjectMapper().readTree(ask.out());
    assertThat(answer.get("mode").asText()).isEqualTo("EXTRACTIVE");
    assertThat(answer.get("answer").asText()).contains("digests kept in the vault");
  }

  @Test
  void refusesAnythingThatWouldSendTheDataOffThisMachine() {
    CliRun cloud =
        CliRun.run(
            "app",
            "personal",
            "ask",
            "--home",
            home.toString(),
            "--llm",
            "openai",
            "--model",
            "gpt-4o-mini",
            "Hi?");
    CliRun remoteUrl =
        CliRun.run(
            "app",
            "personal",
            "ask",
            "--home",
            home.toString(),
            "--llm-url",
            "http://ollama.example.com:11434",
            "Hi?");
    CliRun remoteOllamaHost =
        CliRun.runWithVariables(
            Map.of("OLLAMA_HOST", "10.1.2.3:11434"),
            "app",
            "personal",
            "ask",
            "--home",
            home.toString(),
            "Hi?");

    assertThat(cloud.exitCode()).isEqualTo(2);
    assertThat(cloud.err()).contains("keeps your data on this machine: --llm openai");
    assertThat(remoteUrl.exitCode()).isEqualTo(2);
    assertThat(remoteUrl.err()).contains("http://ollama.example.com:11434 is not on this machine");
    assertThat(remoteOllamaHost.exitCode()).isEqualTo(2);
    assertThat(remoteOllamaHost.err()).contains("OLLAMA_HOST 10.1.2.3:11434 is not on this");
  }
}
