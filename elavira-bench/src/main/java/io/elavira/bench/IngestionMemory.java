package io.elavira.bench;

import com.sun.management.GcInfo;
import io.elavira.ElaviraAgent;
import io.elavira.ingest.FileOutcome;
import io.elavira.ingest.IngestReport;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.ingest.chunk.RecursiveChunker;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Heap and time of ingesting one big file end to end, as {@code elavira ingest} does: the default
 * parsers, {@link RecursiveChunker} (200 word pieces, 30 of overlap, the model's own counter), an
 * {@link ElaviraAgent} on a fresh home (SQLite, its default vector store) with the real {@link
 * OnnxEmbeddingModel#allMiniLmL6V2()}. Run it with the heap to check, e.g. {@code -Xmx512m}; it
 * prints the chunks, the wall time, and the peak of the heap after each collection (the live data,
 * which is what a smaller {@code -Xmx} must hold) next to the peak used including garbage.
 *
 * <pre>
 * java -Xmx512m -cp ... io.elavira.bench.IngestionMemory --file big.txt
 * </pre>
 */
@Command(
    name = "ingestion-memory",
    mixinStandardHelpOptions = true,
    description = "Peak heap and wall time of ingesting one big file end to end.")
public final class IngestionMemory implements Callable<Integer> {
  @Option(names = "--file", required = true, description = "The file to ingest.")
  Path file = Path.of("big.txt");

  @Option(names = "--max-document-chars", description = "Pipeline limit (default: pipeline's).")
  int maxDocumentChars;

  /** Runs the measurement; see the class documentation. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestionMemory()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    try (ScratchFolder scratch = ScratchFolder.create("elavira-ingestion-memory-")) {
      Path home = scratch.path();
      try (OnnxEmbeddingModel model = OnnxEmbeddingModel.allMiniLmL6V2();
          ElaviraAgent agent = ElaviraAgent.builder().home(home).embeddings(model).build()) {
        RecursiveChunker chunker =
            RecursiveChunker.builder()
                .maxTokens(ElaviraSide.MAX_TOKENS)
                .overlapTokens(ElaviraSide.OVERLAP_TOKENS)
                .tokenCounter(model.tokenCounter())
                .build();
        IngestionPipeline.Builder builder =
            IngestionPipeline.builder().indexer(agent).chunker(chunker);
        if (maxDocumentChars > 0) {
          builder.maxDocumentChars(maxDocumentChars);
        }
        resetPeaks();
        AtomicLong peakLive = new AtomicLong();
        Thread sampler =
            new Thread(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    peakLive.accumulateAndGet(liveAfterLastGc(), Math::max);
                    try {
                      Thread.sleep(50);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                },
                "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        IngestReport report = builder.build().ingest(List.of(file));
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        peakLive.accumulateAndGet(liveAfterLastGc(), Math::max);
        FileOutcome outcome = report.outcomes().get(0);
        if (!outcome.succeeded()) {
          System.out.println("failed: " + outcome.error().getMessage());
          return 2;
        }
        System.out.printf(
            Locale.ROOT,
            "file %s (%.1f MB): %d chunks in %.1f s (%.1f chunks/s); max heap %d MB;"
                + " peak heap live after a GC %d MB; peak heap used incl. garbage %d MB%n",
            file.getFileName(),
            Files.size(file) / 1e6,
            report.chunks(),
            seconds,
            report.chunks() / seconds,
            Runtime.getRuntime().maxMemory() >> 20,
            peakLive.get() >> 20,
            peakUsed() >> 20);
        return 0;
      }
    }
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP)
        .toList();
  }

  private static void resetPeaks() {
    System.gc();
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  /** The heap in use right after the latest collection (any collector), summed over heap pools. */
  private static long liveAfterLastGc() {
    List<String> heap = heapPools().stream().map(MemoryPoolMXBean::getName).toList();
    GcInfo latest = null;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof com.sun.management.GarbageCollectorMXBean sun) {
        GcInfo info = sun.getLastGcInfo();
        if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
          latest = info;
        }
      }
    }
    if (latest == null) {
      return 0;
    }
    long sum = 0;
    for (Map.Entry<String, MemoryUsage> pool : latest.getMemoryUsageAfterGc().entrySet()) {
      if (heap.contains(pool.getKey())) {
        sum += pool.getValue().getUsed();
      }
    }
    return sum;
  }

  private static long peakUsed() {
    return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
  }
}
