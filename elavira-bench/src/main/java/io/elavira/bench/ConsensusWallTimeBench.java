package io.elavira.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.consensus.ConsensusProvider;
import io.elavira.llm.consensus.ConsensusStrategy;
import io.elavira.llm.openai.OpenAiProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall time of a {@link ConsensusProvider} against the slowest worker plus the merger: three
 * OpenAI-compatible workers behind WireMock stubs with fixed delays (150, 300 and 450 ms) and a
 * merger with a fixed 200 ms delay, all through the real HTTP providers. Each round measures,
 * interleaved, the consensus' streamed answer and the slowest worker and the merger called alone,
 * so the ratio compares like with like (target ≤ 1.1×). The sum of all calls shows what running the
 * workers one after the other would cost.
 *
 * <pre>
 * mvn -B -o -q -pl elavira-bench -am compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "elavira-bench/target/classes:$(cat elavira-bench/cp.txt)" \
 *     io.elavira.bench.ConsensusWallTimeBench [rounds, default 30]
 * </pre>
 */
public final class ConsensusWallTimeBench {
  private static final int[] WORKER_DELAYS_MS = {150, 300, 450};
  private static final int MERGER_DELAY_MS = 200;

  private ConsensusWallTimeBench() {}

  /** Runs the measurement and prints a Markdown report. */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    WireMockServer server =
        new WireMockServer(
            options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .gzipDisabled(true)
                .containerThreads(16)
                .disableRequestJournal());
    server.start();
    try {
      for (int i = 0; i < WORKER_DELAYS_MS.length; i++) {
        stub(server, "w" + (i + 1), WORKER_DELAYS_MS[i], "Answer " + (i + 1));
      }
      stub(server, "merger", MERGER_DELAY_MS, "Merged answer");
      System.out.printf(
          Locale.ROOT,
          "# Consensus wall time%n%n- %d processors, %s %s, %d rounds after 3 warm-up rounds%n"
              + "- workers: fixed delays %s ms; merger: fixed delay %d ms (WireMock, loopback)%n%n",
          Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.vm.name"),
          System.getProperty("java.runtime.version"),
          rounds,
          java.util.Arrays.toString(WORKER_DELAYS_MS),
          MERGER_DELAY_MS);
      System.out.println(
          "| strategy | consensus p50 | slowest worker p50 | merger p50 | target p50 |"
              + " ratio p50 | ratio p90 | sum of every call p50 |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      run(server, ConsensusStrategy.MERGER, rounds);
      run(server, ConsensusStrategy.MAJORITY, rounds);
    } finally {
      server.stop();
    }
  }

  private static void run(WireMockServer server, ConsensusStrategy strategy, int rounds) {
    List<LlmProvider> workers = new ArrayList<>();
    for (int i = 0; i < WORKER_DELAYS_MS.length; i++) {
      workers.add(provider("w" + (i + 1), server));
    }
    LlmProvider merger = provider("merger", server);
    ConsensusProvider.Builder b =
        ConsensusProvider.builder().strategy(strategy).closeProviders(true);
    workers.forEach(b::worker);
    if (strategy == ConsensusStrategy.MERGER) {
      b.merger(merger);
    }
    List<Double> wall = new ArrayList<>();
    List<Double> slowest = new ArrayList<>();
    List<Double> merging = new ArrayList<>();
    List<Double> target = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    List<Double> sum = new ArrayList<>();
    try (ConsensusProvider consensus = b.build()) {
      for (int round = -3; round < rounds; round++) {
        double w = time(consensus);
        double each = 0;
        double max = 0;
        for (LlmProvider worker : workers) {
          double t = time(worker);
          each += t;
          max = Math.max(max, t);
        }
        double m = strategy == ConsensusStrategy.MERGER ? time(merger) : 0;
        if (round < 0) {
          continue;
        }
        wall.add(w);
        slowest.add(max);
        merging.add(m);
        target.add(max + m);
        ratio.add(w / (max + m));
        sum.add(each + m);
      }
    } finally {
      if (strategy != ConsensusStrategy.MERGER) {
        merger.close();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.3f× | %.3f× | %.1f ms |%n",
        strategy.configName(),
        Measures.median(wall),
        Measures.median(slowest),
        Measures.median(merging),
        Measures.median(target),
        Measures.median(ratio),
        Measures.percentile(ratio, 90),
        Measures.median(sum));
  }

  private static double time(LlmProvider p) {
    long t0 = System.nanoTime();
    p.stream(question(), token -> {}, new Cancellation());
    return (System.nanoTime() - t0) / 1e6;
  }

  private static LlmProvider provider(String path, WireMockServer server) {
    return OpenAiProvider.builder()
        .name(path)
        .baseUrl(server.baseUrl() + "/" + path + "/v1")
        .model(path + "-model")
        .maxRetries(0)
        .requestTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static void stub(WireMockServer server, String path, int delayMs, String text) {
    String sse =
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
            + text
            + "\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,"
            + "\"total_tokens\":5}}\n\ndata: [DONE]\n\n";
    server.stubFor(
        post(urlEqualTo("/" + path + "/v1/chat/completions"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/event-stream")
                    .withFixedDelay(delayMs)
                    .withBody(sse)));
  }

  private static ChatRequest question() {
    return ChatRequest.of(List.of(ChatMessage.user("Bonjour")));
  }
}
