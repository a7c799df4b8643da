package io.elavira.bench;

import io.elavira.ElaviraAgent;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import io.elavira.ingest.IngestReport;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.ingest.chunk.RecursiveChunker;
import io.elavira.ingest.pdf.PdfParser;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.vector.InMemoryVectorStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
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
    List<Double> pagesPerSecond = new ArrayList<>();
    List<Double> endToEnd = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> prepareOnly = new ArrayList<>();
    List<String> texts = List.of();
    try (OnnxEmbeddingModel model = builder.build()) {
      RecursiveChunker chunker =
          RecursiveChunker.builder()
              .maxTokens(ElaviraSide.MAX_TOKENS)
              .overlapTokens(ElaviraSide.OVERLAP_TOKENS)
              .tokenCounter(model.tokenCounter())
              .build();
      for (int round = 0; round <= rounds; round++) {
        double pages = pdfPagesPerSecond(pdfs);
        long prepareStart = System.nanoTime();
        texts = chunkTexts(chunker);
        double prepareRate = texts.size() / seconds(prepareStart);
        long start = System.nanoTime();
        model.embedAll(texts);
        double rawRate = texts.size() / seconds(start);
        double e2e = endToEnd(model, chunker);
        if (round > 0) { // round 0 warms up the JIT and the model
          pagesPerSecond.add(pages);
          raw.add(rawRate);
          endToEnd.add(e2e);
          prepareOnly.add(prepareRate);
        }
      }
    }
    List<String> report = new ArrayList<>();
    report.add("# Ingestion throughput on " + data.toAbsolutePath().normalize());
    report.add("");
    report.addAll(Measures.environment(args));
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
    report.add("");
    report.add(
        "End-to-end ÷ raw: "
            + Measures.f2(Measures.median(endToEnd) / Measures.median(raw))
            + " (target ≥ 0.90)");
    report.forEach(System.out::println);
    return 0;
  }

  private static String row(String name, List<Double> values) {
    return "| "
        + name
        + " | "
        + Measures.f1(Measures.median(values))
        + " | "
        + Measures.f1(Measures.min(values))
        + " | "
        + Measures.f1(Measures.max(values))
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

  private double endToEnd(OnnxEmbeddingModel model, RecursiveChunker chunker) throws IOException {
    Path home = Files.createTempDirectory("elavira-ingestion-throughput-");
    try (InMemoryVectorStore vectors = new InMemoryVectorStore();
        ElaviraAgent agent =
            ElaviraAgent.builder().home(home).embeddings(model).vectors(vectors).build()) {
      long start = System.nanoTime();
      IngestReport report =
          IngestionPipeline.builder().indexer(agent).chunker(chunker).build().ingest(List.of(data));
      return report.chunks() / seconds(start);
    } finally {
      try (Stream<Path> paths = Files.walk(home)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
