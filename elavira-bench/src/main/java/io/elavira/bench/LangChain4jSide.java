package io.elavira.bench;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.loader.FileSystemDocumentLoader;
import dev.langchain4j.data.document.parser.TextDocumentParser;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * LangChain4j: {@link FileSystemDocumentLoader} + {@link TextDocumentParser}, {@code
 * DocumentSplitters.recursive(200, 30, HuggingFaceTokenCountEstimator)} (bert-base-uncased
 * WordPiece, the vocabulary all-MiniLM-L6-v2 uses), {@link AllMiniLmL6V2QuantizedEmbeddingModel},
 * {@link InMemoryEmbeddingStore}, {@link EmbeddingStoreIngestor}.
 */
final class LangChain4jSide implements Side {
  private final AllMiniLmL6V2QuantizedEmbeddingModel model;
  private final ExecutorService pool;
  private final String threads;
  private final TextDocumentParser parser = new TextDocumentParser();
  private final HuggingFaceTokenCountEstimator tokens = new HuggingFaceTokenCountEstimator();
  private InMemoryEmbeddingStore<TextSegment> store;
  private List<String> lastChunks = List.of();

  /**
   * Loads the model.
   *
   * @param executorThreads threads of the executor embedAll spreads texts over, or 0 for the
   *     library default
   */
  LangChain4jSide(int executorThreads) {
    int cores = Runtime.getRuntime().availableProcessors();
    if (executorThreads > 0) {
      pool =
          Executors.newFixedThreadPool(
              executorThreads,
              r -> {
                Thread t = new Thread(r, "lc4j-embed");
                t.setDaemon(true);
                return t;
              });
      model = new AllMiniLmL6V2QuantizedEmbeddingModel(pool);
      threads =
          "embedAll spreads one ONNX run per text over "
              + executorThreads
              + " thread(s) (--threads)";
    } else {
      pool = null;
      model = new AllMiniLmL6V2QuantizedEmbeddingModel();
      threads =
          "library default: embedAll spreads one ONNX run per text over "
              + cores
              + " thread(s) (one per core)";
    }
  }

  @Override
  public String name() {
    return "LangChain4j";
  }

  @Override
  public String settings() {
    return "AllMiniLmL6V2QuantizedEmbeddingModel (int8), "
        + threads
        + ", ONNX intra-op threads: onnxruntime's default (not settable through this class)"
        + "; DocumentSplitters.recursive("
        + ElaviraSide.MAX_TOKENS
        + ", "
        + ElaviraSide.OVERLAP_TOKENS
        + ", HuggingFaceTokenCountEstimator = bert-base-uncased"
        + " WordPiece); InMemoryEmbeddingStore via EmbeddingStoreIngestor";
  }

  @Override
  public IngestRun ingest(List<Path> files) {
    store = new InMemoryEmbeddingStore<>();
    DocumentSplitter recursive =
        DocumentSplitters.recursive(ElaviraSide.MAX_TOKENS, ElaviraSide.OVERLAP_TOKENS, tokens);
    List<String> chunkTexts = new ArrayList<>();
    DocumentSplitter counting =
        document -> {
          List<TextSegment> segments = recursive.split(document);
          segments.forEach(s -> chunkTexts.add(s.text()));
          return segments;
        };
    EmbeddingStoreIngestor ingestor =
        EmbeddingStoreIngestor.builder()
            .documentSplitter(counting)
            .embeddingModel(model)
            .embeddingStore(store)
            .build();
    long start = System.nanoTime();
    List<Document> documents = new ArrayList<>(files.size());
    List<String> skipped = new ArrayList<>();
    for (Path file : files) {
      try {
        documents.add(FileSystemDocumentLoader.loadDocument(file, parser));
      } catch (RuntimeException e) {
        // FileSystemDocumentLoader.loadDocuments(...) also skips such files (with a warning).
        skipped.add(file.getFileName() + ": " + e.getClass().getSimpleName());
      }
    }
    ingestor.ingest(documents);
    long nanos = System.nanoTime() - start;
    lastChunks = List.copyOf(chunkTexts);
    return new IngestRun(documents.size(), skipped, chunkTexts.size(), nanos);
  }

  /** The chunk texts of the last ingestion, in order. */
  List<String> lastChunks() {
    return lastChunks;
  }

  @Override
  public List<String> retrieve(String question, int topK) {
    Embedding query = model.embed(question).content();
    return store
        .search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(topK).build())
        .matches()
        .stream()
        .map(m -> m.embedded().metadata().getString(Document.FILE_NAME))
        .toList();
  }

  @Override
  public void embedAll(List<String> texts) {
    model.embedAll(texts.stream().map(TextSegment::from).toList());
  }

  @Override
  public void embedEach(List<String> texts) {
    for (String text : texts) {
      model.embed(text);
    }
  }

  @Override
  public void close() {
    store = null;
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
