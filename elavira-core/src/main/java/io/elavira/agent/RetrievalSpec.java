package io.elavira.agent;

import io.elavira.ElaviraAgentBuilder;
import io.elavira.retrieval.RetrievalMode;
import java.util.Objects;

/**
 * How an agent retrieves passages.
 *
 * @param topK passages per question, 1 or more
 * @param minScore lowest cosine score of a passage, in [-1, 1]
 * @param mode dense, lexical or hybrid; lexical and hybrid need a lexical index from {@link
 *     AgentComponents#lexicalIndex(String)}
 */
public record RetrievalSpec(int topK, double minScore, RetrievalMode mode) {
  /** The agent builder's defaults, dense. */
  public static final RetrievalSpec DEFAULT =
      new RetrievalSpec(
          ElaviraAgentBuilder.DEFAULT_TOP_K,
          ElaviraAgentBuilder.DEFAULT_MIN_SCORE,
          RetrievalMode.DENSE);

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException naming the field out of range
   */
  public RetrievalSpec {
    Objects.requireNonNull(mode, "mode");
    if (topK < 1) {
      throw new IllegalArgumentException("retrieval.topK must be >= 1, got " + topK);
    }
    if (!(minScore >= -1 && minScore <= 1)) {
      throw new IllegalArgumentException("retrieval.minScore must be in [-1, 1], got " + minScore);
    }
  }
}
