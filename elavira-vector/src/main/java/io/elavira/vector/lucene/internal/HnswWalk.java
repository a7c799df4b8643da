package io.elavira.vector.lucene.internal;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.NeighborQueue;
import org.jspecify.annotations.Nullable;

/**
 * Lucene 9.12's HNSW graph search ({@link HnswGraphSearcher#search}: greedy descent of the upper
 * levels, then a best-first walk of level 0) for the int7 scorer, with the same visits in the same
 * order and the same calls to the collector, hence the same results and the same visit limit. Two
 * things differ, both measured (docs/vector-stores.md, "The walk"):
 *
 * <ul>
 *   <li>the nodes already visited are in a {@link FixedBitSet} (one bit per node, 12.5 KB at 100k
 *       nodes) instead of Lucene's {@code SparseFixedBitSet}, which shifts its arrays as it fills;
 *   <li>a node's neighbours are all read and checked against the visited set before the first is
 *       scored, so that the vectors of those not yet visited are fetched from memory together
 *       ({@link Int7DotScorer.Scorer#prefetch}) instead of each score waiting for its own.
 * </ul>
 *
 * <p>Not API. One instance per search (not thread-safe); the graph and the scorer are the search's
 * own.
 */
final class HnswWalk {
  private final Int7DotScorer.Scorer scorer;
  private final HnswGraph graph;
  private final KnnCollector results;
  private final FixedBitSet visited;
  private int[] fresh = new int[64]; // the current node's neighbours not visited before

  private HnswWalk(Int7DotScorer.Scorer scorer, HnswGraph graph, KnnCollector results) {
    this.scorer = scorer;
    this.graph = graph;
    this.results = results;
    this.visited = new FixedBitSet(graph.maxNodeId() + 1); // Lucene's graph size
  }

  /**
   * Collects the nodes nearest the scorer's query into {@code results}, accepting only the ordinals
   * in {@code acceptOrds} (all when null), as Lucene's searcher does.
   */
  static void search(
      Int7DotScorer.Scorer scorer, KnnCollector results, HnswGraph graph, @Nullable Bits acceptOrds)
      throws IOException {
    HnswWalk walk = new HnswWalk(scorer, graph, results);
    int entry = walk.descend();
    if (entry != -1) {
      walk.visited.clear();
      walk.walkLevelZero(entry, acceptOrds);
    }
  }

  /** The entry point of level 0: greedy descent from the graph's entry node; -1 when stopped. */
  private int descend() throws IOException {
    int current = graph.entryNode();
    if (current == -1 || graph.numLevels() == 1) {
      return current;
    }
    float currentScore = scorer.score(current);
    results.incVisitedCount(1);
    for (int level = graph.numLevels() - 1; level >= 1; level--) {
      visited.set(current);
      boolean foundBetter = true;
      while (foundBetter) {
        foundBetter = false;
        int count = unvisitedNeighbours(level, current);
        for (int i = 0; i < count; i++) {
          if (results.earlyTerminated()) {
            return -1;
          }
          int friend = fresh[i];
          float score = scorer.score(friend);
          results.incVisitedCount(1);
          if (score > currentScore) {
            currentScore = score;
            current = friend;
            foundBetter = true;
          }
        }
      }
    }
    return results.earlyTerminated() ? -1 : current;
  }

  private void walkLevelZero(int entry, @Nullable Bits acceptOrds) throws IOException {
    NeighborQueue candidates = new NeighborQueue(results.k(), true);
    visited.set(entry);
    if (results.earlyTerminated()) {
      return;
    }
    float entryScore = scorer.score(entry);
    results.incVisitedCount(1);
    candidates.add(entry, entryScore);
    if (acceptOrds == null || acceptOrds.get(entry)) {
      results.collect(entry, entryScore);
    }
    float minAccepted = results.minCompetitiveSimilarity();
    while (candidates.size() > 0 && !results.earlyTerminated()) {
      if (candidates.topScore() < minAccepted) {
        break;
      }
      int count = unvisitedNeighbours(0, candidates.pop());
      for (int i = 0; i < count; i++) {
        if (results.earlyTerminated()) {
          break;
        }
        int friend = fresh[i];
        float score = scorer.score(friend);
        results.incVisitedCount(1);
        if (score > minAccepted) {
          candidates.add(friend, score);
          if ((acceptOrds == null || acceptOrds.get(friend)) && results.collect(friend, score)) {
            minAccepted = results.minCompetitiveSimilarity();
          }
        }
      }
    }
  }

  /**
   * Puts the neighbours of {@code node} on {@code level} that were not visited yet into {@link
   * #fresh}, marks them visited, starts fetching their vectors, and returns how many there are.
   */
  private int unvisitedNeighbours(int level, int node) throws IOException {
    graph.seek(level, node);
    int count = 0;
    for (int friend = graph.nextNeighbor();
        friend != DocIdSetIterator.NO_MORE_DOCS;
        friend = graph.nextNeighbor()) {
      if (visited.getAndSet(friend)) {
        continue;
      }
      if (count == fresh.length) {
        fresh = Arrays.copyOf(fresh, count * 2);
      }
      fresh[count++] = friend;
    }
    scorer.prefetch(fresh, count);
    return count;
  }
}
