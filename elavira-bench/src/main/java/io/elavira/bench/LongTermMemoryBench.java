package io.elavira.bench;

import io.elavira.ElaviraAgent;
import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import io.elavira.memory.LongTermMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What long-term memory adds to an ask: the same agent (instant model, a cheap hashing embedding
 * model so that Elavira's own work shows, not the model's) on two homes holding the same number of
 * past exchanges of the asking user, one with {@link LongTermMemory#defaults()} and one with {@link
 * LongTermMemory#off()}. Each measured ask opens a new conversation, so recall scans every past
 * exchange of the user. The first ask after the history was written also embeds and stores all of
 * it (catch-up), reported on its own.
 *
 * <pre>
 * mvn -B -o -q -pl elavira-bench -am compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "elavira-bench/target/classes:$(cat elavira-bench/cp.txt)" \
 *     io.elavira.bench.LongTermMemoryBench [asks, default 200]
 * </pre>
 */
public final class LongTermMemoryBench {
  private static final int[] PAST_EXCHANGES = {0, 100, 1000};
  private static final String[] WORDS =
      ("invoice contract salary holiday doctor garden recipe train meeting insurance school"
              + " budget travel music loan tenant repair birthday project heating boiler")
          .split(" ");

  private LongTermMemoryBench() {}

  /** Runs the measurement and prints a Markdown table. */
  public static void main(String[] args) throws IOException {
    int asks = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    System.out.printf(
        Locale.ROOT,
        "# Long-term memory overhead per ask%n%n- %d processors, %s %s, %d measured asks per row"
            + " after 20 warm-up asks%n%n| past exchanges | catch-up (first ask) ms | ask p50 off"
            + " ms | ask p50 on ms | ask p90 off ms | ask p90 on ms |%n|---|---|---|---|---|---|%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        asks);
    for (int past : PAST_EXCHANGES) {
      double[] off = run(LongTermMemory.off(), past, asks);
      double[] on = run(LongTermMemory.defaults(), past, asks);
      System.out.printf(
          Locale.ROOT,
          "| %d | %.1f | %.2f | %.2f | %.2f | %.2f |%n",
          past,
          on[0],
          off[1],
          on[1],
          off[2],
          on[2]);
    }
  }

  /** Returns {first ask ms, p50 ms, p90 ms}. */
  private static double[] run(LongTermMemory memory, int past, int asks) throws IOException {
    try (ScratchFolder scratch = ScratchFolder.create("elavira-ltm-bench")) {
      Path home = scratch.path();
      Random random = new Random(1);
      try (ElaviraAgent agent =
          ElaviraAgent.builder()
              .home(home)
              .embeddings(new HashingModel())
              .llm(new InstantModel())
              .longTermMemory(memory)
              .build()) {
        for (int i = 0; i < past; i++) {
          agent.ask("alice", "past-" + i, words(random, 8));
        }
        long started = System.nanoTime();
        agent.ask("alice", "first", words(random, 6));
        double first = (System.nanoTime() - started) / 1e6;
        for (int i = 0; i < 20; i++) {
          agent.ask("alice", "warm-" + i, words(random, 6));
        }
        double[] ms = new double[asks];
        for (int i = 0; i < asks; i++) {
          long t = System.nanoTime();
          agent.ask("alice", "new-" + i, words(random, 6));
          ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {first, ms[asks / 2], ms[asks * 9 / 10]};
      }
    }
  }

  private static String words(Random random, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(WORDS[random.nextInt(WORDS.length)]);
    }
    return String.join(" ", out);
  }

  /** A 384-dimension hashed bag of words: costs microseconds, so the memory's own work shows. */
  private static final class HashingModel implements EmbeddingModel {
    @Override
    public String modelId() {
      return "bench-hashing-384";
    }

    @Override
    public int dimension() {
      return 384;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      List<float[]> out = new ArrayList<>(texts.size());
      for (String text : texts) {
        float[] v = new float[384];
        for (String w : text.toLowerCase(Locale.ROOT).split("\\W+")) {
          v[Math.floorMod(w.hashCode(), 384)] += 1;
        }
        double norm = 0;
        for (float x : v) {
          norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
          v[i] = norm == 0 ? 0 : (float) (v[i] / Math.sqrt(norm));
        }
        out.add(v);
      }
      return out;
    }
  }

  /** Answers at once. */
  private static final class InstantModel implements LlmProvider {
    @Override
    public String name() {
      return "instant";
    }

    @Override
    public String defaultModel() {
      return "instant";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      return ChatResponse.of("Noted.", "instant", new TokenUsage(1, 1), "stop");
    }

    @Override
    public ChatResponse stream(
        ChatRequest request, TokenListener listener, Cancellation cancellation) {
      listener.onToken("Noted.");
      return chat(request);
    }

    @Override
    public Health health() {
      return Health.up("instant");
    }
  }
}
