package io.elavira.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.fallback.FallbackProvider;
import io.elavira.llm.openai.OpenAiProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * What the fallback chain costs and saves, and what Elavira adds to a streamed answer, against
 * local WireMock stubs shaped like OpenAI's Chat Completions (so the network is loopback and the
 * "model" answers at once: the figures are Elavira's own cost, not a model's).
 *
 * <ol>
 *   <li>1,000 consecutive asks with the primary down (HTTP 500): how many are answered, how many
 *       reached the dead primary, and the time per ask.
 *   <li>The latency a dead primary adds per request, its breaker open vs closed, for a primary that
 *       refuses connections, answers 500, or hangs until the request timeout (250 ms here).
 *   <li>A streamed answer of 64 SSE chunks: time to first token and total through {@code
 *       OpenAiProvider.stream} vs a raw OkHttp call reading the same stub.
 * </ol>
 *
 * <pre>
 * mvn -B -o -q -pl elavira-bench -am compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "elavira-bench/target/classes:$(cat elavira-bench/cp.txt)" \
 *     io.elavira.bench.ProviderResilienceBench [rounds, default 2000]
 * </pre>
 */
public final class ProviderResilienceBench {
  private static final String CHAT = "/v1/chat/completions";
  private static final int CHUNKS = 64;

  private ProviderResilienceBench() {}

