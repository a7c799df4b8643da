package io.elavira.bench;

import static io.elavira.bench.AnnContenders.EF_CONSTRUCTION;
import static io.elavira.bench.AnnContenders.M;
import static io.elavira.bench.AnnContenders.TOP_K;

import io.elavira.bench.AnnContenders.Built;
import io.github.jbellis.jvector.disk.ReaderSupplier;
import io.github.jbellis.jvector.disk.ReaderSupplierFactory;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ImmutableGraphIndex;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * JVector as a contender of {@link AnnSideBySide}: its graph (Vamana with HNSW-like layers) built
 * in memory on all cores, written to disk with the full-precision vectors inline, reopened from the
 * file and searched with exact scores. Same parameters as the Lucene rows where they exist: maximum
 * degree 2M (the degree of HNSW's base layer, where Lucene and hnswlib allow 2M links),
 * construction beam {@code efConstruction}, search beam {@code efSearch}. On Java 17 JVector runs
 * its scalar code (its SIMD path needs Java 20+). Package-private, not API.
 */
final class AnnJVector {
  /** The JVector version on the class path (the parent pom's {@code jvector.version}). */
  static final String VERSION = "4.0.2";

  private static final float NEIGHBOR_OVERFLOW = 1.2f;
  private static final float ALPHA = 1.2f;

  private AnnJVector() {}

  /** Builds, writes and reopens a JVector index over {@code data} (unit vectors) in {@code dir}. */
  static Built build(float[][] data, float[] warmQuery, int beam, Path dir) throws Exception {
    VectorTypeSupport vts = VectorizationProvider.getInstance().getVectorTypeSupport();
    int dimension = data[0].length;
    Path file = dir.resolve("graph.jvector");
    long t0 = System.nanoTime();
    List<VectorFloat<?>> vectors = new ArrayList<>(data.length);
    for (float[] v : data) {
      vectors.add(vts.createFloatVector(v));
    }
    RandomAccessVectorValues ravv = new ListRandomAccessVectorValues(vectors, dimension);
    BuildScoreProvider bsp =
        BuildScoreProvider.randomAccessScoreProvider(ravv, VectorSimilarityFunction.DOT_PRODUCT);
    try (GraphIndexBuilder builder =
        new GraphIndexBuilder(
            bsp, dimension, 2 * M, EF_CONSTRUCTION, NEIGHBOR_OVERFLOW, ALPHA, true, true)) {
      ImmutableGraphIndex graph = builder.build(ravv);
      OnDiskGraphIndex.write(graph, ravv, file);
    }
    long t1 = System.nanoTime();
    ReaderSupplier readers = ReaderSupplierFactory.open(file);
    OnDiskGraphIndex index = OnDiskGraphIndex.load(readers);
    OnDiskGraphIndex.View view = index.getView();
    GraphSearcher searcher = new GraphSearcher(index);
    AnnContenders.Search search =
        q -> {
          VectorFloat<?> query = vts.createFloatVector(q);
          SearchResult result =
              searcher.search(
                  DefaultSearchScoreProvider.exact(
                      query, VectorSimilarityFunction.DOT_PRODUCT, view),
                  TOP_K,
                  beam,
                  0.0f,
                  0.0f,
                  Bits.ALL);
          List<String> ids = new ArrayList<>(TOP_K);
          for (SearchResult.NodeScore node : result.getNodes()) {
            ids.add("r" + node.node);
          }
          return ids;
        };
    search.top(warmQuery);
    long t2 = System.nanoTime();
    return new Built(
        t1 - t0,
        t2 - t1,
        dir,
        search,
        () -> {
          searcher.close();
          view.close();
          index.close();
          readers.close();
        });
  }
}
