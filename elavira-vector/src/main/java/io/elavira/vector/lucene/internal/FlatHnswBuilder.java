package io.elavira.vector.lucene.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborQueue;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds an HNSW graph on several threads into a {@link FlatHnswGraph}, with Lucene's algorithm
 * (the same random levels, beam search, diversity heuristic and pruning of overfull rows as {@code
 * HnswGraphBuilder}) and without its locks on reads. A merge of a million vectors spent about a
 * quarter of its time behind the read lock Lucene's concurrent builder takes for every row it
 * visits (a locked instruction waits for the loads before it); the rows here are read lock-free and
 * written under a striped monitor. Not API.
 *
 * <p>The levels are drawn for every node before the build starts, so the entry point (a node of the
 * top level) is fixed and inserted first, and the other nodes never have to promote themselves. A
 * builder can start from an existing graph (the biggest segment of a merge), whose nodes keep their
 * levels and links, and then inserts only the others.
 *
 * <p>One {@link #build} per instance; the threads it runs on are the executor's.
 */
final class FlatHnswBuilder {
  /** Nodes a worker takes at a time: neighbours in order tend to be close in the file. */
  private static final int BATCH = 1024;

  private static final long SEED = 42;

  private final RandomVectorScorerSupplier scorers;
  private final int beam;
  private final FlatHnswGraph graph;
  private final boolean[] done;
  private int entry = -1;
  private int top;

  private FlatHnswBuilder(
      RandomVectorScorerSupplier scorers, int beam, FlatHnswGraph graph, boolean[] done) {
    this.scorers = scorers;
    this.beam = beam;
    this.graph = graph;
    this.done = done;
  }

  /**
   * A builder of a graph of {@code size} nodes from scratch.
   *
   * @param m links per node (twice as many on level 0)
   * @param beam candidates kept while inserting a node (efConstruction)
   */
  static FlatHnswBuilder create(RandomVectorScorerSupplier scorers, int size, int m, int beam) {
    return new FlatHnswBuilder(
        scorers, beam, new FlatHnswGraph(randomLevels(size, m, null), m), new boolean[size]);
  }

  /**
   * A builder that starts from {@code existing}, whose node {@code i} is node {@code oldToNew[i]}
   * here; its links are kept and scored again with {@code scorers}.
   */
  static FlatHnswBuilder startingFrom(
      HnswGraph existing,
      int[] oldToNew,
      RandomVectorScorerSupplier scorers,
      int size,
      int m,
      int beam)
      throws IOException {
    byte[] fixed = new byte[size];
    Arrays.fill(fixed, (byte) -1);
    for (int node : oldToNew) {
      fixed[node] = 0; // kept at level 0 unless the loop below finds it higher
    }
    int levels = existing.numLevels();
    for (int level = 1; level < levels; level++) {
      HnswGraph.NodesIterator nodes = existing.getNodesOnLevel(level);
      while (nodes.hasNext()) {
        fixed[oldToNew[nodes.nextInt()]] = (byte) level;
      }
    }
    boolean[] done = new boolean[size];
    for (int node : oldToNew) {
      done[node] = true;
    }
    FlatHnswBuilder builder =
        new FlatHnswBuilder(
            scorers, beam, new FlatHnswGraph(randomLevels(size, m, fixed), m), done);
    builder.copy(existing, oldToNew);
    builder.entry = oldToNew[existing.entryNode()];
    builder.top = levels - 1;
    return builder;
  }

  /**
   * Each node's level as Lucene draws it ({@code floor(-ln(u) / ln(m))}), from a generator seeded
   * by the node, so that a graph does not depend on the threads; {@code fixed} levels (0 or more)
   * are kept.
   */
  private static byte[] randomLevels(int size, int m, byte @Nullable [] fixed) {
    double ml = m == 1 ? 1 : 1 / Math.log(m);
    byte[] levels = new byte[size];
    for (int node = 0; node < size; node++) {
      if (fixed != null && fixed[node] >= 0) {
        levels[node] = fixed[node];
        continue;
      }
      double u;
      SplittableRandom random = new SplittableRandom(SEED + node);
      do {
        u = random.nextDouble();
      } while (u == 0);
      levels[node] = (byte) Math.min(Byte.MAX_VALUE, (int) (-Math.log(u) * ml));
    }
    return levels;
  }

  /**
   * Copies the rows of {@code existing} into the graph, renumbered and scored again; a row longer
   * than this graph's (built with a bigger M) keeps its best neighbours.
   */
  private void copy(HnswGraph existing, int[] oldToNew) throws IOException {
    int[] ids = new int[graph.capacity(0) + 1];
    float[] scores = new float[ids.length];
    for (int level = 0; level < existing.numLevels(); level++) {
      HnswGraph.NodesIterator nodes = existing.getNodesOnLevel(level);
      int capacity = graph.capacity(level);
      while (nodes.hasNext()) {
        int old = nodes.nextInt();
        int node = oldToNew[old];
        existing.seek(level, old);
        RandomVectorScorer scorer = scorers.scorer(node);
        int count = 0;
        for (int nb = existing.nextNeighbor();
            nb != DocIdSetIterator.NO_MORE_DOCS;
            nb = existing.nextNeighbor()) {
          int id = oldToNew[nb];
          float score = scorer.score(id);
          int at = count;
          while (at > 0 && scores[at - 1] < score) {
            at--;
          }
          if (at < capacity) {
            count = Math.min(capacity, insertSorted(ids, scores, count, at, id, score));
          }
        }
        graph.setRow(level, node, ids, scores, count, false);
      }
    }
  }

  /**
   * Inserts every node not yet in the graph, on {@code workers} tasks of {@code executor} (or on
   * the caller's thread when it is null), and returns the graph.
   *
   * @throws IOException when a scorer cannot read a vector
   */
  FlatHnswGraph build(@Nullable TaskExecutor executor, int workers) throws IOException {
    int size = graph.size();
    if (size == 0) {
      return graph;
    }
    int highest = graph.highest();
    if (entry < 0) {
      entry = highest; // the first node: nothing to link to
      top = graph.level(highest);
      done[highest] = true;
    } else if (graph.level(highest) > top) {
      new Worker(scorers).insert(highest); // then it becomes the entry point
      done[highest] = true;
      entry = highest;
      top = graph.level(highest);
    }
    AtomicInteger next = new AtomicInteger();
    if (executor == null || workers <= 1) {
      new Worker(scorers).run(next);
      return graph;
    }
    List<Callable<Void>> all = new ArrayList<>(workers);
    for (int t = 0; t < workers; t++) {
      RandomVectorScorerSupplier own = t == 0 ? scorers : scorers.copy();
      all.add(() -> new Worker(own).run(next));
    }
    executor.invokeAll(all);
    return graph;
  }

  /**
   * Inserts {@code node} at {@code at} of the first {@code count} of {@code ids} and {@code
   * scores}, and returns the new count.
   */
  static int insertSorted(int[] ids, float[] scores, int count, int at, int node, float score) {
    System.arraycopy(ids, at, ids, at + 1, count - at);
    System.arraycopy(scores, at, scores, at + 1, count - at);
    ids[at] = node;
    scores[at] = score;
    return count + 1;
  }

  /** One thread's insertions, with its own scorers, visited marks and queues. */
  private final class Worker {
    private final RandomVectorScorerSupplier scorers;
    // One bit per node (125 kB at a million: it stays in the core's cache, where an int stamp per
    // node, 4 MB, missed), cleared after each search through the list of nodes it marked.
    private final long[] visited = new long[(graph.size() + 63) >>> 6];
    private int[] marked = new int[1024];
    private int markedCount;
    private final NeighborQueue candidates = new NeighborQueue(beam, true);
    private final NeighborQueue results = new NeighborQueue(beam, false);
    private final int[] found = new int[beam];
    private final float[] foundScores = new float[beam];
    private final int[] neighbours = new int[graph.capacity(0)];
    private final int[] chosen = new int[graph.capacity(0)];
    private final float[] chosenScores = new float[graph.capacity(0)];
    private final int[] row = new int[graph.capacity(0) + 1];
    private final float[] rowScores = new float[graph.capacity(0) + 1];

    Worker(RandomVectorScorerSupplier scorers) {
      this.scorers = scorers;
    }

    @Nullable Void run(AtomicInteger next) throws IOException {
      int size = graph.size();
      for (int from = next.getAndAdd(BATCH); from < size; from = next.getAndAdd(BATCH)) {
        for (int node = from, to = Math.min(size, from + BATCH); node < to; node++) {
          if (!done[node]) {
            insert(node);
          }
        }
      }
      return null;
    }

    /** Links {@code node} into the graph on every level it has, top down. */
    void insert(int node) throws IOException {
      RandomVectorScorer scorer = scorers.scorer(node);
      int level = graph.level(node);
      int at = entry;
      float atScore = scorer.score(at);
      for (int l = top; l > level; l--) { // greedy descent to the node's own top level
        for (boolean moved = true; moved; ) {
          moved = false;
          int count = graph.neighbours(l, at, neighbours);
          for (int i = 0; i < count; i++) {
            float score = scorer.score(neighbours[i]);
            if (score > atScore) {
              at = neighbours[i];
              atScore = score;
              moved = true;
            }
          }
        }
      }
      for (int l = Math.min(level, top); l >= 0; l--) {
        int count = search(scorer, node, at, atScore, l);
        link(node, l, count);
        at = found[0];
        atScore = foundScores[0];
      }
    }

    /**
     * The beam search of {@code level} from {@code start}: fills {@link #found} with up to {@link
     * #beam} nodes nearest to {@code node}, best first, and returns how many.
     */
    private int search(RandomVectorScorer scorer, int node, int start, float startScore, int level)
        throws IOException {
      for (int i = 0; i < markedCount; i++) {
        visited[marked[i] >>> 6] = 0;
      }
      markedCount = 0;
      candidates.clear();
      results.clear();
      visit(node);
      visit(start);
      candidates.add(start, startScore);
      results.insertWithOverflow(start, startScore);
      while (candidates.size() > 0) {
        if (results.size() >= beam && candidates.topScore() < results.topScore()) {
          break;
        }
        int count = graph.neighbours(level, candidates.pop(), neighbours);
        int fresh = 0;
        for (int i = 0; i < count; i++) {
          int nb = neighbours[i];
          if (visit(nb)) {
            neighbours[fresh++] = nb;
          }
        }
        if (scorer instanceof Int7DotScorer.HeapScorer heap) {
          heap.prefetch(neighbours, fresh); // their vectors' fetches, all in flight at once
        }
        for (int i = 0; i < fresh; i++) {
          int nb = neighbours[i];
          float score = scorer.score(nb);
          if (results.size() < beam || score > results.topScore()) {
            candidates.add(nb, score);
            results.insertWithOverflow(nb, score);
          }
        }
      }
      int count = results.size();
      for (int i = count - 1; i >= 0; i--) {
        foundScores[i] = results.topScore();
        found[i] = results.pop();
      }
      return count;
    }

    /** Marks {@code node} visited by this search; false when it already was. */
    private boolean visit(int node) {
      int word = node >>> 6;
      long bit = 1L << node;
      if ((visited[word] & bit) != 0) {
        return false;
      }
      visited[word] |= bit;
      if (markedCount == marked.length) {
        marked = Arrays.copyOf(marked, 2 * markedCount);
      }
      marked[markedCount++] = node;
      return true;
    }

    /**
     * Gives {@code node} the diverse best of the {@code count} nodes found on {@code level} (each
     * nearer to it than to any neighbour chosen before it), then adds {@code node} to each of their
     * rows.
     */
    private void link(int node, int level, int count) throws IOException {
      int capacity = graph.capacity(level);
      int chosenCount = 0;
      for (int i = 0; i < count && chosenCount < capacity; i++) {
        if (chosenCount == 0 || diverse(found[i], foundScores[i], chosen, chosenCount)) {
          chosen[chosenCount] = found[i];
          chosenScores[chosenCount++] = foundScores[i];
        }
      }
      synchronized (graph.lock(node)) {
        graph.setRow(level, node, chosen, chosenScores, chosenCount, true);
      }
      for (int i = 0; i < chosenCount; i++) {
        addLink(level, chosen[i], node, chosenScores[i]);
      }
    }

    /** Whether {@code candidate} is nearer to the node than to each of the {@code count} others. */
    private boolean diverse(int candidate, float score, int[] others, int count)
        throws IOException {
      RandomVectorScorer scorer = scorers.scorer(candidate);
      for (int j = 0; j < count; j++) {
        if (scorer.score(others[j]) >= score) {
          return false;
        }
      }
      return true;
    }

    /**
     * Adds {@code node} to {@code owner}'s row on {@code level}; when the row overflows, drops the
     * worst of its non-diverse neighbours (or its worst neighbour when all are diverse), as
     * Lucene's {@code NeighborArray.addAndEnsureDiversity} does. A row marked {@link
     * FlatHnswGraph#DIVERSE} needs only the pairs with the new neighbour checked.
     */
    private void addLink(int level, int owner, int node, float score) throws IOException {
      int capacity = graph.capacity(level);
      synchronized (graph.lock(owner)) {
        int slot = graph.row(level, owner, row, rowScores);
        int count = slot & ~FlatHnswGraph.DIVERSE;
        boolean wasDiverse = (slot & FlatHnswGraph.DIVERSE) != 0;
        for (int i = 0; i < count; i++) {
          if (row[i] == node) {
            return; // already there: two insertions found each other
          }
        }
        int at = count;
        while (at > 0 && rowScores[at - 1] < score) {
          at--;
        }
        count = insertSorted(row, rowScores, count, at, node, score);
        if (count <= capacity) {
          graph.setRow(level, owner, row, rowScores, count, false);
          return;
        }
        int worst = -1;
        boolean more = false;
        if (wasDiverse) {
          RandomVectorScorer scorer = scorers.scorer(node);
          for (int i = count - 1; i > at && !more; i--) {
            if (scorer.score(row[i]) >= rowScores[i]) {
              more = worst >= 0;
              worst = worst < 0 ? i : worst;
            }
          }
          for (int j = 0; j < at && !more; j++) {
            if (scorer.score(row[j]) >= score) {
              more = worst >= 0;
              worst = worst < 0 ? at : worst;
              break;
            }
          }
        } else {
          for (int i = count - 1; i > 0 && !more; i--) {
            if (!diverse(row[i], rowScores[i], row, i)) {
              more = worst >= 0;
              worst = worst < 0 ? i : worst;
            }
          }
        }
        int drop = worst < 0 ? count - 1 : worst;
        System.arraycopy(row, drop + 1, row, drop, count - drop - 1);
        System.arraycopy(rowScores, drop + 1, rowScores, drop, count - drop - 1);
        graph.setRow(level, owner, row, rowScores, count - 1, !more);
      }
    }
  }
}
