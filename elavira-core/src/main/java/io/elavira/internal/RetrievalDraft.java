package io.elavira.internal;

import io.elavira.embed.EmbeddingModel;
import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * How the agent being built retrieves, as set on {@link io.elavira.ElaviraAgentBuilder}: the
 * lexical index, the mode, the fusion weights and the weak-match threshold, each checked when set;
 * {@link #settings(EmbeddingModel)} checks them against each other and fills in the defaults, the
 * threshold from the embedding model. Mutable and not thread-safe, like the builder.
 */
final class RetrievalDraft {
  private @Nullable LexicalIndex lexical;
  private @Nullable RetrievalMode mode;
  private double denseWeight = HybridRetriever.Builder.DEFAULT_DENSE_WEIGHT;
  private double lexicalWeight = HybridRetriever.Builder.DEFAULT_LEXICAL_WEIGHT;
  private boolean weightsSet;
  private double weakMatchBelow = Double.NaN;

  void lexical(LexicalIndex lexical) {
    this.lexical = AgentDraft.require(lexical, "lexical");
  }

  void mode(RetrievalMode mode) {
    this.mode = AgentDraft.require(mode, "retrieval");
  }

  void fusionWeights(double denseWeight, double lexicalWeight) {
    for (double w : new double[] {denseWeight, lexicalWeight}) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw AgentDraft.invalid(
            "fusionWeights", denseWeight + ", " + lexicalWeight, "must be finite numbers >= 0");
      }
    }
    if (denseWeight == 0 && lexicalWeight == 0) {
      throw AgentDraft.invalid("fusionWeights", "0, 0", "must not both be 0");
    }
    this.denseWeight = denseWeight;
    this.lexicalWeight = lexicalWeight;
    this.weightsSet = true;
  }

  void weakMatchBelow(double cosine) {
    if (!Double.isNaN(weakMatchBelow)) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().weakMatchBelow(...) was already set to " + weakMatchBelow);
    }
    if (!(cosine >= -1 && cosine <= 1)) {
      throw AgentDraft.invalid("weakMatchBelow", String.valueOf(cosine), "must be in [-1, 1]");
    }
    this.weakMatchBelow = cosine;
  }

  /**
   * The settings: the mode ({@code HYBRID} when a lexical index was given, else {@code DENSE}), the
   * weights, and the weak-match threshold set, else the one {@code model} declares, else {@link
   * HybridRetriever.Builder#DEFAULT_WEAK_MATCH_BELOW}.
   *
   * @throws IllegalStateException when the mode needs a lexical index and none was set, fusion
   *     weights were set for a mode other than hybrid, a threshold was set for lexical retrieval,
   *     or the model declares a threshold outside [-1, 1]
   */
  RetrievalSettings settings(EmbeddingModel model) {
    RetrievalMode chosen =
        mode != null ? mode : lexical != null ? RetrievalMode.HYBRID : RetrievalMode.DENSE;
    if (chosen != RetrievalMode.DENSE && lexical == null) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().retrieval("
              + chosen
              + ") needs a lexical index: set ElaviraAgent.builder().lexical(LexicalIndex)"
              + " (e.g. LuceneLexicalIndex from elavira-vector), or use retrieval(DENSE)");
    }
    if (weightsSet && chosen != RetrievalMode.HYBRID) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().fusionWeights(...) applies to retrieval(HYBRID), not " + chosen);
    }
    if (!Double.isNaN(weakMatchBelow) && chosen == RetrievalMode.LEXICAL) {
      throw new IllegalStateException(
          "ElaviraAgent.builder().weakMatchBelow(...) applies to retrieval(DENSE) and"
              + " retrieval(HYBRID), not LEXICAL: lexical retrieval flags a question as a weak"
              + " match when no passage shares a word with it");
    }
    return new RetrievalSettings(
        chosen, lexical, denseWeight, lexicalWeight, threshold(model, weakMatchBelow));
  }

  /**
   * {@code set} when it is a number, else the threshold {@code model} declares, else {@link
   * HybridRetriever.Builder#DEFAULT_WEAK_MATCH_BELOW}.
   *
   * @throws IllegalStateException when the model declares a value outside [-1, 1]
   */
  private static double threshold(EmbeddingModel model, double set) {
    if (!Double.isNaN(set)) {
      return set;
    }
    OptionalDouble declared = model.weakMatchBelow();
    if (declared.isEmpty()) {
      return HybridRetriever.Builder.DEFAULT_WEAK_MATCH_BELOW;
    }
    double cosine = declared.getAsDouble();
    if (!(cosine >= -1 && cosine <= 1)) {
      throw new IllegalStateException(
          "embedding model "
              + model.modelId()
              + " declares weakMatchBelow() = "
              + cosine
              + ", outside [-1, 1]: fix the model, or set"
              + " ElaviraAgent.builder().weakMatchBelow(double)");
    }
    return cosine;
  }
}
