package io.elavira.vector.lucene.internal;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.OrdinalTranslatedKnnCollector;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.apache.lucene.util.quantization.QuantizedVectorsReader;
import org.apache.lucene.util.quantization.ScalarQuantizer;
import org.jspecify.annotations.Nullable;

/**
 * Lucene's HNSW reader, whose float searches walk Lucene's graph with {@link HnswWalk}: Lucene's
 * own search (same visits, same order, same scores, same results) that fetches a node's unvisited
 * neighbours' vectors from memory at once. Everything else goes to Lucene's reader, which merges
 * also see (as the graph and quantisation provider they look for). Not API.
 *
 * <p>Thread-safe as Lucene's reader is: each search has its own scorer, graph and walk.
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
    HnswWalk.search(
        scorer,
        new OrdinalTranslatedKnnCollector(collector, scorer::ordToDoc),
        lucene.getGraph(field),
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
}
