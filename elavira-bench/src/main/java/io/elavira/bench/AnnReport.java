package io.elavira.bench;

import io.elavira.bench.AnnContenders.Built;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Prints {@link AnnSideBySide}'s table of contenders and the ratios its targets are about. */
final class AnnReport {
  private final int queries;
  private final int passes;
  private final String orderTitle;
  private final String orderShort;

  /**
   * @param queries the queries timed per pass
   * @param passes the timed passes
   * @param orderTitle how the passes alternated, for the table's title
   * @param orderShort the same, for the ratios' line
   */
  AnnReport(int queries, int passes, String orderTitle, String orderShort) {
    this.queries = queries;
    this.passes = passes;
    this.orderTitle = orderTitle;
    this.orderShort = orderShort;
  }

  /** Prints the table of {@code rows}, then the default's ratios to the others. */
  void print(int size, int realCount, List<AnnRow> rows) {
    System.out.printf(
        Locale.ROOT,
        "%n### %,d vectors (%,d real), %d queries x %d passes, %s%n%n"
            + "| store | build s | open s | p50 ms | p95 ms | CPU p50 ms | recall@10 | disk MB |"
            + " heap MB | segments |%n"
            + "|---|---|---|---|---|---|---|---|---|---|%n",
        size,
        realCount,
        queries,
        passes,
        orderTitle);
    for (AnnRow row : rows) {
      Built b = row.built;
      Path dir = b.dir();
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %.2f | %.2f | %.2f | %.3f | %s | %.0f | %s |%n",
          row.name,
          b.buildNanos() < 0 ? "reused" : String.format(Locale.ROOT, "%.1f", b.buildNanos() / 1e9),
          b.openNanos() < 0
              ? "n/a (in memory)"
              : String.format(Locale.ROOT, "%.2f", b.openNanos() / 1e9),
          row.p50(),
          AnnRow.percentile(row.nanos, 0.95),
          AnnRow.percentile(row.cpuNanos, 0.5),
          row.recall / queries,
          dir == null ? "-" : String.format(Locale.ROOT, "%.0f", AnnContenders.size(dir) / 1e6),
          row.heapBytes / 1e6,
          dir == null || AnnContenders.segments(dir) < 0
              ? "-"
              : String.valueOf(AnnContenders.segments(dir)));
    }
    AnnRow def = find(rows, AnnSideBySide.DEFAULT);
    if (def == null) {
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "%nRatios of p50 latencies (same run, %s), default = %.3f ms at recall %.3f:%n",
        orderShort,
        def.p50(),
        def.recall / queries);
    ratio(def, find(rows, AnnSideBySide.LANGCHAIN4J), "target: default at least 50x faster");
    for (AnnRow row : rows) {
      if (row.name.startsWith(AnnSideBySide.CHROMA)) {
        ratio(def, row, "target: default at least 5x faster, at recall >= 0.98");
      }
    }
    for (AnnRow row : rows) {
      if (row.name.startsWith(AnnSideBySide.RAW_LUCENE)
          || row.name.startsWith(AnnSideBySide.JVECTOR)) {
        ratio(def, row, "target for the raw Lucene row of the same parameters: default/raw <= 1.1");
      }
    }
  }

  private void ratio(AnnRow def, @Nullable AnnRow other, String target) {
    if (other == null) {
      return;
    }
    System.out.printf(
        Locale.ROOT,
        "- vs %s (recall %.3f): default/other = %.2f, other/default = %.1fx; on CPU time"
            + " %.2f and %.1fx (%s)%n",
        other.name,
        other.recall / queries,
        def.p50() / other.p50(),
        other.p50() / def.p50(),
        def.cpuP50() / other.cpuP50(),
        other.cpuP50() / def.cpuP50(),
        target);
  }

  private static @Nullable AnnRow find(List<AnnRow> rows, String prefix) {
    return rows.stream().filter(r -> r.name.startsWith(prefix)).findFirst().orElse(null);
  }
}
