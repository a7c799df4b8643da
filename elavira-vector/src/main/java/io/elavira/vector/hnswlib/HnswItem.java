package io.elavira.vector.hnswlib;

import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.ObjectSerializer;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.stores.internal.UnitVectors;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One record in the graph: its id, its L2-normalised vector and its metadata. Not API.
 *
 * <p>Written by {@link Serializer} and {@link IdSerializer} (plain data, no Java serialization of
 * the records themselves), in the snapshot and in the change log alike.
 */
final class HnswItem implements Item<String, float[]> {
  private static final long serialVersionUID = 1L;

  private final String id;
  private final float[] vector;
  private final Map<String, String> metadata;

  HnswItem(String id, float[] vector, Map<String, String> metadata) {
    this.id = id;
    this.vector = vector;
    this.metadata = metadata;
  }

  @Override
  public String id() {
    return id;
  }

  /** The normalised vector itself (not a copy: never modified once built). */
  @Override
  public float[] vector() {
    return vector;
  }

  Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public int dimensions() {
    return vector.length;
  }

  /**
   * The items of {@code records}, their vectors checked and normalised.
   *
   * @throws IllegalArgumentException when a vector's dimension is not {@code dimension}, or a
   *     vector is all zeros
   */
  static List<HnswItem> of(List<VectorRecord> records, int dimension, Path store) {
    List<HnswItem> items = new ArrayList<>(records.size());
    for (VectorRecord r : records) {
      Objects.requireNonNull(r, "record");
      float[] v =
          UnitVectors.normalised(r.vector(), "vector of record " + r.id(), dimension, store);
      items.add(new HnswItem(r.id(), v, Map.copyOf(r.metadata())));
    }
    return items;
  }

  void write(DataOutput out) throws IOException {
    out.writeUTF(id);
    out.writeInt(vector.length);
    for (float f : vector) {
      out.writeFloat(f);
    }
    out.writeInt(metadata.size());
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  static HnswItem read(DataInput in) throws IOException {
    String id = in.readUTF();
    int dimension = in.readInt();
    if (dimension < 1 || dimension > 65_536) {
      throw new IOException("a record's dimension reads " + dimension + ": the data is damaged");
    }
    float[] vector = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      vector[i] = in.readFloat();
    }
    int entries = in.readInt();
    if (entries < 0 || entries > 65_536) {
      throw new IOException("a record's metadata size reads " + entries + ": the data is damaged");
    }
    Map<String, String> metadata = new HashMap<>();
    for (int i = 0; i < entries; i++) {
      metadata.put(in.readUTF(), in.readUTF());
    }
    return new HnswItem(id, vector, Map.copyOf(metadata));
  }

  /** How hnswlib writes the records of a snapshot. */
  enum Serializer implements ObjectSerializer<HnswItem> {
    INSTANCE;

    @Override
    public void write(HnswItem item, ObjectOutput out) throws IOException {
      item.write(out);
    }

    @Override
    public HnswItem read(ObjectInput in) throws IOException {
      return HnswItem.read(in);
    }
  }

  /** How hnswlib writes the ids of a snapshot. */
  enum IdSerializer implements ObjectSerializer<String> {
    INSTANCE;

    @Override
    public void write(String id, ObjectOutput out) throws IOException {
      out.writeUTF(id);
    }

    @Override
    public String read(ObjectInput in) throws IOException {
      return in.readUTF();
    }
  }
}
