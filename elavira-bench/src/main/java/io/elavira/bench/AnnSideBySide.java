package io.elavira.bench;

import static io.elavira.bench.AnnContenders.EF_CONSTRUCTION;
import static io.elavira.bench.AnnContenders.EF_SEARCH;
import static io.elavira.bench.AnnContenders.M;
import static io.elavira.bench.AnnContenders.TOP_K;

import io.elavira.bench.AnnContenders.Built;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.lucene.LuceneVectorStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Top-10 search side by side, on all-MiniLM-L6-v2 vectors of real text: the embedded default
 * ({@link LuceneVectorStore}), the raw Lucene HNSW it wraps with the same parameters, the raw
 * hnswlib with the same parameters, LangChain4j's {@code InMemoryEmbeddingStore}, Elavira's exact
 * {@link InMemoryVectorStore}, and (with {@code --chroma-url}) a real Chroma server. Prints build
 * time, open time, query p50/p95 and recall@10 against the exact answer. The contenders are in
 * {@link AnnContenders}, the vectors in {@link AnnVectors}.
 *
 * <p><b>Vectors.</b> {@code --real} texts are windows of 24 words (stride 6) over the French
 * service-public.fr corpus and the English/French files of shared/data/docs, embedded once and
 * cached in {@code --cache}. Larger sizes add, for each extra vector, the normalised midpoint of
 * two random real vectors plus a small Gaussian jitter: points between real ones, as new documents
 * would be. Queries are the 105 real French questions of the BEIR set.
 *
 * <pre>
 * java -Xmx6g -cp elavira-bench/target/benchmarks.jar io.elavira.bench.AnnSideBySide \
 *     --sizes 10000,100000 --chroma-url http://127.0.0.1:PORT
 * </pre>
 */
@Command(
    name = "AnnSideBySide",
    mixinStandardHelpOptions = true,
    description = "Top-10 latency and recall@10: embedded default vs raw libraries vs others.")
public final class AnnSideBySide implements Callable<Integer> {
  @Option(names = "--shared", defaultValue = "../shared/data", description = "Shared data.")
  Path shared;

  @Option(names = "--sizes", split = ",", defaultValue = "10000,100000")
  List<Integer> sizes;

  @Option(names = "--real", defaultValue = "10000", description = "Real texts to embed.")
  int real;

  @Option(names = "--cache", defaultValue = "/tmp/elavira-ann-minilm.bin")
  Path cache;

  @Option(names = "--chroma-url", description = "A Chroma server to include.")
  @Nullable String chromaUrl;

  @Option(names = "--passes", defaultValue = "3", description = "Timed passes over the queries.")
  int passes;

  @Option(names = "--skip", split = ",", description = "Contenders to skip (by name prefix).")
  List<String> skip = List.of();

  private float[][] queries = new float[0][];

  /**
   * Runs the comparison.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new AnnSideBySide()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    AnnVectors vectors = AnnVectors.read(shared, real, cache);
    float[][] base = vectors.base;
    queries = vectors.queries;
    AnnContenders contenders = new AnnContenders(queries[0], chromaUrl);
    System.out.printf(
        Locale.ROOT,
        "%n%s, %d cores, max heap %d MB; M %d, efConstruction %d, efSearch %d%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        M,
        EF_CONSTRUCTION,
        EF_SEARCH);
    // JIT warm-up: every index library builds and searches a small index once, unreported.
    float[][] small = Arrays.copyOf(base, Math.min(3000, base.length));
    for (Callable<Built> warm :
        List.<Callable<Built>>of(
            () -> contenders.elavira(small),
            () -> contenders.rawLucene(small),
            () -> contenders.hnswlib(small))) {
      Built built = warm.call();
      for (float[] q : queries) {
        built.search().top(q);
      }
      built.close().run();
    }
    for (int size : sizes) {
      float[][] data = AnnVectors.expand(base, size);
      List<List<String>> truth = exact(data);
      System.out.printf(
          Locale.ROOT,
          "%n### %,d vectors (%,d real), %d queries x %d passes%n%n"
              + "| store | build s | open s | p50 ms | p95 ms | recall@10 | disk MB |%n"
              + "|---|---|---|---|---|---|---|%n",
          size,
          Math.min(size, base.length),
          queries.length,
          passes);
      run("Elavira embedded default (Lucene HNSW, int8)", () -> contenders.elavira(data), truth);
      run("raw Lucene 9.12 HNSW, int8, same parameters", () -> contenders.rawLucene(data), truth);
      run("raw hnswlib 1.2.1, same parameters", () -> contenders.hnswlib(data), truth);
      run("LangChain4j InMemoryEmbeddingStore", () -> contenders.langchain4j(data), truth);
      run("Elavira InMemoryVectorStore (exact)", () -> contenders.exactStore(data), truth);
      if (chromaUrl != null) {
        run("Chroma 1.0 server (HTTP)", () -> contenders.chroma(data), truth);
      }
    }
    return 0;
  }

  private void run(String name, Callable<Built> build, List<List<String>> truth) throws Exception {
    if (skip.stream().anyMatch(name::startsWith)) {
      return;
    }
    System.gc();
    Built built = build.call();
    for (int pass = 0; pass < 3; pass++) {
      for (float[] q : queries) {
        built.search().top(q); // warm-up: the JIT compiles the search path
      }
    }
    List<Long> nanos = new ArrayList<>();
    double recall = 0;
    for (int pass = 0; pass < passes; pass++) {
      for (int i = 0; i < queries.length; i++) {
        long t = System.nanoTime();
        List<String> ids = built.search().top(queries[i]);
        nanos.add(System.nanoTime() - t);
        if (pass == 0) {
          Set<String> hit = new HashSet<>(ids);
          recall += truth.get(i).stream().filter(hit::contains).count() / (double) TOP_K;
        }
      }
    }
    built.close().run();
    nanos.sort(Comparator.naturalOrder());
    Path dir = built.dir();
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %s | %.2f | %.2f | %.3f | %s |%n",
        name,
        built.buildNanos() / 1e9,
        built.openNanos() < 0
            ? "n/a (in memory)"
            : String.format(Locale.ROOT, "%.2f", built.openNanos() / 1e9),
        nanos.get(nanos.size() / 2) / 1e6,
        nanos.get((int) (nanos.size() * 0.95)) / 1e6,
        recall / queries.length,
        dir == null ? "-" : String.format(Locale.ROOT, "%.0f", AnnContenders.size(dir) / 1e6));
  }

  /**
   * The exact top 10 of each query by a scan of the vectors themselves (all unit length, so the dot
   * product is the cosine), without a store's second copy of them: at 1M vectors that copy alone is
   * 1.5 GB.
   */
  private List<List<String>> exact(float[][] data) {
    List<List<String>> truth = new ArrayList<>();
    for (float[] q : queries) {
      PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::score));
      for (int i = 0; i < data.length; i++) {
        float[] v = data[i];
        double dot = 0;
        for (int d = 0; d < v.length; d++) {
          dot += q[d] * v[d];
        }
        if (best.size() < TOP_K) {
          best.add(new Scored(i, dot));
        } else if (dot > best.element().score()) {
          best.poll();
          best.add(new Scored(i, dot));
        }
      }
      List<Scored> top = new ArrayList<>(best);
      top.sort(Comparator.comparingDouble(Scored::score).reversed());
      truth.add(top.stream().map(s -> "r" + s.index()).toList());
    }
    return truth;
  }

  /** A vector's index and its score against a query. */
  private record Scored(int index, double score) {}
}
