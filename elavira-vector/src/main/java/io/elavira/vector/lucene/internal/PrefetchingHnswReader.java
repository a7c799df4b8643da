package io.elavira.vector.lucene.internal;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OrdinalTranslatedKnnCollector;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.apache.lucene.util.quantization.QuantizedVectorsReader;
import org.apache.lucene.util.quantization.ScalarQuantizer;
import org.jspecify.annotations.Nullable;

/**
 * Lucene's HNSW reader, searched by Lucene's own graph searcher over a view of the graph that, when
 * it moves to a node, starts fetching all of that node's neighbours' vectors from memory at once
 * ({@link Int7DotScorer.Scorer#prefetch}). The walk is the same (same visits, same order, same
 * scores, same results); only the waits for memory overlap. Everything else goes to Lucene's
 * reader, which merges also see (as the graph and quantisation provider they look for). Not API.
 *
 * <p>Thread-safe as Lucene's reader is: each search has its own scorer and graph view.
 */
final class PrefetchingHnswReader extends KnnVectorsReader
    implements HnswGraphProvider, QuantizedVectorsReader {
  private final Lucene99HnswVectorsReader lucene;
  private final FlatVectorsReader flat;

  PrefetchingHnswReader(Lucene99HnswVectorsReader lucene, FlatVectorsReader flat) {
    this.lucene = lucene;
    this.flat = flat;
  }

  @Override
  public void search(String field, float[] target, KnnCollector collector, Bits acceptDocs)
      throws IOException {
    RandomVectorScorer probe = flat.getRandomVectorScorer(field, target);
    if (!(probe instanceof Int7DotScorer.Scorer scorer)
        || collector.k() == 0
        || collector.k() >= scorer.maxOrd()) {
      lucene.search(field, target, collector, acceptDocs); // nothing to walk, or another scorer
      return;
    }
    HnswGraphSearcher.search(
        scorer,
        new OrdinalTranslatedKnnCollector(collector, scorer::ordToDoc),
        new Prefetching(lucene.getGraph(field), scorer),
        scorer.getAcceptOrds(acceptDocs));
  }

  @Override
  public void search(String field, byte[] target, KnnCollector collector, Bits acceptDocs)
      throws IOException {
    lucene.search(field, target, collector, acceptDocs);
  }

  @Override
  public HnswGraph getGraph(String field) throws IOException {
    return lucene.getGraph(field);
  }

  @Override
  public @Nullable QuantizedByteVectorValues getQuantizedVectorValues(String field)
      throws IOException {
    return lucene.getQuantizedVectorValues(field);
  }

  @Override
  public @Nullable ScalarQuantizer getQuantizationState(String field) {
    return lucene.getQuantizationState(field);
  }

  @Override
  public void checkIntegrity() throws IOException {
    lucene.checkIntegrity();
  }

  @Override
  public FloatVectorValues getFloatVectorValues(String field) throws IOException {
    return lucene.getFloatVectorValues(field);
  }

  @Override
  public ByteVectorValues getByteVectorValues(String field) throws IOException {
    return lucene.getByteVectorValues(field);
  }

  @Override
  public long ramBytesUsed() {
    return lucene.ramBytesUsed();
  }

  @Override
  public void close() throws IOException {
    lucene.close(); // closes the flat reader too
  }

  /** A graph whose {@link #seek} lists the node's neighbours and prefetches their vectors. */
  private static final class Prefetching extends HnswGraph {
    private final HnswGraph graph;
    private final Int7DotScorer.Scorer scorer;
    private int[] neighbours = new int[64];
    private int count;
    private int next;

    Prefetching(HnswGraph graph, Int7DotScorer.Scorer scorer) {
      this.graph = graph;
      this.scorer = scorer;
    }

    @Override
    public void seek(int level, int target) throws IOException {
      graph.seek(level, target);
      count = 0;
      next = 0;
      for (int node = graph.nextNeighbor();
          node != DocIdSetIterator.NO_MORE_DOCS;
          node = graph.nextNeighbor()) {
        if (count == neighbours.length) {
          neighbours = Arrays.copyOf(neighbours, count * 2);
        }
        neighbours[count++] = node;
      }
      // Those already scored are in the cache and cost little to touch again; telling them apart
      // (a bit set per search) was measured no faster.
      scorer.prefetch(neighbours, count);
    }

    @Override
    public int nextNeighbor() {
      return next < count ? neighbours[next++] : DocIdSetIterator.NO_MORE_DOCS;
    }

    @Override
    public int size() {
      return graph.size();
    }

    @Override
    public int maxNodeId() {
      return graph.maxNodeId();
    }

    @Override
    public int numLevels() throws IOException {
      return graph.numLevels();
    }

    @Override
    public int entryNode() throws IOException {
      return graph.entryNode();
    }

    @Override
    public NodesIterator getNodesOnLevel(int level) throws IOException {
      return graph.getNodesOnLevel(level);
    }
  }
}
