package io.elavira.llm.http.internal;

import io.elavira.llm.LlmException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every HTTP embedding model does around its one call: reject null texts, split into batches,
 * check the count and dimension of what came back, and L2-normalise. Not API.
 */
public final class EmbeddingBatches {
  private EmbeddingBatches() {}

  /**
   * Embeds {@code texts} in batches of at most {@code batchSize} through {@code call}.
   *
   * @param expectedDimension the dimension every vector must have, or 0 to accept the first seen
   * @throws io.elavira.llm.LlmException when the server returns the wrong number of vectors or a
   *     vector of another dimension
   */
  public static List<float[]> embed(
      HttpTransport http,
      String model,
      List<String> texts,
      int batchSize,
      int expectedDimension,
      Function<List<String>, List<float[]>> call) {
    Objects.requireNonNull(texts, "texts");
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null) {
        throw new NullPointerException("text " + i + " is null");
      }
    }
    List<float[]> out = new ArrayList<>(texts.size());
    int dimension = expectedDimension;
    for (int from = 0; from < texts.size(); from += batchSize) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + batchSize));
      List<float[]> vectors = call.apply(batch);
      if (vectors.size() != batch.size()) {
        throw http.errors()
            .failure(
                Kind.UNAVAILABLE,
                model,
                "asked for " + batch.size() + " embeddings, got " + vectors.size(),
                null,
                null);
      }
      for (float[] v : vectors) {
        if (dimension == 0) {
          dimension = v.length;
        }
        if (v.length != dimension || v.length == 0) {
          throw http.errors()
              .failure(
                  Kind.UNAVAILABLE,
                  model,
                  "an embedding has " + v.length + " dimensions, expected " + dimension,
                  null,
                  null);
        }
        out.add(normalised(v));
      }
    }
    return out;
  }

  /** {@code v} scaled to unit length (a zero vector is returned as is). */
  public static float[] normalised(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum == 0) {
      return v;
    }
    double norm = Math.sqrt(sum);
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }
}
