package io.elavira.vector.lucene;

import io.elavira.vector.lucene.internal.FlatScanVectorsFormat;
import io.elavira.vector.lucene.internal.Int7HnswVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;

/**
 * The vector index's codec: Lucene's, with the vector field written as an HNSW graph (int8 or
 * float), or flat while a rebuild adds ({@link #flatWhileAdding(boolean)}). Each segment records
 * the format it was written with, so segments of both kinds open, search and merge together; a
 * merge always writes the graph. Not API.
 *
 * <p>Thread-safe: the switch is volatile; the one writer of the index sets it around a rebuild's
 * adds, while no merge runs.
 */
final class VectorCodec extends Lucene912Codec {
  private static final KnnVectorsFormat FLAT = new FlatScanVectorsFormat();

  private final KnnVectorsFormat graph;
  private volatile boolean flat;

  /**
   * @param m links per node
   * @param efConstruction candidates kept while inserting a node
   * @param quantized whether the graph is walked with 7-bit vectors ({@link Int7HnswVectorsFormat})
   * @param mergeWorkers threads a merge builds the graph on (the merge scheduler lends them)
   */
  VectorCodec(int m, int efConstruction, boolean quantized, int mergeWorkers) {
    // Lucene's 7-bit quantisation, not compressed, confidence from the dimension; its dot
    // products computed by Int7DotScorer (identical scores, half the cost on Java 17).
    this.graph =
        quantized
            ? new Int7HnswVectorsFormat(m, efConstruction, mergeWorkers)
            : new Lucene99HnswVectorsFormat(m, efConstruction, mergeWorkers, null);
  }

  /** Whether segments written from now on get flat vectors (true) or the graph (false). */
  void flatWhileAdding(boolean flat) {
    this.flat = flat;
  }

  @Override
  public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
    return flat ? FLAT : graph;
  }
}
