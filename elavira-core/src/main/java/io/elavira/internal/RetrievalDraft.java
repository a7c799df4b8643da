package io.elavira.internal;

import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.RetrievalMode;
import org.jspecify.annotations.Nullable;

/**
 * How the agent being built retrieves, as set on {@link io.elavira.ElaviraAgentBuilder}: the
 * lexical index, the mode and the fusion weights, each checked when set; {@link #settings()} checks
 * them against each other and fills in the defaults. Mutable and not thread-safe, like the builder.
 */
final class RetrievalDraft {
  private @Nullable LexicalIndex lexical;
  private @Nullable RetrievalMode mode;
  private double denseWeight = HybridRetriever.Builder.DEFAULT_DENSE_WEIGHT;
  private double lexicalWeight = HybridRetriever.Builder.DEFAULT_LEXICAL_WEIGHT;
  private boolean weightsSet;

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

  /**
   * The settings: the mode ({@code HYBRID} when a lexical index was given, else {@code DENSE}) and
   * the weights.
   *
   * @throws IllegalStateException when the mode needs a lexical index and none was set, or fusion
   *     weights were set for a mode other than hybrid
   */
  RetrievalSettings settings() {
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
    return new RetrievalSettings(chosen, lexical, denseWeight, lexicalWeight);
  }
}
