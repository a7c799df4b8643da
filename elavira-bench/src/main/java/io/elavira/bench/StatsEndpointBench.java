package io.elavira.bench;

import io.elavira.ElaviraAgent;
import io.elavira.examples.server.ElaviraServer;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.store.ElaviraStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Time of {@code GET /api/stats} (totals plus the series per bucket the dashboard charts draw, one
 * store read per bucket) on a home holding N stored answers, for each period the dashboard offers,
 * one request after the other on loopback.
 *
 * <pre>
 * mvn -B -o -q -pl elavira-bench -am compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp "elavira-bench/target/classes:$(cat elavira-bench/cp.txt)" \
 *     io.elavira.bench.StatsEndpointBench [answers, default 5000] [requests per period, default 30]
 * </pre>
 */
public final class StatsEndpointBench {
  private static final String PASSWORD = "bench-password-123";

  private StatsEndpointBench() {}

  /** Stores the answers, then times the stats of each period and prints a Markdown table. */
  public static void main(String[] args) throws Exception {
    int answers = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    try (ScratchFolder scratch = ScratchFolder.create("elavira-stats-bench")) {
      Path home = scratch.path();
      try (ElaviraStore store = ElaviraStore.open(home.resolve("elavira.db"));
          ElaviraAgent agent =
              ElaviraAgent.builder()
                  .store(store)
                  .embeddings(ServerLoadBench.bagOfWords())
                  .llm(ServerLoadBench.instant())
                  .build()) {
        long seeding = System.nanoTime();
        for (int i = 0; i < answers; i++) {
          agent.ask("user-" + (i % 20), "c" + (i % 500), "Question number " + i);
        }
        double seeded = (System.nanoTime() - seeding) / 1e9;
        try (ElaviraServer server =
            ElaviraServer.builder()
                .home(home)
                .agent(agent)
                .store(store)
                .pipelines(
                    (indexer, listener) ->
                        IngestionPipeline.builder().indexer(indexer).listener(listener).build())
                .port(0)
                .requestsPerMinute(1_000_000_000)
                .adminPassword(PASSWORD)
                .notices(new PrintWriter(new StringWriter()))
                .start()) {
          String base = "http://127.0.0.1:" + server.port();
          HttpClient client = HttpClient.newHttpClient();
          String login =
              client
                  .send(
                      HttpRequest.newBuilder(URI.create(base + "/api/auth/login"))
                          .header("Content-Type", "application/json")
                          .POST(
                              HttpRequest.BodyPublishers.ofString(
                                  "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body();
          String token = login.replaceAll(".*\"accessToken\":\"([^\"]+)\".*", "$1");
          System.out.printf(
              Locale.ROOT,
              "# GET /api/stats%n%n- %d answers stored in %.1f s, %d processors, load average %s,"
                  + " Java %s, %d requests per period after 3 warm-up ones%n%n",
              answers,
              seeded,
              Runtime.getRuntime().availableProcessors(),
              Files.readString(Path.of("/proc/loadavg")).split(" ")[0],
              System.getProperty("java.version"),
              requests);
          System.out.println("| last | buckets | p50 ms | p90 ms | max ms |");
          System.out.println("|---|---|---|---|---|");
          for (String last : new String[] {"1h", "24h", "7d", "30d"}) {
            HttpRequest request =
                HttpRequest.newBuilder(URI.create(base + "/api/stats?last=" + last))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
            String body = "";
            for (int i = 0; i < 3; i++) {
              body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
            }
            long[] nanos = new long[requests];
            for (int i = 0; i < requests; i++) {
              long start = System.nanoTime();
              HttpResponse<String> reply =
                  client.send(request, HttpResponse.BodyHandlers.ofString());
              nanos[i] = System.nanoTime() - start;
              if (reply.statusCode() != 200) {
                throw new IllegalStateException("stats answered " + reply.statusCode());
              }
            }
            Arrays.sort(nanos);
            System.out.printf(
                Locale.ROOT,
                "| %s | %d | %.1f | %.1f | %.1f |%n",
                last,
                body.split("\"latencyP99Ms\"").length - 2,
                nanos[requests / 2] / 1e6,
                nanos[(int) Math.ceil(requests * 0.9) - 1] / 1e6,
                nanos[requests - 1] / 1e6);
          }
        }
      }
    }
  }
}
