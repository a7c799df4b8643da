package io.elavira.retrieval;

/**
 * One passage being fused by {@link HybridRetriever}: its ranks and scores on each side (rank 0 and
 * NaN score when a side did not find it) and the fused score. Mutable, confined to one search.
 */
final class FusedCandidate {
  final String id;
  double score;
  double denseScore = Double.NaN;
  double lexicalScore = Double.NaN;
  int denseRank;
  int lexicalRank;

  FusedCandidate(String id) {
    this.id = id;
  }
}
