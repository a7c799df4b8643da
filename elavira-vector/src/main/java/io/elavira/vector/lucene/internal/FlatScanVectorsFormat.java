package io.elavira.vector.lucene.internal;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.hnsw.FlatVectorsFormat;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.jspecify.annotations.Nullable;

/**
 * Vectors written flat, with no graph: Lucene's raw float vector files, searched by an exact scan.
 * What a rebuild writes while it adds, so that no graph is built for segments the one merge at the
 * end replaces (that merge writes the graph format and reads these segments' vectors like any
 * other's). A segment in this format left by an interrupted rebuild is still searched, exactly, and
 * replaced by the next merge. Not API.
 *
 * <p>Lucene opens segments written with this format by its {@link #NAME} through {@link
 * java.util.ServiceLoader} (registered in {@code META-INF/services}). Thread-safe and immutable.
 */
public final class FlatScanVectorsFormat extends KnnVectorsFormat {
  /** The name Lucene records for each segment written with this format. */
  public static final String NAME = "ElaviraFlat";

  private static final FlatVectorsFormat RAW =
      new Lucene99FlatVectorsFormat(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

  /** The format, as Lucene instantiates it to read segments. */
  public FlatScanVectorsFormat() {
    super(NAME);
  }

  @Override
  public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    return RAW.fieldsWriter(state);
  }

  @Override
  public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    return new ScanningReader(RAW.fieldsReader(state));
  }

  @Override
  public int getMaxDimensions(String fieldName) {
    return RAW.getMaxDimensions(fieldName);
  }

  @Override
  public String toString() {
    return NAME;
  }

  /** Lucene's flat reader, whose searches (which Lucene leaves empty) scan every vector. */
  private static final class ScanningReader extends KnnVectorsReader {
    private final FlatVectorsReader flat;

    ScanningReader(FlatVectorsReader flat) {
      this.flat = flat;
    }

    @Override
    public void checkIntegrity() throws IOException {
      flat.checkIntegrity();
    }

    @Override
    public FloatVectorValues getFloatVectorValues(String field) throws IOException {
      return flat.getFloatVectorValues(field);
    }

    @Override
    public ByteVectorValues getByteVectorValues(String field) throws IOException {
      return flat.getByteVectorValues(field);
    }

    @Override
    public void search(String field, float[] target, KnnCollector collector, Bits acceptDocs)
        throws IOException {
      scan(flat.getRandomVectorScorer(field, target), collector, acceptDocs);
    }

    @Override
    public void search(String field, byte[] target, KnnCollector collector, Bits acceptDocs)
        throws IOException {
      scan(flat.getRandomVectorScorer(field, target), collector, acceptDocs);
    }

    private static void scan(
        @Nullable RandomVectorScorer scorer, KnnCollector collector, @Nullable Bits acceptDocs)
        throws IOException {
      if (scorer == null) {
        return; // no vector of this field in the segment
      }
      Bits accepted = scorer.getAcceptOrds(acceptDocs);
      for (int ord = 0; ord < scorer.maxOrd() && !collector.earlyTerminated(); ord++) {
        if (accepted == null || accepted.get(ord)) {
          collector.incVisitedCount(1);
          collector.collect(scorer.ordToDoc(ord), scorer.score(ord));
        }
      }
    }

    @Override
    public long ramBytesUsed() {
      return flat.ramBytesUsed();
    }

    @Override
    public void close() throws IOException {
      flat.close();
    }
  }
}
