package io.elavira.vector.lucene;

import io.elavira.vector.SearchHit;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.stores.internal.UnitVectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * How {@link LuceneVectorStore} turns records into Lucene documents: the vector field and the
 * checks and L2 normalisation of every vector written or searched. Not API.
 */
final class VectorDocuments {
  static final String VECTOR = "vector";

  /**
   * A record's id and metadata as one binary doc value: what a search reads for each hit, one
   * random access instead of decompressing a block of stored fields (which the id and metadata are
   * also written as, for indexes written before this field existed).
   */
  static final String HIT = "hit";

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
      doc.add(new BinaryDocValuesField(HIT, hitValue(r.id(), r.metadata())));
      docs.add(doc);
    }
    return docs;
  }

  /** The {@link #HIT} value: the id, the number of metadata entries, then keys and values. */
  static BytesRef hitValue(String id, Map<String, String> metadata) {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    try {
      out.writeString(id);
      out.writeVInt(metadata.size());
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        out.writeString(e.getKey());
        out.writeString(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: the output is in memory
    }
    return new BytesRef(out.toArrayCopy());
  }

  /** The search hit of a {@link #HIT} value, with its score. */
  static SearchHit hit(BytesRef value, double score) throws IOException {
    ByteArrayDataInput in = new ByteArrayDataInput(value.bytes, value.offset, value.length);
    String id = in.readString();
    int entries = in.readVInt();
    Map<String, String> metadata = new HashMap<>(entries * 2);
    for (int i = 0; i < entries; i++) {
      metadata.put(in.readString(), in.readString());
    }
    return new SearchHit(id, score, metadata);
  }

  /** {@code v} as a unit vector, checked against this store's dimension. */
  float[] normalised(float[] v, String what) {
    return UnitVectors.normalised(v, what, dimension, path);
  }
}
