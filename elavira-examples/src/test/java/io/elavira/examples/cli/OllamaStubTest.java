package io.elavira.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI with a language model: a WireMock stub speaking Ollama's /api/tags and /api/chat. */
class OllamaStubTest {

  private static final String GENERATED =
      "Fix the puncture with a patch after roughening the rubber [1].";

  @TempDir Path home;
  @TempDir Path docs;

  private WireMockServer ollama;

  @BeforeEach
  void startOllamaStub() throws Exception {
    ollama = new WireMockServer(options().dynamicPort());
    ollama.start();
    ollama.stubFor(
        get(urlPathEqualTo("/api/tags"))
            .willReturn(
                json(
                    """
        {"models":[{"name":"llama3.2:latest","model":"llama3.2:latest",
          "modified_at":"2025-05-04T17:37:44.706015396-07:00","size":2019393189,
          "digest":"a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
          "details":{"parent_model":"","format":"gguf","family":"llama","families":["llama"],
            "parameter_size":"3.2B","quantization_level":"Q4_K_M"}}]}""")));
    ollama.stubFor(
        get(urlPathEqualTo("/api/version")).willReturn(json("{\"version\":\"0.12.6\"}")));
    ollama.stubFor(get(urlPathEqualTo("/")).willReturn(aResponse().withBody("Ollama is running")));
    // Streaming chat (the default): NDJSON, one token per line, then the final statistics.
    ollama.stubFor(
        post(urlPathEqualTo("/api/chat"))
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-ndjson")
                    .withBody(
                        chunk("Fix the puncture ")
                            + chunk("with a patch after roughening ")
                            + chunk("the rubber [1].")
                            + done(""))));
    // Non-streaming chat.
    ollama.stubFor(
        post(urlPathEqualTo("/api/chat"))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .atPriority(1)
            .willReturn(json(done(GENERATED).strip())));

    // The CLI gives Ollama 300 ms to answer its health check; a stub's first request in a fresh
    // JVM can take longer than that, so serve one before the CLI runs.
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(ollama.baseUrl() + "/api/tags")).build(),
            HttpResponse.BodyHandlers.discarding());

    TestCorpus.writeGood(docs);
    CliRun ingest = CliRun.run("ingest", "--home", home.toString(), docs.toString());
    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
  }

  @AfterEach
  void stopOllamaStub() {
    ollama.stop();
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
            ollama.baseUrl(),
            "--model",
            "llama3.2",
            "How do I repair a punctured bicycle tyre?");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("mode").asText()).isEqualTo("GENERATED");
    assertThat(json.get("provider").asText()).isEqualTo("ollama");
    assertThat(json.get("model").asText()).startsWith("llama3.2");
    assertThat(json.get("answer").asText()).isEqualTo(GENERATED);
    assertThat(json.get("sources").get(0).get("document").asText()).isEqualTo(TestCorpus.BIKE);
    assertThat(run.err()).doesNotContain("extractive");
    ollama.verify(
        postRequestedFor(urlPathEqualTo("/api/chat"))
            .withRequestBody(containing("punctured bicycle tyre")));
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
            ollama.baseUrl());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).as(run.toString()).contains(GENERATED).contains("generated by ollama");
  }

  @Test
  void answersExtractivelyWhenOllamaIsDown() throws Exception {
    String url = ollama.baseUrl();
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

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }

  private static String chunk(String token) {
    return "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-04T08:52:19.385406455Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + token
        + "\"},\"done\":false}\n";
  }

  private static String done(String content) {
    return "{\"model\":\"llama3.2\",\"created_at\":\"2025-08-04T19:22:45.499127Z\","
        + "\"message\":{\"role\":\"assistant\",\"content\":\""
        + content
        + "\"},"
        + "\"done\":true,\"done_reason\":\"stop\",\"total_duration\":4883583458,"
        + "\"load_duration\":1334875,\"prompt_eval_count\":26,\"prompt_eval_duration\":342546000,"
        + "\"eval_count\":12,\"eval_duration\":4535599000}\n";
  }
}
