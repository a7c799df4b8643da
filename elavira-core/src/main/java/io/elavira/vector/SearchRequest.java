package io.elavira.vector;

import java.util.Objects;

/**
 * A similarity search.
 *
 * @param vector the query embedding, L2-normalised, same dimension as the stored vectors
 * @param topK the most hits to return, 1 or more
 * @param filter applied inside the search; {@link Filter#all()} for none
 * @param minScore hits scoring below this cosine similarity are dropped; use -1 for none
 */
public record SearchRequest(float[] vector, int topK, Filter filter, double minScore) {
  /** Validates. */
  public SearchRequest {
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(filter, "filter");
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1, got " + topK);
    }
  }

  /** A search for the {@code topK} nearest records matching {@code filter}. */
  public static SearchRequest of(float[] vector, int topK, Filter filter) {
    return new SearchRequest(vector, topK, filter, -1);
  }
}
