package io.elavira.vector.stores.internal;

import java.nio.file.Path;

/**
 * The one check and normalisation of the vectors the embedded stores (Lucene, hnswlib) index and
 * search with: both compare unit vectors by dot product, so a cosine is what they return. Stateless
 * and thread-safe.
 */
public final class UnitVectors {
  private UnitVectors() {}

  /**
   * {@code v} scaled to length 1, in a new array.
   *
   * @param v the vector, left untouched
   * @param what what the vector is, for messages ("query", "vector of record 42")
   * @param dimension the store's dimension
   * @param store the store's directory, for messages
   * @throws IllegalArgumentException when {@code v} has another dimension, or no direction (all
   *     zeros or NaN)
   */
  public static float[] normalised(float[] v, String what, int dimension, Path store) {
    VectorDimensions.require(v, what, dimension, "the store " + store);
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    if (norm == 0 || Double.isNaN(norm)) {
      throw new IllegalArgumentException(what + " is all zeros (or NaN): it has no direction");
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }
}
