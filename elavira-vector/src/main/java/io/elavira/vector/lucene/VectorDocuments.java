package io.elavira.vector.lucene;

import io.elavira.vector.VectorRecord;
import io.elavira.vector.stores.internal.UnitVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.VectorSimilarityFunction;

/**
 * How {@link LuceneVectorStore} turns records into Lucene documents: the vector field, its HNSW
 * codec, and the checks and L2 normalisation of every vector written or searched. Not API.
 */
final class VectorDocuments {
  static final String VECTOR = "vector";

  private final int dimension;
  private final Path path;

  VectorDocuments(int dimension, Path path) {
    this.dimension = dimension;
    this.path = path;
  }

  /** One document per record: id, normalised vector, metadata. */
  List<Document> documents(List<VectorRecord> records) {
    List<Document> docs = new ArrayList<>(records.size());
    for (VectorRecord r : records) {
      Objects.requireNonNull(r, "record");
      float[] v = normalised(r.vector(), "vector of record " + r.id());
      Document doc = new Document();
      doc.add(new StringField(LuceneIndex.ID, r.id(), Field.Store.YES));
      doc.add(new KnnFloatVectorField(VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
      LuceneIndex.addMetadata(doc, r.metadata());
      docs.add(doc);
    }
    return docs;
  }

  /** {@code v} as a unit vector, checked against this store's dimension. */
  float[] normalised(float[] v, String what) {
    return UnitVectors.normalised(v, what, dimension, path);
  }

  /** The codec writing the vector field as an HNSW graph, int8-quantised or not. */
  static Codec codec(int m, int efConstruction, boolean quantized) {
    KnnVectorsFormat format =
        quantized
            ? new Lucene99HnswScalarQuantizedVectorsFormat(m, efConstruction)
            : new Lucene99HnswVectorsFormat(m, efConstruction);
    return new Lucene912Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
      }
    };
  }
}
