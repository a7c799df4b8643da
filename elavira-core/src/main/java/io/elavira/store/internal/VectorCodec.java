package io.elavira.store.internal;

import io.elavira.ElaviraException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Not API. Encodes vectors as little-endian IEEE-754 float32 bytes, the BLOB format of the {@code
 * embeddings} table (also what pgvector's binary format and numpy's {@code <f4} read). Round trips
 * are bit-exact, NaN payloads included. Stateless and thread-safe.
 */
public final class VectorCodec {
  private VectorCodec() {}

  /** The bytes of {@code vector}, 4 per component, little-endian. */
  public static byte[] encode(float[] vector) {
    ByteBuffer bytes =
        ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return bytes.array();
  }

  /**
   * The vector held in {@code bytes}.
   *
   * @param dimension the stored dimension, checked against the length
   * @throws ElaviraException when the length does not match the dimension (a corrupt row)
   */
  public static float[] decode(byte[] bytes, int dimension, String what) {
    if (bytes == null || bytes.length != dimension * Float.BYTES) {
      throw new ElaviraException(
          "Embedding "
              + what
              + " is corrupt: "
              + dimension
              + " dimensions but "
              + (bytes == null ? 0 : bytes.length)
              + " bytes. Delete the row (or the embeddings table) to re-embed.");
    }
    float[] vector = new float[dimension];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
