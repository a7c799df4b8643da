package io.elavira.bench;

import static io.elavira.bench.AnnContenders.TOP_K;

import io.elavira.bench.AnnContenders.Built;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntPredicate;

/**
 * A contender of {@link AnnSideBySide} being measured: its timings, its recall and the exact
 * answers it is measured against. Not thread-safe; package-private, not API.
 */
final class AnnRow {
  final String name;
  final Built built;
  final long heapBytes;
  final List<Long> nanos = new ArrayList<>();
  final List<Long> cpuNanos = new ArrayList<>();

  /** The exact top 10 of each query among the records this contender searches. */
  List<List<String>> truth = List.of();

  double recall;

  AnnRow(String name, Built built, long heapBytes) {
    this.name = name;
    this.built = built;
    this.heapBytes = heapBytes;
  }

  double p50() {
    return percentile(nanos, 0.5);
  }

  double cpuP50() {
    return percentile(cpuNanos, 0.5);
  }

  static double percentile(List<Long> values, double p) {
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.naturalOrder());
    return sorted.get((int) Math.min(sorted.size() - 1, sorted.size() * p)) / 1e6;
  }

  /**
   * The exact top 10 of each query among the vectors {@code included} accepts (by index), by a scan
   * of the vectors themselves (all unit length, so the dot product is the cosine), without a
   * store's second copy of them: at 1M vectors that copy alone is 1.5 GB.
   */
  static List<List<String>> exact(float[][] data, float[][] queries, IntPredicate included) {
    List<List<String>> truth = new ArrayList<>();
    for (float[] q : queries) {
      PriorityQueue<Scored> best = new PriorityQueue<>(Comparator.comparingDouble(Scored::score));
      for (int i = 0; i < data.length; i++) {
        if (!included.test(i)) {
          continue;
        }
        float[] v = data[i];
        double dot = 0;
        for (int d = 0; d < v.length; d++) {
          dot += q[d] * v[d];
        }
        if (best.size() < TOP_K) {
          best.add(new Scored(i, dot));
        } else if (dot > best.element().score()) {
          best.poll();
          best.add(new Scored(i, dot));
        }
      }
      List<Scored> top = new ArrayList<>(best);
      top.sort(Comparator.comparingDouble(Scored::score).reversed());
      truth.add(top.stream().map(s -> "r" + s.index()).toList());
    }
    return truth;
  }

  /** A vector's index and its score against a query. */
  private record Scored(int index, double score) {}
}
