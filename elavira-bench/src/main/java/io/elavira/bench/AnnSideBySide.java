package io.elavira.bench;

import static io.elavira.bench.AnnContenders.EF_CONSTRUCTION;
import static io.elavira.bench.AnnContenders.EF_SEARCH;
import static io.elavira.bench.AnnContenders.M;
import static io.elavira.bench.AnnContenders.TOP_K;

import io.elavira.bench.AnnContenders.Built;
import io.elavira.vector.Filter;
import io.elavira.vector.InMemoryVectorStore;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.lucene.LuceneVectorStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Top-10 search side by side, on all-MiniLM-L6-v2 vectors of real text: the embedded default
 * ({@link LuceneVectorStore}), the raw Lucene HNSW it wraps with the same parameters and segment
 * layout (plus rows at other beams with {@code --raw-ef}), the raw hnswlib and JVector with the
 * same parameters, LangChain4j's {@code InMemoryEmbeddingStore}, Elavira's exact {@link
 * InMemoryVectorStore}, and (with {@code --chroma-url}) a real Chroma server. Prints build time,
 * open time, query p50/p95 (wall clock) and p50 of the thread's CPU time, recall@10 against the
 * exact answer, disk, retained heap and segments, then the default's ratios to LangChain4j, Chroma
 * and the raw libraries. The contenders are in {@link AnnContenders} and {@link AnnJVector}, the
 * vectors in {@link AnnVectors}.
 *
 * <p><b>Timing.</b> Every contender of a size is built first; the timed passes then query them in
 * turns, query by query, starting with a different one each time, so that a load that comes and
 * goes on a shared machine slows all of them alike. The CPU-time column is what a query costs
 * whatever the load; the wall-clock columns are what a caller waits.
 *
 * <p><b>Vectors.</b> {@code --real} texts are windows of 24 words (stride 6) over the French
 * service-public.fr corpus and the English/French files of shared/data/docs, embedded once and
 * cached in {@code --cache}. Larger sizes add, for each extra vector, the normalised midpoint of
 * two random real vectors plus a small Gaussian jitter: points between real ones, as new documents
 * would be. Queries are the 105 real French questions of the BEIR set.
 *
 * <pre>
 * java -Xmx6g -cp elavira-bench/target/benchmarks.jar io.elavira.bench.AnnSideBySide \
 *     --sizes 10000,100000 --chroma-url http://127.0.0.1:PORT
 * # profile the query path (JFR of the timed passes), reusing indexes built by an earlier run
 * java -Xmx3g -cp elavira-bench/target/benchmarks.jar io.elavira.bench.AnnSideBySide \
 *     --sizes 100000 --index-dir /tmp/ann --reuse --skip "raw hnswlib,LangChain4j" --jfr q.jfr
 * </pre>
 */
@Command(
    name = "AnnSideBySide",
    mixinStandardHelpOptions = true,
    description = "Top-10 latency and recall@10: embedded default vs raw libraries vs others.")
public final class AnnSideBySide implements Callable<Integer> {
  static final String DEFAULT = "Elavira embedded default";
  static final String RAW_LUCENE = "raw Lucene 9.12";
  static final String JVECTOR = "raw JVector";
  static final String LANGCHAIN4J = "LangChain4j InMemoryEmbeddingStore";
  static final String CHROMA = "Chroma 1.0 server";

  @Mixin AnnVectorsOptions vectorsFrom = new AnnVectorsOptions();

  @Option(names = "--sizes", split = ",", defaultValue = "10000,100000")
  List<Integer> sizes;

  @Option(names = "--chroma-url", description = "A Chroma server to include.")
  @Nullable String chromaUrl;

