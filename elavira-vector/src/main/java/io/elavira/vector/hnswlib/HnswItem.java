package io.elavira.vector.hnswlib;

import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.ObjectSerializer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.util.HashMap;
import java.util.Map;

/**
 * One record in the graph: its id, its L2-normalised vector and its metadata. Not API.
 *
 * <p>Written by {@link Serializer} and {@link IdSerializer} (plain data, no Java serialization of
 * the records themselves), in the snapshot and in the change log alike.
 */
record HnswItem(String id, float[] vector, Map<String, String> metadata)
    implements Item<String, float[]> {
  private static final long serialVersionUID = 1L;

  @Override
  public int dimensions() {
    return vector.length;
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
