package io.elavira.retrieval;

/**
 * One side's contribution to a fused score under a {@link Fusion}: its weight, and what the scores
 * of its candidates need (the RRF constant, or the minimum and maximum to normalise by). Immutable.
 */
final class FusionScores {
  private final Fusion fusion;
  private final double weight;
  private final int rrfK;
  private final double min;
  private final double max;

  /**
   * @param fusion how the sides are combined
   * @param weight this side's weight, 0 or more
   * @param rrfK the RRF constant
   * @param scores this side's candidates' scores, in rank order (any order for min-max)
   */
  FusionScores(Fusion fusion, double weight, int rrfK, double[] scores) {
    this.fusion = fusion;
    this.weight = weight;
    this.rrfK = rrfK;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    this.min = lo;
    this.max = hi;
  }

  /**
   * A candidate's contribution from this side.
   *
   * @param rank its 1-based rank on this side, 0 when this side did not return it
   * @param score its score on this side (ignored when {@code rank} is 0)
   * @return the weighted reciprocal rank or normalised score; 0 when absent from this side
   */
  double score(int rank, double score) {
    if (rank == 0 || weight == 0) {
      return 0;
    }
    return switch (fusion) {
      case RECIPROCAL_RANK -> weight / (rrfK + rank);
      // One candidate, or all tied: each is the side's best.
      case CONVEX_MIN_MAX -> weight * (max > min ? (score - min) / (max - min) : 1);
    };
  }
}
