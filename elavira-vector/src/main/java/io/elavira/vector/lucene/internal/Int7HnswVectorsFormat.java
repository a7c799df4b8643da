package io.elavira.vector.lucene.internal;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsFormat;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.codecs.hnsw.FlatVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsWriter;
import org.apache.lucene.codecs.lucene99.Lucene99ScalarQuantizedVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99ScalarQuantizedVectorsWriter;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.store.IOContext;

/**
 * Lucene's HNSW graph over 7-bit scalar-quantised vectors ({@link
 * Lucene99HnswScalarQuantizedVectorsFormat} with 7 bits, uncompressed: the same files, the same
 * quantisation, the same scores), with the quantised dot products computed by {@link
 * Int7DotScorer}, about twice as fast as Lucene's on a JVM without the vector API (Java 17), and
 * searched through {@link PrefetchingHnswReader}, which fetches a node's neighbours' vectors from
 * memory together. Flushed segments are written by Lucene's writer; merged ones by {@link
 * Int7HnswMergeWriter}, whose graph {@link FlatHnswBuilder} builds without Lucene's row locks, in
 * the same files. Not API.
 *
 * <p>Lucene opens segments written with this format by its {@link #NAME} through {@link
 * java.util.ServiceLoader} (registered in {@code META-INF/services}); the no-argument constructor
 * serves that reading path, where the graph parameters are not used. Thread-safe and immutable.
 */
public final class Int7HnswVectorsFormat extends KnnVectorsFormat {
  /** The name Lucene records for each segment written with this format. */
  public static final String NAME = "ElaviraHnswInt7";

  private static final FlatVectorsFormat RAW =
      new Lucene99FlatVectorsFormat(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());
  private static final Int7DotScorer SCORER = new Int7DotScorer();

  private final int maxConn;
  private final int beamWidth;
  private final int mergeWorkers;

  /** The format Lucene instantiates to read segments (Lucene's default graph parameters). */
  public Int7HnswVectorsFormat() {
    this(
        Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN,
        Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
        Lucene99HnswVectorsFormat.DEFAULT_NUM_MERGE_WORKER);
  }

  /**
   * @param maxConn links per node (M)
   * @param beamWidth candidates kept while inserting a node (efConstruction)
   * @param mergeWorkers threads a merge builds the graph on (the merge scheduler lends them)
   * @throws IllegalArgumentException when a parameter is out of Lucene's range
   */
  public Int7HnswVectorsFormat(int maxConn, int beamWidth, int mergeWorkers) {
    super(NAME);
    if (maxConn <= 0 || maxConn > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN) {
      throw new IllegalArgumentException("maxConn out of range: " + maxConn);
    }
    if (beamWidth <= 0 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH) {
      throw new IllegalArgumentException("beamWidth out of range: " + beamWidth);
    }
    if (mergeWorkers < 1) {
      throw new IllegalArgumentException("mergeWorkers must be at least 1: " + mergeWorkers);
    }
    this.maxConn = maxConn;
    this.beamWidth = beamWidth;
    this.mergeWorkers = mergeWorkers;
  }

  @Override
  // Lucene's writer takes a null executor to mean "the merge scheduler's intra-merge threads";
  // both writers build a merge's graph on those threads.
  @SuppressWarnings("NullAway")
  public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    FlatVectorsWriter flat =
        new Lucene99ScalarQuantizedVectorsWriter(
            state, null, (byte) Int7DotScorer.BITS, false, RAW.fieldsWriter(state), SCORER);
    if (state.context.context == IOContext.Context.MERGE) {
      return new Int7HnswMergeWriter(state, maxConn, beamWidth, mergeWorkers, flat);
    }
    return new Lucene99HnswVectorsWriter(state, maxConn, beamWidth, flat, mergeWorkers, null);
  }

  @Override
  public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    FlatVectorsReader flat =
        new Lucene99ScalarQuantizedVectorsReader(state, RAW.fieldsReader(state), SCORER);
    return new PrefetchingHnswReader(new Lucene99HnswVectorsReader(state, flat), flat);
  }

  @Override
  public String toString() {
    return NAME + "(maxConn=" + maxConn + ", beamWidth=" + beamWidth + ", bits=7)";
  }
}
