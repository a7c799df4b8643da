package io.elavira.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elavira app streamer}: the FAQ assistant served on loopback, with a remote API that is
 * overloaded (a WireMock stub answering as OpenAI's API does) and a local llama.cpp stub behind it.
 */
class StreamerCommandTest {
  static final String LOCAL_ANSWER = "We stream on Tuesdays and Thursdays at 8 pm [1].";
  static final String OVERLOADED =
      "{\"error\":{\"message\":\"The server had an error while processing your request.\","
          + "\"type\":\"server_error\",\"param\":null,\"code\":null}}";

  @TempDir static Path home;
  @TempDir static Path files;

  static WireMockServer remote;
  static LlamaCppStub local;
  static final AtomicReference<Runnable> ctrlC = new AtomicReference<>();
  static CompletableFuture<CliRun> run;
  static String base;
  static final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void startTheAssistant() throws Exception {
    Files.writeString(
        files.resolve("faq.yaml"),
        "faq:\n"
            + "  - question: When do you stream?\n"
            + "    answer: Tuesdays and Thursdays from 8 pm, Paris time.\n"
            + "  - question: Which keyboard do you use?\n"
            + "    answer: A Keychron Q1 with brown switches.\n"
            + "  - question: Can I join your Minecraft server?\n"
            + "    answer: Yes, subscribers get the address on Discord.\n");
    Files.writeString(
        files.resolve("chat-rules.md"),
        "# Chat rules\n\nNo spoilers for games released less than a month ago. Links are"
            + " allowed for moderators only.\n");
    remote = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    remote.start();
    remote.stubFor(
        WireMock.post(urlPathEqualTo("/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(OVERLOADED)));
    remote.stubFor(
        get(urlPathEqualTo("/v1/models"))
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "application/json")
                    .withBody(OVERLOADED)));
    local = LlamaCppStub.start(LOCAL_ANSWER);

    CompletableFuture<Integer> port = new CompletableFuture<>();
    Writer watcher = new PortWatcher(port);
    CliEnvironment environment =
        new CliEnvironment(
            CliRun.stdin(""), false, Map.of("OPENAI_API_KEY", "sk-test-key"), ctrlC::set);
    run =
        CompletableFuture.supplyAsync(
            () ->
                CliRun.run(
                    environment,
                    watcher,
                    "app",
                    "streamer",
                    "-H",
                    home.toString(),
                    "--port",
                    "0",
                    "--faq",
                    files.resolve("faq.yaml").toString(),
                    "--docs",
                    files.resolve("chat-rules.md").toString(),
                    "--llm",
                    "openai,llamacpp",
                    "--llm-url",
                    "http://127.0.0.1:" + remote.port() + "/v1," + local.baseUrl(),
                    "--model",
                    "gpt-4o-mini,qwen",
                    "--max-message-chars",
                    "200"));
    base = "http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stopTheAssistant() throws Exception {
    if (ctrlC.get() != null) {
      ctrlC.get().run();
      CliRun done = run.get(30, TimeUnit.SECONDS);
      assertThat(done.exitCode()).as(done.toString()).isZero();
      assertThat(done.out()).contains("FAQ faq.yaml: 3 pairs (added)").contains("Stopping.");
    }
    if (remote != null) {
      remote.stop();
    }
    if (local != null) {
      local.close();
    }
  }

  @Test
  void answersFromTheFaqWithTheLocalModelWhenTheRemoteApiIsOverloaded() throws Exception {
    HttpResponse<String> response =
        post("/api/ask", "{\"session\":\"viewer1\",\"message\":\"When do you stream?\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = json.readTree(response.body());
    assertThat(answer.get("answer").asText()).isEqualTo(LOCAL_ANSWER);
    assertThat(answer.get("provider").asText()).isEqualTo("llamacpp");
    assertThat(answer.get("attempts").get(0).get("provider").asText()).isEqualTo("openai");
    assertThat(answer.get("attempts").get(0).get("outcome").asText()).isEqualTo("FAILED");
    assertThat(answer.get("sources").get(0).get("document").asText()).isEqualTo("faq.yaml");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void remembersEachSessionsOwnQuestionsOnly() throws Exception {
    post("/api/ask", "{\"session\":\"alice\",\"message\":\"Which keyboard do you use?\"}");
    post("/api/ask", "{\"session\":\"bob\",\"message\":\"Can I join your Minecraft server?\"}");
    post("/api/ask", "{\"session\":\"alice\",\"message\":\"And which switches?\"}");

    List<LoggedRequest> requests =
        local.server().findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    JsonNode last = json.readTree(requests.get(requests.size() - 1).getBodyAsString());
    List<String> asked = new java.util.ArrayList<>();
    for (JsonNode message : last.get("messages")) {
      if (message.get("role").asText().equals("user")) {
        asked.add(message.get("content").asText());
      }
    }
    assertThat(asked).containsExactly("Which keyboard do you use?", "And which switches?");
  }

  @Test
  void recordsFeedbackOnAnAnswerAndRefusesAnUnknownOne() throws Exception {
    JsonNode answer =
        json.readTree(
            post("/api/ask", "{\"session\":\"viewer2\",\"message\":\"Are links allowed?\"}")
                .body());
    String trace = answer.get("traceId").asText();

    HttpResponse<String> good =
        post(
            "/api/feedback",
            "{\"session\":\"viewer2\",\"traceId\":\""
                + trace
                + "\",\"rating\":\"+1\","
                + "\"comment\":\"right answer\"}");
    HttpResponse<String> unknown =
        post(
            "/api/feedback",
            "{\"session\":\"viewer2\",\"traceId\":\"no-such-trace\",\"rating\":\"-1\"}");

    assertThat(good.statusCode()).as(good.body()).isEqualTo(200);
    assertThat(json.readTree(good.body()).get("feedbackId").asLong()).isPositive();
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json.readTree(unknown.body()).get("error").get("type").asText())
        .isEqualTo("invalid_request");
  }

  @Test
  void refusesInvalidAndOversizedInputBeforeAskingAnything() throws Exception {
    int before =
        local.server().findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))).size();

    HttpResponse<String> tooLong =
        post("/api/ask", "{\"session\":\"v\",\"message\":\"" + "a".repeat(201) + "\"}");
    HttpResponse<String> tooLarge =
        post("/api/ask", "{\"session\":\"v\",\"message\":\"" + "a".repeat(20_000) + "\"}");
    HttpResponse<String> blank = post("/api/ask", "{\"session\":\"v\",\"message\":\"  \"}");
    HttpResponse<String> badSession =
        post("/api/ask", "{\"session\":\"../etc\",\"message\":\"hi\"}");
    HttpResponse<String> notJson = post("/api/ask", "session=v&message=hi");
    HttpResponse<String> control =
        post("/api/ask", "{\"session\":\"v\",\"message\":\"hi\\u0000there\"}");

    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("the most is 200");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(blank.statusCode()).isEqualTo(400);
    assertThat(badSession.statusCode()).isEqualTo(400);
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(control.statusCode()).isEqualTo(400);
    assertThat(local.server().findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))))
        .hasSize(before);
  }

  @Test
  void reportsHealthWithTheModelStatusAndAnswersOnlyItsEndpoints() throws Exception {
    HttpResponse<String> health =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> wrongMethod =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/ask")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> missing =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/admin")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode status = json.readTree(health.body());
    assertThat(status.get("status").asText()).isEqualTo("UP");
    assertThat(status.get("model").get("available").asBoolean()).isTrue();
    assertThat(status.get("documents").asInt()).isEqualTo(2);
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Completes {@code port} when the command prints the address it listens on. */
  private static final class PortWatcher extends Writer {
    private static final Pattern LISTENING =
        Pattern.compile("StreamerAssistant on http://127\\.0\\.0\\.1:(\\d+)");
    private final StringWriter seen = new StringWriter();
    private final CompletableFuture<Integer> port;

    PortWatcher(CompletableFuture<Integer> port) {
      this.port = port;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
      seen.write(buffer, offset, length);
      Matcher m = LISTENING.matcher(seen.toString());
      if (!port.isDone() && m.find()) {
        port.complete(Integer.parseInt(m.group(1)));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      port.completeExceptionally(new IllegalStateException("the command ended: " + seen));
    }
  }
}
