package io.elavira.bench;

import io.elavira.ElaviraAgent;
import io.elavira.Source;
import io.elavira.ingest.FileOutcome;
import io.elavira.ingest.IngestReport;
import io.elavira.ingest.IngestionPipeline;
import io.elavira.ingest.chunk.RecursiveChunker;
import io.elavira.ingest.markdown.MarkdownParser;
import io.elavira.ingest.text.PlainTextParser;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import io.elavira.retrieval.RetrievalQuery;
import io.elavira.retrieval.internal.DenseRetriever;
import io.elavira.store.ElaviraStore;
import io.elavira.vector.InMemoryVectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Elavira: {@link IngestionPipeline} (PlainTextParser + MarkdownParser, RecursiveChunker with the
 * model's exact WordPiece counter, 200 tokens, overlap 30) into an {@link ElaviraAgent} on a fresh
 * temporary home (SQLite system of record + {@link InMemoryVectorStore}), with {@link
 * OnnxEmbeddingModel#allMiniLmL6V2()}.
 */
final class ElaviraSide implements Side {
  static final int MAX_TOKENS = 200;
  static final int OVERLAP_TOKENS = 30;
  private static final String USER = "local";

  private final OnnxEmbeddingModel model;
  private final String threads;
  private ScratchFolder home;
  private InMemoryVectorStore vectors;
  private ElaviraAgent agent;
  private ElaviraStore readStore;
  private DenseRetriever retriever;

  /**
   * Loads the model.
   *
   * @param intraOpThreads ONNX intra-op threads, or 0 for the library default
   * @param maxWordPieces word pieces the model reads per text (special tokens included), or 0 for
   *     the library default (256). 128 makes Elavira do the same work as LangChain4j, whose
   *     tokenizer.json truncates every text at 128 word pieces.
   */
  ElaviraSide(int intraOpThreads, int maxWordPieces) {
    OnnxEmbeddingModel.Builder builder = OnnxEmbeddingModel.builder();
    if (intraOpThreads > 0) {
      builder.intraOpThreads(intraOpThreads);
    }
    if (maxWordPieces > 0) {
      builder.maxSequenceLength(maxWordPieces);
    }
    model = builder.build();
    threads =
        model.intraOpThreads()
            + " ONNX intra-op thread(s)"
            + (intraOpThreads > 0 ? " (--threads)" : " (library default)")
            + ", texts read up to "
            + model.maxSequenceLength()
            + " word pieces"
            + (maxWordPieces > 0 ? " (--max-word-pieces)" : " (library default)");
  }

  @Override
  public String name() {
    return "Elavira";
  }

  @Override
  public String settings() {
    return "OnnxEmbeddingModel ("
        + model.modelId()
        + ", int8), padded batches of "
        + model.batchSize()
        + " texts on the calling thread, "
        + threads
        + "; RecursiveChunker("
        + MAX_TOKENS
        + ", "
        + OVERLAP_TOKENS
        + ", model's exact WordPiece counter); SQLite + InMemoryVectorStore";
  }

  @Override
  public IngestRun ingest(List<Path> files) {
    reset();
    try {
      home = ScratchFolder.create("elavira-side-by-side-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    vectors = new InMemoryVectorStore();
    agent = ElaviraAgent.builder().home(home.path()).embeddings(model).vectors(vectors).build();
    IngestionPipeline pipeline =
        IngestionPipeline.builder()
            .indexer(agent)
            .parsers(List.of(new PlainTextParser(), new MarkdownParser()))
            .chunker(
                RecursiveChunker.builder()
                    .maxTokens(MAX_TOKENS)
                    .overlapTokens(OVERLAP_TOKENS)
                    .tokenCounter(model.tokenCounter())
                    .build())
            .build();
    long start = System.nanoTime();
    IngestReport report = pipeline.ingest(files);
    long nanos = System.nanoTime() - start;
    List<String> skipped = new ArrayList<>();
    for (FileOutcome outcome : report.outcomes()) {
      if (!outcome.succeeded()) {
        skipped.add(outcome.path().getFileName() + ": " + outcome.error().reason());
      }
    }
    // A second connection on the agent's database, for retrieval without the conversation.
    readStore = ElaviraStore.open(home.path().resolve("elavira.db"));
    retriever = new DenseRetriever(model, vectors, readStore.documents());
    return new IngestRun(
        report.outcomes().size() - skipped.size(), skipped, report.chunks(), nanos);
  }

  /** Pure retrieval: embed the question, search, read the passages back from SQLite. */
  @Override
  public List<String> retrieve(String question, int topK) {
    return retriever
        .retrieve(new RetrievalQuery(agent.agentId(), USER, question, topK, 0.0))
        .stream()
        .map(Source::document)
        .toList();
  }

  /**
   * The whole {@code agent.ask(question)} without a language model: guard, retrieval, extractive
   * answer, and the exchange persisted in SQLite. Returns the sources' file names (top 5).
   */
  List<String> ask(String question) {
    return agent.ask(question).sources().stream().map(Source::document).toList();
  }

  @Override
  public void embedAll(List<String> texts) {
    model.embedAll(texts);
  }

  @Override
  public void embedEach(List<String> texts) {
    for (String text : texts) {
      model.embed(text);
    }
  }

  @Override
  public void close() {
    reset();
    model.close();
  }

  private void reset() {
    if (readStore != null) {
      readStore.close();
      readStore = null;
    }
    if (agent != null) {
      agent.close();
      agent = null;
    }
    if (vectors != null) {
      vectors.close();
      vectors = null;
    }
    if (home != null) {
      home.close();
      home = null;
    }
  }
}
