package io.elavira.bench;

import io.elavira.ElaviraAgent;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import io.elavira.embed.EmbeddingModel;
import io.elavira.ingest.IngestReport;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.ingest.chunk.RecursiveChunker;
import io.elavira.ingest.pdf.PdfParser;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.vector.InMemoryVectorStore;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ingestion throughput against its physical limit, on a folder of mixed documents (default {@code
 * ../shared/data/docs}): PDF pages parsed per second; chunks ingested end to end per second (every
 * default parser, cleaning, {@link RecursiveChunker} with the model's own counter, an {@link
 * ElaviraAgent} on a fresh SQLite home embedding with {@link OnnxEmbeddingModel#allMiniLmL6V2()}
 * and indexing in an {@link InMemoryVectorStore}); and the raw batched throughput of the model
 * alone on the very same chunk texts ({@code embedAll}). The end-to-end figure divided by the raw
 * one says how close ingestion comes to the model's limit (the target is 0.9 or more).
 *
 * <p>Wall-time ratios swing with the machine's load, so the report also gives CPU time per chunk,
 * which hardly does: each reading stage (parse per format, clean, chunk; {@link ReadingStages}, one
 * file at a time) against the model alone (process CPU during the raw {@code embedAll}). On a
 * machine where the model keeps every core busy, reading CPU ÷ model CPU is what reading costs the
 * model. End to end, it also gives how long the indexer waited for the first group and the share of
 * the run spent inside the indexer.
 *
 * <pre>
 * java -cp ... io.elavira.bench.IngestionThroughput --data ../shared/data/docs --rounds 3
 * </pre>
 */
@Command(
    name = "ingestion-throughput",
    mixinStandardHelpOptions = true,
    description = "PDF pages/s and end-to-end ingestion chunks/s vs raw batched embedding.")
public final class IngestionThroughput implements Callable<Integer> {
  @Option(names = "--data", description = "Folder to ingest (default ${DEFAULT-VALUE}).")
  Path data = Path.of("..", "shared", "data", "docs");

  @Option(
      names = "--rounds",
      description = "Timed rounds after one warm-up (default ${DEFAULT-VALUE}).")
  int rounds = 3;

  @Option(names = "--threads", description = "ONNX intra-op threads, 0 = library default.")
  int threads;

  private String[] args = new String[0];

