package io.elavira.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class FusionScoresTest {
  @Test
  void reciprocalRankGivesWeightOverKPlusRankAndNothingWhenAbsent() {
    FusionScores side =
        new FusionScores(Fusion.RECIPROCAL_RANK, 2, 60, new double[] {9.0, 4.0, 1.0});

    assertThat(side.score(1, 9.0)).isCloseTo(2.0 / 61, offset(1e-12));
    assertThat(side.score(3, 1.0)).isCloseTo(2.0 / 63, offset(1e-12));
    assertThat(side.score(0, Double.NaN)).isZero();
  }

  @Test
  void reciprocalRankIgnoresHowFarAheadTheFirstScoreIs() {
    FusionScores close = new FusionScores(Fusion.RECIPROCAL_RANK, 1, 60, new double[] {5.1, 5.0});
    FusionScores far = new FusionScores(Fusion.RECIPROCAL_RANK, 1, 60, new double[] {50.0, 5.0});

    assertThat(close.score(1, 5.1) - close.score(2, 5.0))
        .isCloseTo(far.score(1, 50.0) - far.score(2, 5.0), offset(1e-12));
  }

  @Test
  void convexMapsTheSideBestToItsWeightItsLastToZeroAndTheRestLinearly() {
    FusionScores side =
        new FusionScores(Fusion.CONVEX_MIN_MAX, 2, 60, new double[] {0.8, 0.6, 0.3});

    assertThat(side.score(1, 0.8)).isCloseTo(2.0, offset(1e-12));
    assertThat(side.score(2, 0.6)).isCloseTo(2.0 * 0.3 / 0.5, offset(1e-12));
    assertThat(side.score(3, 0.3)).isZero();
    assertThat(side.score(0, Double.NaN)).isZero();
  }

  @Test
  void convexGivesASingleOrTiedCandidateTheFullWeightAndAZeroWeightNothing() {
    assertThat(new FusionScores(Fusion.CONVEX_MIN_MAX, 1.5, 60, new double[] {3.0}).score(1, 3.0))
        .isEqualTo(1.5);
    assertThat(
            new FusionScores(Fusion.CONVEX_MIN_MAX, 1, 60, new double[] {0.4, 0.4}).score(2, 0.4))
        .isEqualTo(1.0);
    assertThat(new FusionScores(Fusion.CONVEX_MIN_MAX, 0, 60, new double[] {3.0, 1.0}).score(1, 3))
        .isZero();
  }

  /**
   * Dense ranks B, C, A on a near tie; lexical ranks A far ahead of B. Rank fusion follows the
   * ranks and puts B first; the convex combination sees that the dense order is a close call and
   * the lexical lead is not, and puts A first.
   */
  @Test
  void aLargeLeadOnOneSideOutweighsACloseCallOnTheOtherUnderConvexButNotUnderRankFusion() {
    double[] dense = {0.80, 0.795, 0.79, 0.30}; // B, C, A, D
    double[] lexical = {10.0, 2.0, 1.0}; // A, B, C

    for (Fusion fusion : Fusion.values()) {
      FusionScores d = new FusionScores(fusion, 1, 60, dense);
      FusionScores l = new FusionScores(fusion, 1, 60, lexical);
      double a = d.score(3, 0.79) + l.score(1, 10.0);
      double b = d.score(1, 0.80) + l.score(2, 2.0);
      if (fusion == Fusion.RECIPROCAL_RANK) {
        assertThat(b).isGreaterThan(a);
      } else {
        assertThat(a).isCloseTo(0.98 + 1.0, offset(1e-9));
        assertThat(b).isCloseTo(1.0 + 1.0 / 9, offset(1e-9));
      }
    }
  }
}