  @Option(names = "--passes", defaultValue = "3", description = "Timed passes over the queries.")
  int passes;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "5",
      description =
          "Untimed passes per contender before timing: at least 3, and at least this long"
              + " (0: 3 passes, as before 2026-12-01).")
  double warmupSeconds;

  @Option(names = "--skip", split = ",", description = "Contenders to skip (by name prefix).")
  List<String> skip = List.of();

  @Option(
      names = "--index-dir",
      description =
          "Folder for the two Lucene indexes (elavira-SIZE, raw-lucene-SIZE); a new temporary"
              + " folder per index when absent.")
  @Nullable Path indexDir;

  @Option(
      names = "--reuse",
      description = "Open the Lucene indexes already in --index-dir instead of building them.")
  boolean reuse;

  @Option(
      names = "--ef",
      description =
          "efSearch of the embedded default and the raw libraries (default: the store's own,"
              + " by index size: LuceneVectorStore.Builder.efSearchFor).")
  int ef;

  @Option(
      names = "--raw-ef",
      split = ",",
      description = "More graph beams for extra raw Lucene rows (e.g. the one reaching 0.98).")
  List<Integer> rawEf = List.of();

  @Option(
      names = "--merge-to",
      description = "Force-merge the two Lucene indexes to this many segments before opening them.")
  int mergeTo;

  @Option(
      names = "--order",
      defaultValue = "turns",
      description =
          "turns: query by query, every contender in turn (a load that comes and goes slows all"
              + " alike, but each query finds the caches filled by the other contenders); blocks:"
              + " each contender answers all its queries in a row (as an application querying one"
              + " store; for an idle machine).")
  Order order = Order.turns;

  /** How the timed passes alternate between contenders. */
  enum Order {
    /** Query by query, every contender in turn. */
    turns,
    /** All the queries of one contender, then the next. */
    blocks
  }

  @Option(
      names = "--chroma-ef",
      split = ",",
      defaultValue = "0",
      description =
          "Chroma's HNSW search ef, one Chroma row (and collection) per value: metadata"
              + " hnsw:search_ef at creation; 0 = the server's default (100 in Chroma 1.0).")
  List<Integer> chromaEf = List.of(0);

  @Option(
      names = "--filters",
      description =
          "Also time the embedded default with an agent's filters on the same index: agent and"
              + " owner isolation of one agent of four (a quarter of the records, recall against"
              + " the exact top 10 of that agent), and owner isolation alone (no record has an"
              + " owner: it accepts them all).")
  boolean filters;

  @Option(
      names = "--deletes",
      description =
          "Delete this many records from the embedded default's index once open (records in no"
              + " query's exact top 10, so recall is unchanged): searches then see deletions, as"
              + " after upserts. Changes the index in --index-dir.")
  int deletes;

  @Option(names = "--jfr", description = "Record the timed queries with JFR into this file.")
  @Nullable Path jfr;

  private float[][] queries = new float[0][];

  /**
   * Runs the comparison.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new AnnSideBySide()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try (ScratchFolder scratch = ScratchFolder.create("ann-")) {
      return run(scratch);
    }
  }

  private Integer run(ScratchFolder scratch) throws Exception {
    AnnVectors vectors = vectorsFrom.read();
    float[][] base = vectors.base;
    queries = vectors.queries;
    AnnContenders contenders = new AnnContenders(queries[0], chromaUrl, scratch);
    System.out.printf(
        Locale.ROOT,
        "%n%s, %d cores, max heap %d MB; M %d, efConstruction %d, efSearch %s%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        M,
        EF_CONSTRUCTION,
        ef > 0 ? String.valueOf(ef) : "by size (the store's default)");
    // JIT warm-up: every index library builds and searches a small index once, unreported.
    float[][] small = Arrays.copyOf(base, Math.min(3000, base.length));
    List<Built> warm = new ArrayList<>();
    warm.addAll(
        contenders.elavira(
            small, contenders.temp("warm-elavira"), false, ef, agentFilters(), List.of()));
    warm.addAll(
        contenders.rawLucene(small, contenders.temp("warm-raw"), false, List.of(EF_SEARCH)));
    warm.add(contenders.hnswlib(small, EF_SEARCH));
    if (!skipped(JVECTOR)) {
      warm.add(AnnJVector.build(small, queries[0], EF_SEARCH, contenders.temp("warm-jvector")));
    }
    for (Built built : warm) {
      for (float[] q : queries) {
        built.search().top(q);
      }
    }
    for (Built built : warm) {
      built.close().run();
    }
    for (int size : sizes) {
      measure(size, contenders, base);
    }
    return 0;
  }

  /** One size: every contender built (one after the other), then queried in turns. */
  private void measure(int size, AnnContenders contenders, float[][] base) throws Exception {
    float[][] data = AnnVectors.expand(base, size);
    List<List<String>> truth = AnnRow.exact(data, queries, i -> true);
    List<List<String>> agentTruth = AnnRow.exact(data, queries, i -> i % 4 == 0);
    Set<String> inTruth = new HashSet<>();
    truth.forEach(inTruth::addAll);
    agentTruth.forEach(inTruth::addAll);
    List<String> deleteIds = new ArrayList<>();
    for (int i = data.length - 1; i >= 0 && deleteIds.size() < deletes; i--) {
      if (!inTruth.contains("r" + i)) {
        deleteIds.add("r" + i);
      }
    }
    List<AnnRow> rows = new ArrayList<>();
    // The store picks its beam by size unless --ef is given; the raw rows use the same beam.
    int beam = ef > 0 ? ef : LuceneVectorStore.Builder.efSearchFor(size);
    List<String> defaultNames =
        new ArrayList<>(
            List.of(DEFAULT + " (Lucene HNSW, int8 + exact rescoring, ef " + beam + ")"));
    if (filters) {
      defaultNames.add(
          DEFAULT + ", same index, agent + owner filter (1 agent of 4: 25 % of the records)");
      defaultNames.add(DEFAULT + ", same index, owner filter alone (accepts every record)");
    }
    add(
        rows,
        defaultNames,
        () ->
            contenders.elavira(
                data, dir(contenders, "elavira", size), reuse, ef, agentFilters(), deleteIds));
    if (filters) {
      // Recall of the agent's rows against the exact top 10 among that agent's records.
      rows.get(rows.size() - 2).truth = agentTruth;
    }
    List<Integer> efs = new ArrayList<>(List.of(beam));
    efs.addAll(rawEf);
    List<String> rawNames = new ArrayList<>();
    for (int e : efs) {
      rawNames.add(
          RAW_LUCENE
              + " HNSW, int8, ef "
              + e
              + (e == beam ? " (same parameters)" : " (no rescoring)"));
    }
    add(
        rows,
        rawNames,
        () -> contenders.rawLucene(data, dir(contenders, "raw-lucene", size), reuse, efs));
    add(rows, "raw hnswlib 1.2.1, same parameters", () -> List.of(contenders.hnswlib(data, beam)));
    add(
        rows,
        JVECTOR + " " + AnnJVector.VERSION + ", degree 2M, same beams",
        () -> List.of(AnnJVector.build(data, queries[0], beam, contenders.temp("jvector"))));
    add(rows, LANGCHAIN4J + " (exact)", () -> List.of(contenders.langchain4j(data)));
    add(rows, "Elavira InMemoryVectorStore (exact)", () -> List.of(contenders.exactStore(data)));
    if (chromaUrl != null) {
      for (int chromaSearchEf : chromaEf) {
        add(
            rows,
            CHROMA
                + " over HTTP"
                + (chromaSearchEf > 0 ? ", search ef " + chromaSearchEf : " (its default ef)"),
            () -> List.of(contenders.chroma(data, chromaSearchEf)));
      }
    }
    for (AnnRow row : rows) {
      if (row.truth.isEmpty()) {
        row.truth = truth;
      }
      // Warm-up: the JIT compiles the search path. Three passes leave C2 short of its final code
      // for a fast contender (the embedded default's p50 kept falling for ~20 more passes), so a
      // contender is warmed for at least --warmup-seconds too: each measured at its steady state.
      long warmUntil = System.nanoTime() + (long) (warmupSeconds * 1e9);
      for (int pass = 0; pass < 3 || System.nanoTime() < warmUntil; pass++) {
        for (float[] q : queries) {
          row.built.search().top(q);
        }
      }
    }
    Recording recording = null;
    if (jfr != null) {
      recording = new Recording(Configuration.getConfiguration("profile"));
      recording.start();
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // In turns, query by query, starting with a different contender each time: a load that comes
    // and goes on a shared machine slows every contender alike.
    // In blocks, each contender answers every query of every pass in a row (the order of the
    // contenders still rotates from one pass to the next).
    for (int pass = 0; pass < passes; pass++) {
      if (order == Order.blocks) {
        for (int j = 0; j < rows.size(); j++) {
          AnnRow row = rows.get((j + pass) % rows.size());
          for (int i = 0; i < queries.length; i++) {
            timeOne(row, i, pass, threads);
          }
        }
        continue;
      }
      for (int i = 0; i < queries.length; i++) {
        for (int j = 0; j < rows.size(); j++) {
          timeOne(rows.get((i + j + pass) % rows.size()), i, pass, threads);
        }
      }
    }
    if (recording != null && jfr != null) {
      recording.stop();
      recording.dump(jfr);
      recording.close();
      System.out.println("JFR recording of the timed queries: " + jfr);
    }
    for (AnnRow row : rows) {
      row.built.close().run();
    }
    new AnnReport(
            queries.length,
            passes,
            order == Order.blocks ? "in blocks (one contender at a time)" : "interleaved",
            order == Order.blocks ? "in blocks" : "queries interleaved")
        .print(size, Math.min(size, base.length), rows);
  }

  /** Times query {@code i} on {@code row}; its recall is counted on the first pass. */
  private void timeOne(AnnRow row, int i, int pass, ThreadMXBean threads) throws Exception {
    long cpu = threads.getCurrentThreadCpuTime();
    long t = System.nanoTime();
    List<String> ids = row.built.search().top(queries[i]);
    row.nanos.add(System.nanoTime() - t);
    row.cpuNanos.add(threads.getCurrentThreadCpuTime() - cpu);
    if (pass == 0) {
      Set<String> hit = new HashSet<>(ids);
      row.recall += row.truth.get(i).stream().filter(hit::contains).count() / (double) TOP_K;
    }
  }

  private boolean skipped(String name) {
    return skip.stream().anyMatch(name::startsWith);
  }

  private Path dir(AnnContenders contenders, String prefix, int size) throws IOException {
    if (indexDir == null) {
      return contenders.temp(prefix);
    }
    Path dir = indexDir.resolve(prefix + "-" + size);
    if (!reuse && Files.exists(dir)) {
      throw new IllegalStateException(dir + " exists: pass --reuse to open it, or delete it");
    }
    if (reuse && mergeTo > 0 && AnnContenders.hasIndex(dir)) {
      long t = System.nanoTime();
      AnnContenders.forceMerge(dir, mergeTo);
      System.err.printf(
          Locale.ROOT,
          "merged %s to %d segment(s) in %.1f s%n",
          dir,
          mergeTo,
          (System.nanoTime() - t) / 1e9);
    }
    return Files.createDirectories(dir);
  }

  private void add(List<AnnRow> rows, String name, Callable<List<Built>> build) throws Exception {
    add(rows, List.of(name), build);
  }

  /** Builds a contender unless skipped, with the heap it retains (after a GC). */
  private void add(List<AnnRow> rows, List<String> names, Callable<List<Built>> build)
      throws Exception {
    if (skipped(names.get(0))) {
      return;
    }
    long before = usedHeap();
    List<Built> built = build.call();
    long heap = usedHeap() - before;
    for (int i = 0; i < built.size(); i++) {
      rows.add(new AnnRow(names.get(i), built.get(i), i == 0 ? heap : 0));
    }
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.gc();
    return rt.totalMemory() - rt.freeMemory();
  }

  /**
   * The filters of {@code --filters}, as an agent's search builds them (records {@code i} belong to
   * agent {@code agent-(i % 4)} and have no owner): agent + owner isolation of agent-0, and owner
   * isolation alone.
   */
  private List<Filter> agentFilters() {
    if (!filters) {
      return List.of();
    }
    Filter owner =
        Filter.or(
            Filter.missing(VectorRecord.OWNER_ID), Filter.eq(VectorRecord.OWNER_ID, "user-1"));
    return List.of(Filter.and(Filter.eq(VectorRecord.AGENT_ID, "agent-0"), owner), owner);
  }
}
