package io.elavira.vector.internal;

/**
 * Cosines as the core's exact searches compute them (the in-memory store, long-term recall): both
 * vectors scaled to unit length once, then a dot product. Stateless and thread-safe. Not API.
 */
public final class Cosines {
  private Cosines() {}

  /** {@code v} scaled to unit length, in a new array; an all-zero vector stays all zeros. */
  public static float[] normalised(float[] v) {
    float[] out = new float[v.length];
    normaliseInto(v, out, 0);
    return out;
  }

  /**
   * Writes {@code v} scaled to unit length into {@code out[offset .. offset + v.length)}; an
   * all-zero vector is written as zeros.
   */
  public static void normaliseInto(float[] v, float[] out, int offset) {
    float norm = (float) Math.sqrt(dot(v, v, 0, v.length));
    float scale = norm > 0 ? 1f / norm : 0f;
    for (int i = 0; i < v.length; i++) {
      out[offset + i] = v[i] * scale;
    }
  }

  /**
   * Dot product of {@code q} with {@code data[offset .. offset + dim)}. Eight independent sums
   * break the dependency chain of a single accumulator, so the JIT can pipeline and vectorise the
   * loop.
   */
  public static float dot(float[] q, float[] data, int offset, int dim) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int i = 0;
    int bound = dim - (dim % 8);
    for (; i < bound; i += 8) {
      int j = offset + i;
      s0 += q[i] * data[j];
      s1 += q[i + 1] * data[j + 1];
      s2 += q[i + 2] * data[j + 2];
      s3 += q[i + 3] * data[j + 3];
      s4 += q[i + 4] * data[j + 4];
      s5 += q[i + 5] * data[j + 5];
      s6 += q[i + 6] * data[j + 6];
      s7 += q[i + 7] * data[j + 7];
    }
    for (; i < dim; i++) {
      s0 += q[i] * data[offset + i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
