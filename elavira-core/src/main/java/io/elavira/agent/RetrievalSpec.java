package io.elavira.agent;

import io.elavira.ElaviraAgentBuilder;
import io.elavira.retrieval.RetrievalMode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an agent retrieves passages.
 *
 * @param topK passages per question, 1 or more
 * @param minScore lowest cosine score of a passage, in [-1, 1]
 * @param mode dense, lexical or hybrid; lexical and hybrid need a lexical index from {@link
 *     AgentComponents#lexicalIndex(String)}
 * @param weakMatchBelow the best cosine below which no passage matches a question well, in [-1, 1]
 *     ({@link ElaviraAgentBuilder#weakMatchBelow(double)}); null for the embedding model's own
 *     threshold (the default). Not for lexical retrieval.
 */
public record RetrievalSpec(
    int topK, double minScore, RetrievalMode mode, @Nullable Double weakMatchBelow) {
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
    if (weakMatchBelow != null) {
      if (!(weakMatchBelow >= -1 && weakMatchBelow <= 1)) {
        throw new IllegalArgumentException(
            "retrieval.weakMatchBelow must be in [-1, 1], got " + weakMatchBelow);
      }
      if (mode == RetrievalMode.LEXICAL) {
        throw new IllegalArgumentException(
            "retrieval.weakMatchBelow applies to modes dense and hybrid, not lexical (lexical"
                + " retrieval flags a question when no passage shares a word with it)");
      }
    }
  }

  /** The settings with the embedding model's own weak-match threshold. */
  public RetrievalSpec(int topK, double minScore, RetrievalMode mode) {
    this(topK, minScore, mode, null);
  }
}
