package io.elavira.llm.onnx.internal;

import io.elavira.llm.onnx.EmbeddingProfile;
import java.nio.FloatBuffer;

/**
 * Turns an encoder's token vectors into sentence vectors as an {@link EmbeddingProfile} says: the
 * mean over the real tokens or the first token's vector, then L2 normalisation when asked.
 * Stateless and thread-safe. Not API.
 */
public final class Pooler {
  private Pooler() {}

  /**
   * Pools a batch of hidden states laid out as {@code [rows, width, dimension]}.
   *
   * @param hidden the hidden states, read from index 0 (the buffer's position is not used)
   * @param lengths the number of real (unpadded) tokens of each row, each in 1..width
   * @param width the padded sequence length
   * @param dimension the vector length
   * @param pooling mean over the real tokens, or the first token
   * @param normalize whether to L2-normalise each vector
   * @return one vector per row
   */
  public static float[][] pool(
      FloatBuffer hidden,
      int[] lengths,
      int width,
      int dimension,
      EmbeddingProfile.Pooling pooling,
      boolean normalize) {
    float[][] out = new float[lengths.length][];
    for (int r = 0; r < lengths.length; r++) {
      int base = r * width * dimension;
      float[] v = new float[dimension];
      if (pooling == EmbeddingProfile.Pooling.CLS) {
        hidden.get(base, v);
      } else {
        int tokens = lengths[r];
        for (int t = 0; t < tokens; t++) {
          int offset = base + t * dimension;
          for (int d = 0; d < dimension; d++) {
            v[d] += hidden.get(offset + d);
          }
        }
        for (int d = 0; d < dimension; d++) {
          v[d] /= tokens;
        }
      }
      out[r] = normalize ? normalize(v) : v;
    }
    return out;
  }

  /**
   * Copies already pooled rows ({@code [rows, dimension]}), L2-normalised when asked.
   *
   * @param hidden the pooled vectors, read from index 0
   * @param rows the number of rows
   * @param dimension the vector length
   * @param normalize whether to L2-normalise each vector
   * @return one vector per row
   */
  public static float[][] rows(FloatBuffer hidden, int rows, int dimension, boolean normalize) {
    float[][] out = new float[rows][dimension];
    for (int r = 0; r < rows; r++) {
      hidden.get(r * dimension, out[r]);
      if (normalize) {
        normalize(out[r]);
      }
    }
    return out;
  }

  /** Scales {@code v} to unit length in place (a zero vector stays zero) and returns it. */
  static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int d = 0; d < v.length; d++) {
        v[d] = (float) (v[d] / norm);
      }
    }
    return v;
  }
}
