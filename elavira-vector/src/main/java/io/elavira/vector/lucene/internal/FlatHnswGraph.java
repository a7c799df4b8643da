package io.elavira.vector.lucene.internal;

import java.util.Arrays;

/**
 * The neighbour lists of an HNSW graph under construction, in flat arrays: level 0 holds every
 * node's row at a fixed place of one {@code int[]} (a count, then up to {@code 2 × M} neighbours)
 * and one {@code float[]} (their scores against the row's node, best first), so that reading a row
 * is one load away from its node number; the few nodes on the upper levels have one small array
 * each. Levels are fixed when the graph is created. Not API.
 *
 * <p><b>Threading.</b> Rows are written under {@link #lock}'s monitor for the row and read without
 * any: a reader racing a writer may see a row mid-update (a neighbour twice, or one just removed),
 * which a graph walk tolerates, since every number it can read is a node of the graph. A lock per
 * read is what {@code HnswConcurrentMergeBuilder} pays, and its memory barriers stalled a quarter
 * of a merge (docs/vector-stores.md, "The million-vector build").
 */
final class FlatHnswGraph {
  /** The bit of a row's count slot that says all its neighbours passed the diversity check. */
  static final int DIVERSE = 1 << 30;

  private static final int COUNT = DIVERSE - 1;
  private static final int STRIPES = 1 << 12;

  private final int size;
  private final int m;
  private final byte[] levels;
  private final int highest; // the first node of the top level
  private final int[] links0;
  private final float[] scores0;
  private final int[][] upperLinks;
  private final float[][] upperScores;
  private final Object[] locks = new Object[STRIPES];

  /**
   * @param levels each node's top level (0 for most), which fixes the rows it gets
   * @param m the links per node on the upper levels; level 0 has twice as many
   */
  FlatHnswGraph(byte[] levels, int m) {
    this.size = levels.length;
    this.m = m;
    this.levels = levels;
    int top = 0;
    for (int node = 1; node < size; node++) {
      top = levels[node] > levels[top] ? node : top;
    }
    this.highest = top;
    int stride0 = 2 * m + 1;
    if ((long) size * stride0 > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many vectors for one graph: " + size);
    }
    this.links0 = new int[size * stride0];
    this.scores0 = new float[size * 2 * m];
    this.upperLinks = new int[size][];
    this.upperScores = new float[size][];
    for (int node = 0; node < size; node++) {
      if (levels[node] > 0) {
        upperLinks[node] = new int[levels[node] * (m + 1)];
        upperScores[node] = new float[levels[node] * m];
      }
    }
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  int size() {
    return size;
  }

  /** The number of levels: the top node's level, plus one. */
  int levels() {
    return size == 0 ? 1 : levels[highest] + 1;
  }

  /** The first node (lowest number) on the top level; 0 when the graph is empty. */
  int highest() {
    return highest;
  }

  /** The top level of {@code node}. */
  int level(int node) {
    return levels[node];
  }

  /** The neighbours a row on {@code level} holds at most. */
  int capacity(int level) {
    return level == 0 ? 2 * m : m;
  }

  /** The monitor that guards {@code node}'s rows (shared with a few thousandth of the others). */
  Object lock(int node) {
    return locks[node & (STRIPES - 1)];
  }

  /**
   * Copies {@code node}'s neighbours on {@code level} into {@code into} (at least {@link #capacity}
   * long) without locking, and returns how many.
   */
  int neighbours(int level, int node, int[] into) {
    int[] links = level == 0 ? links0 : upperLinks[node];
    int at = level == 0 ? node * (2 * m + 1) : (level - 1) * (m + 1);
    int count = Math.min(links[at] & COUNT, capacity(level));
    System.arraycopy(links, at + 1, into, 0, count);
    return count;
  }

  /**
   * Copies {@code node}'s row on {@code level} (neighbours and their scores, best first) and
   * returns its count slot: the count, with {@link #DIVERSE} set when every neighbour passed the
   * diversity check. The caller holds the row's {@link #lock}.
   */
  int row(int level, int node, int[] ids, float[] scores) {
    int[] links = level == 0 ? links0 : upperLinks[node];
    int at = level == 0 ? node * (2 * m + 1) : (level - 1) * (m + 1);
    int slot = links[at];
    int count = slot & COUNT;
    System.arraycopy(links, at + 1, ids, 0, count);
    System.arraycopy(
        level == 0 ? scores0 : upperScores[node],
        level == 0 ? node * 2 * m : (level - 1) * m,
        scores,
        0,
        count);
    return slot;
  }

  /**
   * Replaces {@code node}'s row on {@code level} with the first {@code count} of {@code ids} and
   * {@code scores} (best first), marked {@link #DIVERSE} or not. The caller holds the row's {@link
   * #lock}; the neighbours are written before the count, so that a racing reader never sees a count
   * longer than what was written.
   */
  void setRow(int level, int node, int[] ids, float[] scores, int count, boolean diverse) {
    if (count > capacity(level)) {
      throw new IllegalArgumentException(count + " neighbours for a row of " + capacity(level));
    }
    int[] links = level == 0 ? links0 : upperLinks[node];
    int at = level == 0 ? node * (2 * m + 1) : (level - 1) * (m + 1);
    System.arraycopy(ids, 0, links, at + 1, count);
    System.arraycopy(
        scores,
        0,
        level == 0 ? scores0 : upperScores[node],
        level == 0 ? node * 2 * m : (level - 1) * m,
        count);
    links[at] = diverse ? count | DIVERSE : count;
  }

  /** The nodes whose top level is {@code level} or above, in ascending order. */
  int[] nodesOnLevel(int level) {
    if (level == 0) {
      int[] all = new int[size];
      Arrays.setAll(all, i -> i);
      return all;
    }
    int count = 0;
    for (byte l : levels) {
      count += l >= level ? 1 : 0;
    }
    int[] nodes = new int[count];
    for (int node = 0, k = 0; node < size; node++) {
      if (levels[node] >= level) {
        nodes[k++] = node;
      }
    }
    return nodes;
  }
}
