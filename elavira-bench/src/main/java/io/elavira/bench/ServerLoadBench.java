package io.elavira.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.ElaviraAgent;
import io.elavira.embed.EmbeddingModel;
import io.elavira.examples.server.ElaviraServer;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import io.elavira.store.ElaviraStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput and latency of the reference server on loopback: {@code POST /api/chat} (JWT check,
 * rate limiter, retrieval over a small corpus, an instant stub model, the exchange stored in
 * SQLite) and {@code GET /api/health}, each under N concurrent clients (default 32) for a fixed
 * time after a warm-up. Every client is a thread of one JDK HttpClient (HTTP/1.1, kept-alive
 * connections) sending one request after the other; the rate limit is raised out of the way.
 *
 * <pre>
 * mvn -B -o -q -pl elavira-bench -am compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "elavira-bench/target/classes:$(cat elavira-bench/cp.txt)" \
 *     io.elavira.bench.ServerLoadBench [clients, default 32] [seconds, default 20]
 * </pre>
 */
public final class ServerLoadBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "bench-password-123";
  private static final Duration WARM_UP = Duration.ofSeconds(5);

  private ServerLoadBench() {}

  /** Runs both measurements and prints a Markdown report. */
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    Duration measure = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
    try (ScratchFolder scratch = ScratchFolder.create("elavira-server-bench")) {
      Path home = scratch.path();
      Path corpus = Files.createDirectories(home.resolve("corpus"));
      for (int i = 0; i < 20; i++) {
        Files.writeString(
            corpus.resolve("doc-" + i + ".txt"),
            ("Document " + i + " explains topic " + i + " with enough words to make a chunk. ")
                .repeat(20));
      }
      try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"));
          ElaviraAgent agent =
              ElaviraAgent.builder().store(store).embeddings(bagOfWords()).llm(instant()).build()) {
        IngestionPipeline.builder().indexer(agent).build().ingest(List.of(corpus));
        try (ElaviraServer server =
            ElaviraServer.builder()
                .home(home)
                .agent(agent)
                .store(store)
                .pipelines(
                    (indexer, listener) ->
                        IngestionPipeline.builder().indexer(indexer).listener(listener).build())
                .llm(instant())
                .port(0)
                .requestsPerMinute(1_000_000_000)
                .adminPassword(PASSWORD)
                .notices(new PrintWriter(new StringWriter()))
                .start()) {
          String base = "http://127.0.0.1:" + server.port();
          // The client's threads are not daemons: stopped at the end, or the JVM would never exit.
          ExecutorService clientThreads = Executors.newFixedThreadPool(4);
          try {
            HttpClient client =
                HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .executor(clientThreads)
                    .build();
            measure(client, base, clients, measure);
          } finally {
            clientThreads.shutdownNow();
          }
        }
      }
    }
  }

  /** Logs in, then loads each endpoint in turn and prints its row. */
  private static void measure(HttpClient client, String base, int clients, Duration measure)
      throws Exception {
    String token = login(client, base);
    System.out.printf(
        Locale.ROOT,
        "# Reference server under load%n%n- %d processors, load average at start %s,"
            + " Java %s, %d clients, %d s measured after %d s warm-up%n%n",
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        System.getProperty("java.version"),
        clients,
        measure.toSeconds(),
        WARM_UP.toSeconds());
    System.out.println("| endpoint | requests | errors | req/s | p50 ms | p99 ms | max ms |");
    System.out.println("|---|---|---|---|---|---|---|");
    HttpRequest health = HttpRequest.newBuilder(URI.create(base + "/api/health")).GET().build();
    HttpRequest chat =
        HttpRequest.newBuilder(URI.create(base + "/api/chat"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString("{\"message\":\"What does topic 7 explain?\"}"))
            .build();
    run(client, "GET /api/health", health, clients, measure);
    run(client, "POST /api/chat", chat, clients, measure);
  }

  private static String login(HttpClient client, String base) throws Exception {
    HttpResponse<String> login =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode tokens = JSON.readTree(login.body());
    return tokens.get("accessToken").asText();
  }

  private static void run(
      HttpClient client, String name, HttpRequest request, int clients, Duration measure)
      throws Exception {
    load(client, request, clients, WARM_UP); // warm-up, not reported
    long started = System.nanoTime();
    List<long[]> latencies = load(client, request, clients, measure);
    double seconds = (System.nanoTime() - started) / 1e9;
    long errors = latencies.stream().mapToLong(l -> l[l.length - 1]).sum();
    long[] all =
        latencies.stream().flatMapToLong(l -> Arrays.stream(l, 0, l.length - 1)).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %d | %.0f | %.1f | %.1f | %.1f |%n",
        name,
        all.length,
        errors,
        all.length / seconds,
        percentile(all, 0.50) / 1e6,
        percentile(all, 0.99) / 1e6,
        all.length == 0 ? 0 : all[all.length - 1] / 1e6);
  }

  /** Per client: its latencies in nanoseconds, then (last element) its error count. */
  private static List<long[]> load(
      HttpClient client, HttpRequest request, int clients, Duration duration) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long deadline = System.nanoTime() + duration.toNanos();
    List<Future<long[]>> results = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      results.add(
          pool.submit(
              () -> {
                long[] times = new long[1024];
                int n = 0;
                AtomicLong errors = new AtomicLong();
                while (System.nanoTime() < deadline) {
                  long start = System.nanoTime();
                  try {
                    HttpResponse<byte[]> response =
                        client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                      errors.incrementAndGet();
                      continue;
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                    continue;
                  }
                  if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                  }
                  times[n++] = System.nanoTime() - start;
                }
                long[] out = Arrays.copyOf(times, n + 1);
                out[n] = errors.get();
                return out;
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : results) {
      all.add(f.get());
    }
    pool.shutdown();
    return all;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** A model that answers at once with a fixed text, streamed in four tokens. */
  static LlmProvider instant() {
    return new LlmProvider() {
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
        return ChatResponse.of("The answer is 42.", "instant-1", new TokenUsage(10, 4), "stop");
      }

      @Override
      public ChatResponse stream(
          ChatRequest request, TokenListener listener, Cancellation cancellation) {
        for (String token : List.of("The ", "answer ", "is ", "42.")) {
          listener.onToken(token);
        }
        return chat(request);
      }

      @Override
      public Health health() {
        return Health.up("instant");
      }
    };
  }

  /** A hashed bag of words, 64 dimensions: no model to load, so the server is what is measured. */
  static EmbeddingModel bagOfWords() {
    return new EmbeddingModel() {
      @Override
      public String modelId() {
        return "bench-bow-64";
      }

      @Override
      public int dimension() {
        return 64;
      }

      @Override
      public List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>();
        for (String text : texts) {
          float[] v = new float[64];
          for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            v[Math.floorMod(word.hashCode(), 64)] += 1;
          }
          double norm = 1e-9;
          for (float x : v) {
            norm += x * x;
          }
          for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
          }
          vectors.add(v);
        }
        return vectors;
      }
    };
  }
}
