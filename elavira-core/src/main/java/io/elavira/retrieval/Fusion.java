package io.elavira.retrieval;

/**
 * How {@link HybridRetriever} combines the dense and the lexical ranked lists into one. Each side's
 * weight ({@link HybridRetriever.Builder#denseWeight(double)}, {@link
 * HybridRetriever.Builder#lexicalWeight(double)}) scales its contribution under either fusion.
 */
public enum Fusion {
  /**
   * Weighted reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): a passage scores {@code
   * weight / (k + rank)} on each side that returned it. Only ranks count, so how far ahead a side's
   * first passage is does not.
   */
  RECIPROCAL_RANK,

  /**
   * Convex combination of min-max normalised scores (Bruch, Gai and Ingber, "An analysis of fusion
   * functions for hybrid retrieval", 2023): each side's scores are mapped to [0, 1] over its
   * candidates ({@code (score - min) / (max - min)}: the side's best passage 1, its last 0) and a
   * passage scores {@code denseWeight * dense + lexicalWeight * lexical}, 0 on a side that did not
   * return it. A side that is sure (a BM25 score far above the next) keeps its lead, a close call
   * on one side is settled by the other.
   */
  CONVEX_MIN_MAX
}
