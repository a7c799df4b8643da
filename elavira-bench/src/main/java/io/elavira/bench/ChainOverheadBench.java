package io.elavira.bench;

import io.elavira.Answer;
import io.elavira.ElaviraAgent;
import io.elavira.ElaviraAgentBuilder;
import io.elavira.cache.ResponseCachePolicy;
import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
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
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The per-ask overhead of an agent's whole request chain (guard, conversation lock, memory,
 * retrieval over an indexed corpus, prompt, response cache, generation, persisting the exchange in
 * SQLite, events) with an instant model and an instant embedding model, so that what is measured is
 * Elavira's own cost; and a cached answer's latency against an uncached one.
 *
 * <p>Scenarios, each on its own fresh home with 50 documents of 4 passages (200 chunks) in the
 * default in-memory vector index, asked from one thread:
 *
 * <ul>
 *   <li>no cache, a new question in a new conversation per ask;
 *   <li>no cache, follow-up questions in conversations of 10 (memory window loaded);
 *   <li>no cache, the same question from new conversations (its embedding cached in memory: the
 *       difference with the first is the question embedding cache's database read and write);
 *   <li>response cache on, every question new (miss: key, lookup, write);
 *   <li>response cache on, the same question from new conversations (hit).
 * </ul>
 *
 * <pre>
 * mvn -B -o -q -pl elavira-bench -am compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "elavira-bench/target/classes:$(cat elavira-bench/cp.txt)" \
 *     io.elavira.bench.ChainOverheadBench [asks per scenario, default 2000]
 * </pre>
 */
public final class ChainOverheadBench {
  private static final int DOCUMENTS = 50;
  private static final int PASSAGES = 4;
  private static final String[] WORDS = {
    "contract",
    "fees",
    "refund",
    "subscription",
    "cancel",
    "month",
    "payment",
    "card",
    "delay",
    "notice",
    "holiday",
    "salary",
    "tenant",
    "rent",
    "deposit",
    "insurance",
    "claim",
    "doctor",
    "appointment",
    "school",
    "teacher",
    "exam",
    "grade",
    "train",
    "ticket",
    "price",
    "tax",
    "form",
    "deadline",
    "office",
    "manager",
    "meeting",
    "project",
    "report",
    "budget",
    "invoice",
    "client"
  };

  private ChainOverheadBench() {}

  /** Runs every scenario and prints a Markdown report. */
  public static void main(String[] args) throws Exception {
    int asks = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int warmup = Math.max(200, asks / 4);
    System.out.printf(
        Locale.ROOT,
        "# Agent chain overhead (instant model and embeddings)%n%n- %d processors, %s %s, load"
            + " average %.2f; %d documents x %d passages; %d warm-up asks, %d measured per"
            + " scenario%n%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        DOCUMENTS,
        PASSAGES,
        warmup,
        asks);
    System.out.println("| scenario | p50 ms | p90 ms | p99 ms | mean ms |");
    System.out.println("|---|---:|---:|---:|---:|");
    run("no cache, new question, new conversation", null, false, false, warmup, asks);
    run("no cache, follow-ups (conversations of 10)", null, true, false, warmup, asks);
    run("no cache, same question, new conversation", null, false, true, warmup, asks);
    ResponseCachePolicy cache = ResponseCachePolicy.builder().providerDefaultTemperature(0).build();
    run("cache on, miss (every question new)", cache, false, false, warmup, asks);
    run("cache on, hit (same question, new conversation)", cache, false, true, warmup, asks);
  }

  private static void run(
      String name,
      @Nullable ResponseCachePolicy cache,
      boolean followUps,
      boolean sameQuestion,
      int warmup,
      int asks)
      throws IOException {
    try (ScratchFolder scratch = ScratchFolder.create("elavira-chain-bench")) {
      Path home = scratch.path();
      InstantModel llm = new InstantModel();
      ElaviraAgentBuilder builder =
          ElaviraAgent.builder()
              .home(home)
              .embeddings(new HashedEmbeddings())
              .llm(llm)
              // Recall's own cost is measured in its section of docs/benchmarks.md.
              .longTermMemory(LongTermMemory.off());
      if (cache != null) {
        builder.responseCache(cache);
      }
      Random random = new Random(42);
      try (ElaviraAgent agent = builder.build()) {
        for (int d = 0; d < DOCUMENTS; d++) {
          List<Block> blocks = new ArrayList<>();
          List<Chunk> chunks = new ArrayList<>();
          for (int p = 0; p < PASSAGES; p++) {
            String text = sentence(random, 40);
            blocks.add(new Block(BlockType.PARAGRAPH, text, "Section " + (p + 1), p + 1));
            chunks.add(new Chunk(p, text, "Section " + (p + 1), p + 1, Map.of()));
          }
          agent.index(
              new Document("doc" + d + ".txt", "/bench/doc" + d + ".txt", "txt", blocks, Map.of()),
              chunks);
        }
        String fixed = sentence(random, 8) + "?";
        long[] nanos = new long[asks];
        for (int i = -warmup; i < asks; i++) {
          String question = sameQuestion ? fixed : sentence(random, 8) + " " + i + "?";
          int n = i + warmup;
          int c = followUps ? n / 10 : n;
          long started = System.nanoTime();
          Answer answer = agent.ask("user" + (c % 7), "c" + c, question);
          long elapsed = System.nanoTime() - started;
          if (i >= 0) {
            nanos[i] = elapsed;
          }
          if (cache != null && sameQuestion && i >= 0 && !answer.cached()) {
            throw new IllegalStateException("expected a cache hit");
          }
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        System.out.printf(
            Locale.ROOT,
            "| %s | %.2f | %.2f | %.2f | %.2f |%n",
            name,
            nanos[asks / 2] / 1e6,
            nanos[(int) (asks * 0.9)] / 1e6,
            nanos[(int) (asks * 0.99)] / 1e6,
            mean);
      }
    }
  }

  private static String sentence(Random random, int words) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        s.append(' ');
      }
      s.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return s.toString();
  }

  /** A model that answers at once, with a fixed text. */
  private static final class InstantModel implements LlmProvider {
    @Override
    public String name() {
      return "instant";
    }

    @Override
    public String defaultModel() {
      return "instant-1";
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      return ChatResponse.of(
          "The answer is in passage [1].", "instant-1", new TokenUsage(100, 8), "stop");
    }

    @Override
    public ChatResponse stream(
        ChatRequest request, TokenListener listener, Cancellation cancellation) {
      ChatResponse response = chat(request);
      listener.onToken(response.text());
      return response;
    }

    @Override
    public Health health() {
      return Health.up("instant");
    }
  }

  /** Bag of hashed words, 384 dimensions, normalised: costs microseconds. */
  private static final class HashedEmbeddings implements EmbeddingModel {
    @Override
    public String modelId() {
      return "hashed-384";
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
        for (String word : text.split(" ")) {
          v[Math.floorMod(word.hashCode(), 384)] += 1;
        }
        double norm = 0;
        for (float x : v) {
          norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(Math.max(norm, 1e-9)));
        for (int i = 0; i < v.length; i++) {
          v[i] *= scale;
        }
        out.add(v);
      }
      return out;
    }
  }
}