  /** Runs the three measurements and prints a Markdown report. */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    WireMockServer good = server(false);
    WireMockServer bad = server(true);
    WireMockServer hanging = server(false);
    try {
      stubAnswers(good);
      bad.stubFor(
          post(urlEqualTo(CHAT))
              .willReturn(
                  json(
                      500,
                      "{\"error\":{\"message\":\"down\","
                          + "\"type\":\"server_error\",\"param\":null,\"code\":null}}")));
      hanging.stubFor(
          post(urlEqualTo(CHAT)).willReturn(json(200, completion()).withFixedDelay(5000)));
      System.out.printf(
          Locale.ROOT,
          "# Provider resilience and overhead%n%n- %d processors, load average %.2f at start, %s %s%n%n",
          Runtime.getRuntime().availableProcessors(),
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          System.getProperty("java.vm.name"),
          System.getProperty("java.runtime.version"));
      outage(good, bad);
      deadPrimary(good, bad, hanging, Math.max(50, rounds / 10));
      streamingOverhead(good, rounds);
    } finally {
      good.stop();
      bad.stop();
      hanging.stop();
    }
  }

  private static void outage(WireMockServer good, WireMockServer bad) {
    try (LlmProvider primary = provider("primary", bad.baseUrl(), Duration.ofSeconds(5));
        LlmProvider secondary = provider("secondary", good.baseUrl(), Duration.ofSeconds(5))) {
      FallbackProvider chain = FallbackProvider.builder().add(primary).add(secondary).build();
      int answered = 0;
      long start = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        ChatResponse r = chain.chat(question());
        if (!r.text().isEmpty()) {
          answered++;
        }
      }
      double ms = (System.nanoTime() - start) / 1e6;
      int reached =
          bad.countRequestsMatching(postRequestedFor(urlEqualTo(CHAT)).build()).getCount();
      System.out.printf(
          Locale.ROOT,
          "## 1,000 consecutive asks, primary answering HTTP 500%n%n"
              + "- answered: %d / 1000%n- requests that reached the dead primary: %d%n"
              + "- total %.0f ms, %.2f ms per ask%n%n",
          answered,
          reached,
          ms,
          ms / 1000);
    }
  }

  private static void deadPrimary(
      WireMockServer good, WireMockServer bad, WireMockServer hanging, int rounds) {
    System.out.println(
        "## Latency a dead primary adds per request (p50 of the chain minus p50 of the secondary"
            + " alone, interleaved)\n");
    System.out.println("| primary | asks | breaker closed | breaker open |");
    System.out.println("|---|---|---|---|");
    String refused = "http://127.0.0.1:" + closedPort();
    for (String[] kind :
        new String[][] {
          {"refuses connections", refused},
          {"answers HTTP 500", bad.baseUrl()},
          {"hangs (request timeout 250 ms)", hanging.baseUrl()}
        }) {
      int n = kind[0].startsWith("hangs") ? Math.min(rounds, 20) : rounds;
      double closed = addedMs(chain(kind[1], good, false), directSecondary(good), n);
      double open = addedMs(chain(kind[1], good, true), directSecondary(good), rounds);
      System.out.printf(
          Locale.ROOT, "| %s | %d | +%.3f ms | %+.3f ms |%n", kind[0], n, closed, open);
    }
    System.out.println();
  }

  /** Median latency of {@code chain} minus that of {@code alone}, calls interleaved. */
  private static double addedMs(LlmProvider chain, LlmProvider alone, int rounds) {
    try (chain;
        alone) {
      for (int i = 0; i < Math.min(200, rounds); i++) {
        alone.chat(question());
      }
      List<Double> withChain = new ArrayList<>();
      List<Double> direct = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        long start = System.nanoTime();
        chain.chat(question());
        withChain.add((System.nanoTime() - start) / 1e6);
        start = System.nanoTime();
        alone.chat(question());
        direct.add((System.nanoTime() - start) / 1e6);
      }
      return Measures.median(withChain) - Measures.median(direct);
    }
  }

  /** A chain whose primary breaker opens at once (open) or never (closed). */
  private static LlmProvider chain(String primaryUrl, WireMockServer good, boolean open) {
    FallbackProvider.Builder b =
        FallbackProvider.builder()
            .add(provider("primary", primaryUrl, Duration.ofMillis(250)))
            .add(provider("secondary", good.baseUrl(), Duration.ofSeconds(5)))
            .closeProviders(true);
    if (open) {
      b.minimumCalls(1).slidingWindow(1).waitInOpenState(Duration.ofHours(1));
    } else {
      b.minimumCalls(100_000).slidingWindow(100_000);
    }
    LlmProvider chain = b.build();
    if (open) {
      chain.chat(question()); // the first failure opens the breaker
    }
    return chain;
  }

  private static LlmProvider directSecondary(WireMockServer good) {
    return provider("secondary", good.baseUrl(), Duration.ofSeconds(5));
  }

  private static void streamingOverhead(WireMockServer good, int rounds) throws IOException {
    OkHttpClient raw = new OkHttpClient();
    String body =
        "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Bonjour\"}]}";
    Request request =
        new Request.Builder()
            .url(good.baseUrl() + CHAT)
            .post(
                RequestBody.create(
                    body.getBytes(StandardCharsets.UTF_8), MediaType.get("application/json")))
            .build();
    List<Double> rawFirst = new ArrayList<>();
    List<Double> rawTotal = new ArrayList<>();
    List<Double> elaviraFirst = new ArrayList<>();
    List<Double> elaviraTotal = new ArrayList<>();
    try (LlmProvider p = provider("openai", good.baseUrl(), Duration.ofSeconds(5))) {
      for (int round = 0; round < rounds * 2; round++) {
        boolean measured = round >= rounds; // the first half warms both paths up
        long start = System.nanoTime();
        long[] first = {0};
        try (Response response = raw.newCall(request).execute()) {
          BufferedSource source = response.body().source();
          String line;
          while ((line = source.readUtf8Line()) != null) {
            if (line.startsWith("data: {") && line.contains("\"content\":\"t") && first[0] == 0) {
              first[0] = System.nanoTime();
            }
            if (line.equals("data: [DONE]")) {
              break;
            }
          }
        }
        long end = System.nanoTime();
        if (measured) {
          rawFirst.add((first[0] - start) / 1e6);
          rawTotal.add((end - start) / 1e6);
        }
        first[0] = 0;
        start = System.nanoTime();
        long s = start;
        p.stream(
            question(),
            t -> {
              if (first[0] == 0) {
                first[0] = System.nanoTime();
              }
            },
            new Cancellation());
        end = System.nanoTime();
        if (measured) {
          elaviraFirst.add((first[0] - s) / 1e6);
          elaviraTotal.add((end - s) / 1e6);
        }
      }
    } finally {
      raw.dispatcher().executorService().shutdown();
      raw.connectionPool().evictAll();
    }
    System.out.println(
        "## A streamed answer of " + CHUNKS + " SSE chunks, " + rounds + " measured rounds\n");
    System.out.println("| path | first token p50 | p90 | total p50 | p90 |");
    System.out.println("|---|---|---|---|---|");
    row("raw OkHttp, read line by line", rawFirst, rawTotal);
    row("OpenAiProvider.stream (Elavira)", elaviraFirst, elaviraTotal);
    System.out.printf(
        Locale.ROOT,
        "%nElavira's overhead (p50): first token +%.3f ms, total +%.3f ms.%n",
        Measures.median(elaviraFirst) - Measures.median(rawFirst),
        Measures.median(elaviraTotal) - Measures.median(rawTotal));
  }

  private static void row(String name, List<Double> first, List<Double> total) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.3f ms | %.3f ms | %.3f ms | %.3f ms |%n",
        name,
        Measures.median(first),
        Measures.percentile(first, 90),
        Measures.median(total),
        Measures.percentile(total, 90));
  }

  private static LlmProvider provider(String name, String baseUrl, Duration requestTimeout) {
    return OpenAiProvider.builder()
        .name(name)
        .baseUrl(baseUrl + "/v1")
        .model("m")
        .maxRetries(0)
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(requestTimeout)
        .build();
  }

  private static ChatRequest question() {
    return ChatRequest.of(List.of(ChatMessage.user("Bonjour")));
  }

  private static WireMockServer server(boolean journal) {
    var options =
        options().dynamicPort().bindAddress("127.0.0.1").gzipDisabled(true).containerThreads(8);
    WireMockServer s = new WireMockServer(journal ? options : options.disableRequestJournal());
    s.start();
    return s;
  }

  private static void stubAnswers(WireMockServer s) {
    s.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("false")))
            .willReturn(json(200, completion())));
    StringBuilder sse = new StringBuilder();
    for (int i = 0; i < CHUNKS; i++) {
      sse.append(
          "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
              + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"t"
              + i
              + " \"},\"finish_reason\":null}]}\n\n");
    }
    sse.append(
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":64,"
            + "\"total_tokens\":67}}\n\ndata: [DONE]\n\n");
    s.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withBody(sse.toString())));
  }

  private static String completion() {
    return "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":"
        + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Bonjour !\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,"
        + "\"total_tokens\":5}}";
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
