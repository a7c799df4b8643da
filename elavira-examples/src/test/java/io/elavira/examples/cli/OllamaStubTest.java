package io.elavira.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with a language model: a WireMock stub speaking Ollama's /api/tags and /api/chat. */
class OllamaStubTest {

  private static final String GENERATED = OllamaStub.GENERATED;

  @TempDir Path home;
  @TempDir Path docs;

  private OllamaStub stub;
  private WireMockServer ollama;

  @BeforeEach
  void startOllamaStub() throws Exception {
    stub = OllamaStub.start();
    ollama = stub.server();
    TestCorpus.ingestGood(docs, home);
  }

  @AfterEach
  void stopOllamaStub() {
    stub.close();
  }

  @Test
  void generatesTheAnswerWhenOllamaAnswers() throws Exception {
    CliRun run =
        CliRun.run(
            "ask",
            "--json",
            "--home",
            home.toString(),
            "--llm-url",
            stub.baseUrl(),
            "--model",
            "llama3.2",
            "How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("mode").asText()).isEqualTo("GENERATED");
    assertThat(json.get("reason").isNull()).isTrue();
    assertThat(json.get("provider").asText()).isEqualTo("ollama");
    assertThat(json.get("model").asText()).startsWith("llama3.2");
    assertThat(json.get("answer").asText()).isEqualTo(GENERATED);
    assertThat(json.get("partial").asBoolean()).isFalse();
    JsonNode attempts = json.get("attempts");
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).get("provider").asText()).isEqualTo("ollama");
    assertThat(attempts.get(0).get("model").asText()).startsWith("llama3.2");
    assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("ANSWERED");
    assertThat(attempts.get(0).get("kind").isNull()).isTrue();
    assertThat(attempts.get(0).get("ms").isIntegralNumber()).isTrue();
    assertThat(json.get("sources").get(0).get("document").asText()).isEqualTo(TestCorpus.BIKE);
    assertThat(run.err()).doesNotContain("extractive");
    ollama.verify(
        postRequestedFor(urlPathEqualTo("/api/chat"))
            .withRequestBody(containing("punctured bicycle tyre")));
  }

  @Test
  void waitsForAnOllamaThatIsSlowToAnswerItsHealthCheck() throws Exception {
    // Like a running Ollama seen from a cold JVM on a busy machine: connected at once, answering
    // the HTTP check after most of a second.
    stub.answerHealthChecksAfter(Duration.ofMillis(900));

    CliRun run =
        CliRun.run(
            "ask",
            "-j",
            "-H",
            home.toString(),
            "--llm-url",
            stub.baseUrl(),
            "How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("mode").asText())
        .as(run.toString())
        .isEqualTo("GENERATED");
  }

  @Test
  void usesTheServerNamedByOllamaHostWithoutLlmUrl() throws Exception {
    CliRun run =
        CliRun.runWithVariables(
            Map.of("OLLAMA_HOST", "127.0.0.1:" + stub.port()),
            "ask",
            "-j",
            "-H",
            home.toString(),
            "How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("mode").asText())
        .as(run.toString())
        .isEqualTo("GENERATED");
    ollama.verify(postRequestedFor(urlPathEqualTo("/api/chat")));
  }

  @Test
  void prefersLlmUrlToOllamaHost() throws Exception {
    int deadPort = ProviderChainTest.closedPort();

    CliRun run =
        CliRun.runWithVariables(
            Map.of("OLLAMA_HOST", "127.0.0.1:" + deadPort),
            "--llm-url",
            stub.baseUrl(),
            "ask",
            "-j",
            "-H",
            home.toString(),
            "How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("mode").asText())
        .as(run.toString())
        .isEqualTo("GENERATED");
  }

  @Test
  void saysWhenTheServerOfOllamaHostIsDown() throws Exception {
    String host = "127.0.0.1:" + stub.port();
    stub.close();

    CliRun run =
        CliRun.runWithVariables(
            Map.of("OLLAMA_HOST", host),
            "ask",
            "-j",
            "-H",
            home.toString(),
            "How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("mode").asText()).isEqualTo("EXTRACTIVE");
    assertThat(run.err()).contains("http://" + host + " (from OLLAMA_HOST)");
  }

  @Test
  void reportsAnInvalidOllamaHostNamingTheVariable() {
    CliRun run =
        CliRun.runWithVariables(
            Map.of("OLLAMA_HOST", "localhost:port"),
            "ask",
            "-H",
            home.toString(),
            "How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("OLLAMA_HOST='localhost:port'").contains("--llm-url");
  }

  @Test
  void streamsTheGeneratedAnswerInChat() {
    CliRun run =
        CliRun.runWithInput(
            "How do I repair a punctured bicycle tyre?\n",
            "chat",
            "--home",
            home.toString(),
            "--llm-url",
            stub.baseUrl());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).as(run.toString()).contains(GENERATED).contains("generated by ollama");
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void ctrlCCancelsTheAnswerBeingStreamedAndTheChatGoesOn() throws Exception {
    Duration interval = Duration.ofSeconds(1);
    // Matched on words of the question only: the second prompt quotes the same passages.
    stub.streamSlowlyWhenAsked("Slowly, how", interval);
    AtomicReference<Runnable> ctrlC = new AtomicReference<>();
    CountDownLatch firstToken = new CountDownLatch(1);
    CliEnvironment environment =
        new CliEnvironment(
            CliRun.stdin(
                """
                Slowly, how do I repair a punctured bicycle tyre?
                When must the income tax return be filed?
                """),
            false,
            Map.of(),
            ctrlC::set);
    Writer watcher =
        new StringWriter() {
          @Override
          public void write(char[] buffer, int offset, int length) {
            super.write(buffer, offset, length);
            if (toString().contains(OllamaStub.FIRST_TOKEN)) {
              firstToken.countDown();
            }
          }
        };
    CompletableFuture<CliRun> chat =
        CompletableFuture.supplyAsync(
            () ->
                CliRun.run(
                    environment,
                    watcher,
                    "chat",
                    "--home",
                    home.toString(),
                    "--llm-url",
                    stub.baseUrl()));

    assertThat(firstToken.await(1, TimeUnit.MINUTES))
        .as(() -> "first token streamed; output so far:\n" + watcher)
        .isTrue();
    long pressed = System.nanoTime();
    Objects.requireNonNull(ctrlC.get(), "chat registered no Ctrl-C action").run();
    CliRun run = chat.get(1, TimeUnit.MINUTES);

    // The cancelled stream would have gone on for a minute.
    assertThat(Duration.ofNanos(System.nanoTime() - pressed))
        .isLessThan(interval.multipliedBy(OllamaStub.SLOW_EMPTY_LINES / 2));
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains(ChatLoop.CANCELLED);
    // The first answer stopped after its first token; the second was answered in full.
    assertThat(run.out()).contains(OllamaStub.FIRST_TOKEN + System.lineSeparator());
    assertThat(occurrences(run.out(), GENERATED)).as(run.toString()).isEqualTo(1);
    assertThat(occurrences(run.out(), "generated by ollama")).isEqualTo(1);
    assertThat(run.out()).contains("[1] " + TestCorpus.TAXES);
  }

  @Test
  void answersExtractivelyWhenOllamaIsDown() throws Exception {
    String url = stub.baseUrl();
    ollama.stop();

    CliRun run =
        CliRun.run(
            "ask",
            "--json",
            "--home",
            home.toString(),
            "--llm-url",
            url,
            "How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("mode").asText()).isEqualTo("EXTRACTIVE");
    assertThat(run.err()).contains("not available at " + url);
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      count++;
    }
    return count;
  }
}
