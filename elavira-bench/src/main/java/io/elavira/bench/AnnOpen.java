package io.elavira.bench;

import static io.elavira.bench.AnnContenders.TOP_K;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.lucene.LuceneVectorStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Opens an embedded-default index that {@link AnnSideBySide} built (its {@code
 * ann-elavira-lucene-*} folder) in a fresh JVM and answers the same queries: open time (open +
 * first search), query p50/p95, and the process's resident memory (peak {@code VmHWM} and current
 * {@code VmRSS} of {@code /proc/self/status}), which in the side-by-side process also count the
 * bench's own copy of the vectors. Linux only for the memory figures.
 *
 * <pre>
 * java -Xmx1g -cp elavira-bench/target/benchmarks.jar io.elavira.bench.AnnOpen \
 *     --index /tmp/ann-elavira-lucene-123
 * </pre>
 */
@Command(
    name = "AnnOpen",
    mixinStandardHelpOptions = true,
    description = "Open time, query latency and resident memory of a built embedded index.")
public final class AnnOpen implements Callable<Integer> {
  @Option(names = "--index", required = true, description = "The index folder.")
  Path index;

  @Mixin AnnVectorsOptions vectorsFrom = new AnnVectorsOptions();

  @Option(names = "--passes", defaultValue = "3", description = "Timed passes over the queries.")
  int passes;

  /**
   * Runs the measurement.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new AnnOpen()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    float[][] queries = vectorsFrom.read().queries;
    long t0 = System.nanoTime();
    try (LuceneVectorStore store = LuceneVectorStore.builder(index, queries[0].length).build()) {
      store.search(SearchRequest.of(queries[0], TOP_K, Filter.all()));
      long open = System.nanoTime() - t0;
      String afterOpen = memory();
      for (int pass = 0; pass < 3; pass++) {
        for (float[] q : queries) {
          store.search(SearchRequest.of(q, TOP_K, Filter.all()));
        }
      }
      List<Long> nanos = new ArrayList<>();
      for (int pass = 0; pass < passes; pass++) {
        for (float[] q : queries) {
          long t = System.nanoTime();
          store.search(SearchRequest.of(q, TOP_K, Filter.all()));
          nanos.add(System.nanoTime() - t);
        }
      }
      nanos.sort(Comparator.naturalOrder());
      System.out.printf(
          Locale.ROOT,
          "| %s | open %.2f s | p50 %.2f ms | p95 %.2f ms | after open: %s | after queries: %s |%n",
          index,
          open / 1e9,
          nanos.get(nanos.size() / 2) / 1e6,
          nanos.get((int) (nanos.size() * 0.95)) / 1e6,
          afterOpen,
          memory());
    }
    return 0;
  }

  /** VmHWM and VmRSS of this process in MB, or "n/a" off Linux. */
  private static String memory() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return "n/a";
    }
    StringBuilder out = new StringBuilder();
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmHWM:") || line.startsWith("VmRSS:")) {
        String[] f = line.split("\\s+");
        out.append(f[0]).append(' ').append(Long.parseLong(f[1]) / 1024).append(" MB ");
      }
    }
    return out.toString().strip();
  }
}
