package io.elavira.bench;

import static io.elavira.bench.AnnContenders.TOP_K;

import io.elavira.vector.Filter;
import io.elavira.vector.SearchHit;
import io.elavira.vector.SearchRequest;
import io.elavira.vector.lucene.LuceneVectorStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The embedded default's graph parameters against each other: builds {@link LuceneVectorStore} with
 * a given M and build beam (efConstruction) over the same vectors as {@link AnnSideBySide} (or
 * reopens the one already built in {@code --index-dir}), then answers the 105 questions at each
 * search beam in {@code --efs}: query p50 and recall@10 against the exact top 10. One contender,
 * one build: the build-to-build spread is measured by running it again on an empty folder.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Xmx6g \
 *     -cp elavira-bench/target/benchmarks.jar io.elavira.bench.AnnBeams \
 *     --size 100000 --m 16 --ef-construction 200 --efs 60,80,100,120 --index-dir /tmp/beams
 * </pre>
 */
@Command(
    name = "AnnBeams",
    mixinStandardHelpOptions = true,
    description = "Build time, query p50 and recall@10 of the embedded default by graph beam.")
public final class AnnBeams implements Callable<Integer> {
  @Mixin AnnVectorsOptions vectorsFrom = new AnnVectorsOptions();

  @Option(names = "--size", defaultValue = "100000", description = "Vectors in the index.")
  int size;

  @Option(names = "--m", description = "Links per node (default: the store's).")
  int m = LuceneVectorStore.Builder.DEFAULT_M;

  @Option(names = "--ef-construction", description = "Build beam (default: the store's).")
  int efConstruction = LuceneVectorStore.Builder.DEFAULT_EF_CONSTRUCTION;

  @Option(
      names = "--efs",
      split = ",",
      defaultValue = "40,60,80,100,120,140",
      description = "Search beams to time.")
  List<Integer> efs;

  @Option(names = "--passes", defaultValue = "5", description = "Timed passes per beam.")
  int passes;

  @Option(
      names = "--index-dir",
      required = true,
      description =
          "Parent folder: the index is SIZE-M-EFCONSTRUCTION inside it, built when absent and"
              + " reopened otherwise.")
  Path indexDir;

  /**
   * Runs the measurement.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new AnnBeams()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    AnnVectors vectors = vectorsFrom.read();
    float[][] data = AnnVectors.expand(vectors.base, size);
    float[][] queries = vectors.queries;
    List<List<String>> truth = AnnRow.exact(data, queries, i -> true);
    Path dir = indexDir.resolve(size + "-" + m + "-" + efConstruction);
    if (AnnContenders.hasIndex(dir)) {
      System.out.printf(Locale.ROOT, "%s: reused%n", dir);
    } else {
      long t = System.nanoTime();
      try (LuceneVectorStore store =
          LuceneVectorStore.builder(dir, data[0].length)
              .m(m)
              .efConstruction(efConstruction)
              .build()) {
        store.addAll(AnnContenders.records(data));
      }
      System.out.printf(
          Locale.ROOT,
          "%s: built in %.1f s (M %d, efConstruction %d)%n",
          dir,
          (System.nanoTime() - t) / 1e9,
          m,
          efConstruction);
    }
    System.out.printf(
        Locale.ROOT,
        "%n| %,d vectors, M %d, efConstruction %d | p50 ms | recall@10 |%n|---|---|---|%n",
        size,
        m,
        efConstruction);
    for (int ef : efs) {
      try (LuceneVectorStore store =
          LuceneVectorStore.builder(dir, data[0].length).efSearch(ef).build()) {
        for (int pass = 0; pass < 3; pass++) {
          for (float[] q : queries) {
            store.search(SearchRequest.of(q, TOP_K, Filter.all())); // JIT warm-up
          }
        }
        List<Long> nanos = new ArrayList<>();
        double recall = 0;
        for (int pass = 0; pass < passes; pass++) {
          for (int i = 0; i < queries.length; i++) {
            long t = System.nanoTime();
            List<SearchHit> hits = store.search(SearchRequest.of(queries[i], TOP_K, Filter.all()));
            nanos.add(System.nanoTime() - t);
            if (pass == 0) {
              Set<String> found = new HashSet<>();
              hits.forEach(h -> found.add(h.id()));
              recall += truth.get(i).stream().filter(found::contains).count() / (double) TOP_K;
            }
          }
        }
        System.out.printf(
            Locale.ROOT,
            "| ef %d | %.3f | %.3f |%n",
            ef,
            AnnRow.percentile(nanos, 0.5),
            recall / queries.length);
      }
    }
    return 0;
  }
}
