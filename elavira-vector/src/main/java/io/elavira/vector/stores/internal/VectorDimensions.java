package io.elavira.vector.stores.internal;

/**
 * The one check, for every store, that a vector has the dimension of the vectors the store holds: a
 * mismatch means another embedding model wrote or asks, and the message says so. Stateless and
 * thread-safe.
 */
public final class VectorDimensions {
  private VectorDimensions() {}

  /**
   * Checks the dimension of {@code v}.
   *
   * @param v the vector
   * @param what what the vector is, for messages ("query vector", "vector of record 42")
   * @param dimension the store's dimension
   * @param store the store, for messages ("table docs", "the store /data/index")
   * @throws IllegalArgumentException when {@code v} has another dimension
   */
  public static void require(float[] v, String what, int dimension, String store) {
    if (v.length != dimension) {
      throw new IllegalArgumentException(
          what
              + " has dimension "
              + v.length
              + " but "
              + store
              + " holds vectors of dimension "
              + dimension
              + "; use the same embedding model for every record and query");
    }
  }
}
