package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer gets for a wrong {@code --llm}: a usage error (exit code 2) saying what to fix,
 * before any model or database is opened; and {@code elavira models}.
 */
class ProviderOptionsTest {

  @TempDir Path home;

  @Test
  void refusesAnUnknownProviderNamingTheKnownOnes() {
    CliRun run = CliRun.run("ask", "-H", home.toString(), "--llm", "ollama,gemini", "Hello?");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err())
        .contains("--llm gemini: no such provider")
        .contains("claude, llamacpp, mistral, ollama, openai");
  }

  @Test
  void refusesACloudProviderWhoseKeyIsNotInTheEnvironment() throws Exception {
    CliRun run =
        CliRun.run(
            "ask", "--json", "-H", home.toString(), "--llm", "openai", "-m", "gpt-4o-mini", "Hi?");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    JsonNode error = new ObjectMapper().readTree(run.out()).get("error");
    assertThat(error.get("type").asText()).isEqualTo("usage");
    assertThat(error.get("message").asText())
        .contains("--llm openai needs an API key")
        .contains("OPENAI_API_KEY");
  }

  @Test
  void refusesACloudProviderWithoutAModelSuggestingOne() {
    CliRun run =
        CliRun.runWithVariables(
            Map.of("ANTHROPIC_API_KEY", "sk-ant-test"),
            "chat",
            "-H",
            home.toString(),
            "--llm",
            "claude");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--llm claude needs a model: add --model claude-sonnet-4-5");
    assertThat(run.out() + run.err()).doesNotContain("sk-ant-test");
  }

  @Test
  void refusesListsWhoseLengthDoesNotMatchTheProviders() {
    CliRun run =
        CliRun.run(
            "ask", "-H", home.toString(), "--llm", "ollama,llamacpp", "-m", "a,b,c", "Hello?");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--model lists 3 models for 2 providers");
  }

  @Test
  void refusesSeveralUrlsForOllamaAlone() {
    CliRun run =
        CliRun.run(
            "ask",
            "-H",
            home.toString(),
            "--llm-url",
            "http://127.0.0.1:1,http://127.0.0.1:2",
            "Hello?");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--llm-url lists 2 URLs for 1 provider");
  }

  @Test
  void refusesAMergerConsensusWithoutItsMergerAndAMergerWithoutConsensus() {
    CliRun noMerger =
        CliRun.run(
            "ask",
            "-H",
            home.toString(),
            "--consensus",
            "merger",
            "--llm",
            "ollama,llamacpp",
            "Hi?");
    CliRun noConsensus = CliRun.run("ask", "-H", home.toString(), "--merger", "ollama", "Hi?");
    CliRun unknown =
        CliRun.run(
            "ask", "-H", home.toString(), "--consensus", "vote", "--llm", "ollama,llamacpp", "Hi?");

    assertThat(noMerger.exitCode()).as(noMerger.toString()).isEqualTo(2);
    assertThat(noMerger.err()).contains("--merger PROVIDER[:MODEL]");
    assertThat(noConsensus.exitCode()).as(noConsensus.toString()).isEqualTo(2);
    assertThat(noConsensus.err()).contains("--merger applies only with --consensus");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
    assertThat(unknown.err()).contains("vote");
  }

  @Test
  void listsTheModelsOfOllama() throws Exception {
    try (OllamaStub ollama = OllamaStub.start()) {
      CliRun run = CliRun.run("models", "--llm-url", ollama.baseUrl());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out())
          .contains("ollama at " + ollama.baseUrl() + ": 1 model")
          .contains("  llama3.2:latest");
    }
  }

  @Test
  void listsEveryProviderOfTheChainAndSaysWhichCouldNotBeAsked() throws Exception {
    String dead = "http://127.0.0.1:" + ProviderChainTest.closedPort();
    try (LlamaCppStub llama = LlamaCppStub.start()) {
      CliRun run =
          CliRun.run(
              "models",
              "--json",
              "--llm",
              "ollama,llamacpp",
              "--llm-url",
              dead + "," + llama.baseUrl());

      assertThat(run.exitCode()).as(run.toString()).isZero();
      JsonNode providers = new ObjectMapper().readTree(run.out()).get("providers");
      assertThat(providers).hasSize(2);
      assertThat(providers.get(0).get("provider").asText()).isEqualTo("ollama");
      assertThat(providers.get(0).get("models")).isEmpty();
      assertThat(providers.get(0).get("error").asText()).isNotBlank();
      assertThat(providers.get(1).get("provider").asText()).isEqualTo("llamacpp");
      assertThat(providers.get(1).get("models").get(0).asText()).isEqualTo(LlamaCppStub.MODEL);
      assertThat(providers.get(1).get("error").isNull()).isTrue();
    }
  }

  @Test
  void failsWhenNoProviderCanBeAsked() {
    CliRun run =
        CliRun.run(
            "models",
            "--llm",
            "llamacpp",
            "--llm-url",
            "http://127.0.0.1:" + ProviderChainTest.closedPort());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("llamacpp at http://127.0.0.1:");
  }
}
