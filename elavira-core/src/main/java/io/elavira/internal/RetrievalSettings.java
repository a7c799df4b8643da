package io.elavira.internal;

import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an agent retrieves: the mode, the host's lexical index (not closed by the agent), the fusion
 * weights of {@link RetrievalMode#HYBRID} and the weak-match threshold. Not API.
 *
 * @param mode the retrieval mode
 * @param lexical the lexical index, required by {@link RetrievalMode#LEXICAL} and {@link
 *     RetrievalMode#HYBRID}; kept in step with the database whenever given
 * @param denseWeight the dense side's weight in hybrid fusion
 * @param lexicalWeight the lexical side's weight in hybrid fusion
 * @param weakMatchBelow the best cosine below which a question is a weak match (dense and hybrid)
 */
public record RetrievalSettings(
    RetrievalMode mode,
    @Nullable LexicalIndex lexical,
    double denseWeight,
    double lexicalWeight,
    double weakMatchBelow) {

  /** Dense retrieval without a lexical index: the agent as it was before hybrid retrieval. */
  public static final RetrievalSettings DENSE =
      new RetrievalSettings(
          RetrievalMode.DENSE,
          null,
          HybridRetriever.Builder.DEFAULT_DENSE_WEIGHT,
          HybridRetriever.Builder.DEFAULT_LEXICAL_WEIGHT,
          HybridRetriever.Builder.DEFAULT_WEAK_MATCH_BELOW);

  /** Validates. */
  public RetrievalSettings {
    Objects.requireNonNull(mode, "mode");
    if (mode != RetrievalMode.DENSE && lexical == null) {
      throw new IllegalStateException(
          "retrieval " + mode + " needs a lexical index: set ElaviraAgent.builder().lexical(...)");
    }
    if (!(weakMatchBelow >= -1 && weakMatchBelow <= 1)) {
      throw new IllegalArgumentException(
          "weakMatchBelow must be in [-1, 1], got " + weakMatchBelow);
    }
  }
}
