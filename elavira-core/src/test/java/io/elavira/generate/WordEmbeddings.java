package io.elavira.generate;

import io.elavira.embed.EmbeddingModel;
import io.elavira.generate.internal.TextNormal;
import java.util.ArrayList;
import java.util.List;

/** A deterministic bag-of-words embedding for tests: words hashed into 128 dimensions. */
final class WordEmbeddings implements EmbeddingModel {
  private static final int DIMENSION = 128;

  @Override
  public String modelId() {
    return "test-words-128";
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    List<float[]> out = new ArrayList<>();
    for (String t : texts) {
      float[] v = new float[DIMENSION];
      for (String w : TextNormal.of(t).split("[^\\p{L}\\d]+")) {
        if (w.length() > 2) {
          v[Math.floorMod(w.hashCode(), DIMENSION)] += 1;
        }
      }
      double norm = 0;
      for (float x : v) {
        norm += x * x;
      }
      if (norm == 0) {
        v[0] = 1;
        norm = 1;
      }
      for (int i = 0; i < v.length; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
      out.add(v);
    }
    return out;
  }
}