  /** Runs the measurement; see the class documentation. */
  public static void main(String[] args) {
    IngestionThroughput command = new IngestionThroughput();
    command.args = args.clone();
    System.exit(new CommandLine(command).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    List<Path> pdfs;
    try (Stream<Path> walk = Files.walk(data)) {
      pdfs = walk.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
    }
    OnnxEmbeddingModel.Builder builder = OnnxEmbeddingModel.builder();
    if (threads > 0) {
      builder.intraOpThreads(threads);
    }
    List<String> environment = Measures.environment(args);
    List<Double> pagesPerSecond = new ArrayList<>();
    List<Double> endToEnd = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> prepareOnly = new ArrayList<>();
    List<Double> firstGroupMs = new ArrayList<>();
    List<Double> inIndexer = new ArrayList<>();
    List<Double> inAhead = new ArrayList<>();
    List<Double> modelCpu = new ArrayList<>();
    List<Double> endToEndCpu = new ArrayList<>();
    List<Double> withoutModelCpu = new ArrayList<>();
    List<Double> storeCpu = new ArrayList<>();
    List<ReadingStages.Split> splits = new ArrayList<>();
    List<String> texts = List.of();
    ReadingStages stages = new ReadingStages();
    try (OnnxEmbeddingModel model = builder.build()) {
      RecursiveChunker chunker =
          RecursiveChunker.builder()
              .maxTokens(ElaviraSide.MAX_TOKENS)
              .overlapTokens(ElaviraSide.OVERLAP_TOKENS)
              .tokenCounter(model.tokenCounter())
              .build();
      for (int round = 0; round <= rounds; round++) {
        double pages = pdfPagesPerSecond(pdfs);
        ReadingStages.Split split = stages.measure(data, chunker);
        long prepareStart = System.nanoTime();
        texts = chunkTexts(chunker);
        double prepareRate = texts.size() / seconds(prepareStart);
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        model.embedAll(texts);
        double rawRate = texts.size() / seconds(start);
        double rawCpu = (processCpuNanos() - cpuStart) / 1e6 / texts.size();
        TimedIndexer timed = endToEnd(model, chunker);
        TimedIndexer withoutModel = endToEnd(new StandInModel(model.dimension()), chunker);
        if (round > 0) { // round 0 warms up the JIT and the model
          pagesPerSecond.add(pages);
          raw.add(rawRate);
          endToEnd.add(timed.chunks / timed.seconds);
          prepareOnly.add(prepareRate);
          firstGroupMs.add(timed.firstCallNanos() / 1e6);
          inIndexer.add(100.0 * timed.insideNanos / (timed.seconds * 1e9));
          inAhead.add(100.0 * timed.aheadNanos() / (timed.seconds * 1e9));
          modelCpu.add(rawCpu);
          endToEndCpu.add(timed.cpuNanos / 1e6 / timed.chunks);
          withoutModelCpu.add(withoutModel.cpuNanos / 1e6 / withoutModel.chunks);
          storeCpu.add(withoutModel.insideCpuNanos / 1e6 / withoutModel.chunks);
          splits.add(split);
        }
      }
    }
    List<String> report = new ArrayList<>();
    report.add("# Ingestion throughput on " + data.toAbsolutePath().normalize());
    report.add("");
    report.addAll(environment);
    report.add(
        "- Chunks: " + texts.size() + " (" + new HashSet<>(texts).size() + " distinct texts)");
    report.add("- Rounds: 1 warm-up, " + rounds + " timed; medians (min–max)");
    report.add("");
    report.add("| measure | median | min | max |");
    report.add("|---|---:|---:|---:|");
    report.add(row("PDF pages/s (" + pdfs.size() + " files)", pagesPerSecond));
    report.add(row("end-to-end chunks/s", endToEnd));
    report.add(row("raw embedAll chunks/s", raw));
    report.add(row("parse + clean + chunk only, chunks/s", prepareOnly));
    report.add(
        row(
            "end to end: ms before the first group reaches the indexer (embedAhead or indexAll)",
            firstGroupMs));
    report.add(
        row(
            "end to end: % of the run inside indexAll (the store; the model for what was not"
                + " embedded ahead)",
            inIndexer));
    report.add(
        row(
            "end to end: % of the run inside embedAhead (the model, on the pipeline's own thread)",
            inAhead));
    report.add("");
    int distinct = new HashSet<>(texts).size();
    report.addAll(
        cpuReport(
            splits,
            modelCpu,
            endToEndCpu,
            withoutModelCpu,
            storeCpu,
            (double) distinct / texts.size()));
    report.add("");
    report.add(
        "End-to-end ÷ raw: "
            + Measures.f2(Measures.median(endToEnd) / Measures.median(raw))
            + " (target ≥ 0.90; wall time, so it moves with the machine's load)");
    // Round by round, in order: the reading and storing code warms up over the first rounds (the
    // JIT), the model is native and warm from the first, so early rounds favour raw.
    StringBuilder perRound = new StringBuilder("Per round, in order:");
    for (int i = 0; i < raw.size(); i++) {
      perRound.append(' ').append(Measures.f2(endToEnd.get(i) / raw.get(i)));
    }
    report.add(perRound.toString());
    report.forEach(System.out::println);
    return 0;
  }

  /**
   * CPU milliseconds per chunk of each reading stage (thread CPU, one file at a time), against the
   * model's (process CPU during the raw {@code embedAll}): the load-independent view of what
   * reading takes from the model on a machine whose cores both serve.
   */
  private static List<String> cpuReport(
      List<ReadingStages.Split> splits,
      List<Double> modelCpu,
      List<Double> endToEndCpu,
      List<Double> withoutModelCpu,
      List<Double> storeCpu,
      double distinctShare) {
    int chunks = splits.get(0).chunks();
    Map<String, List<Double>> rows = new LinkedHashMap<>();
    for (String format : splits.get(0).parseByFormat().keySet()) {
      rows.put(
          "parse ." + format,
          perChunk(splits, s -> s.parseByFormat().getOrDefault(format, 0L), chunks));
    }
    rows.put("parse, all formats", perChunk(splits, ReadingStages.Split::parse, chunks));
    rows.put("clean", perChunk(splits, ReadingStages.Split::clean, chunks));
    rows.put(
        "chunk (token counting included)", perChunk(splits, ReadingStages.Split::chunk, chunks));
    List<Double> reading = perChunk(splits, ReadingStages.Split::total, chunks);
    rows.put("**reading total** (parse + clean + chunk)", reading);
    List<String> lines = new ArrayList<>();
    lines.add(
        "CPU ms per chunk ("
            + chunks
            + " chunks; reading stages: thread CPU time, one file at a time; model and end to end:"
            + " process CPU time, all threads, ONNX Runtime's included):");
    lines.add("");
    lines.add("| stage | CPU ms per chunk, median | min | max |");
    lines.add("|---|---:|---:|---:|");
    rows.forEach((name, values) -> lines.add(row3(name, values)));
    lines.add(row3("model alone (raw embedAll)", modelCpu));
    lines.add(row3("end to end, whole process", endToEndCpu));
    lines.add(
        row3(
            "end to end with a stand-in model (no inference): reading, pipeline, store",
            withoutModelCpu));
    lines.add(row3("of which on the indexing thread, inside indexAll (store work)", storeCpu));
    lines.add("");
    double model = Measures.median(modelCpu);
    double others = Measures.median(withoutModelCpu);
    lines.add(
        "Reading CPU ÷ model CPU: "
            + Measures.f2(Measures.median(reading) / model)
            + "; everything but the model ÷ model CPU: "
            + Measures.f2(others / model));
    lines.add(
        "CPU-bound estimate of end-to-end ÷ raw: "
            + Measures.f2(model / (model * distinctShare + others))
            + " (raw CPU per chunk ÷ (the model's CPU on the "
            + Measures.f0(100 * distinctShare)
            + " % of texts end to end embeds, the cache skipping repeats, + the stand-in run's);"
            + " what the wall-time ratio tends to when every core is busy and nothing else runs)");
    return lines;
  }

  private static List<Double> perChunk(
      List<ReadingStages.Split> splits, ToLongFunction<ReadingStages.Split> nanos, int chunks) {
    return splits.stream().map(s -> nanos.applyAsLong(s) / 1e6 / Math.max(1, chunks)).toList();
  }

  /** CPU time of the whole process (every thread, native ones included), in nanoseconds. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  /** A table row: median, min and max with one decimal. */
  private static String row(String name, List<Double> values) {
    return row(name, values, Measures::f1);
  }

  /** A table row of CPU milliseconds: median, min and max with three decimals. */
  private static String row3(String name, List<Double> values) {
    return row(name, values, Measures::f3);
  }

  private static String row(String name, List<Double> values, DoubleFunction<String> format) {
    return "| "
        + name
        + " | "
        + format.apply(Measures.median(values))
        + " | "
        + format.apply(Measures.min(values))
        + " | "
        + format.apply(Measures.max(values))
        + " |";
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double pdfPagesPerSecond(List<Path> pdfs) throws IOException {
    PdfParser parser = new PdfParser();
    long pages = 0;
    long start = System.nanoTime();
    for (Path pdf : pdfs) {
      try (InputStream in = Files.newInputStream(pdf)) {
        Document document = parser.parse(in, pdf.getFileName().toString());
        pages += Long.parseLong(document.metadata().getOrDefault(PdfParser.PAGES_KEY, "0"));
      } catch (IngestException e) {
        // encrypted, scanned or blank: parsed up to the refusal, pages not counted
      }
    }
    return pages / seconds(start);
  }

  /** The texts of the chunks the pipeline would index, in order. */
  private List<String> chunkTexts(RecursiveChunker chunker) {
    List<String> texts = new ArrayList<>();
    DocumentIndexer collector =
        new DocumentIndexer() {
          @Override
          public IndexResult index(Document document, List<Chunk> chunks) {
            chunks.forEach(c -> texts.add(c.text()));
            return new IndexResult(
                document.location(), document.name(), IndexResult.Status.ADDED, chunks.size());
          }

          @Override
          public IndexResult index(Document document, List<Chunk> chunks, String ownerId) {
            return index(document, chunks);
          }
        };
    IngestionPipeline.builder().indexer(collector).chunker(chunker).build().ingest(List.of(data));
    return texts;
  }

  private TimedIndexer endToEnd(EmbeddingModel model, RecursiveChunker chunker) throws IOException {
    try (ScratchFolder scratch = ScratchFolder.create("elavira-ingestion-throughput-")) {
      Path home = scratch.path();
      try (InMemoryVectorStore vectors = new InMemoryVectorStore();
          ElaviraAgent agent =
              ElaviraAgent.builder().home(home).embeddings(model).vectors(vectors).build()) {
        TimedIndexer timed = new TimedIndexer(agent);
        long cpuStart = processCpuNanos();
        timed.start = System.nanoTime();
        IngestReport report =
            IngestionPipeline.builder()
                .indexer(timed)
                .chunker(chunker)
                .build()
                .ingest(List.of(data));
        timed.seconds = seconds(timed.start);
        timed.cpuNanos = processCpuNanos() - cpuStart;
        timed.chunks = report.chunks();
        return timed;
      }
    }
  }
}
