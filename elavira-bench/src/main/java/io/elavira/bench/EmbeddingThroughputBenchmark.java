package io.elavira.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.elavira.llm.onnx.OnnxEmbeddingModel;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Embedding throughput of the bundled all-MiniLM-L6-v2 int8 model on 256 sentences of about 40
 * words (mixed English and French): padded batches of {@code batchSize} (8 and 32; choose with
 * {@code -p batchSize=...}) versus one ONNX call per text. Scores are sentences per second (each
 * invocation embeds all 256 sentences). LangChain4j's own class runs side by side on the same
 * onnxruntime.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EmbeddingThroughputBenchmark {
  static final int SENTENCES = 256;

  /** Texts per ONNX call in {@link #elaviraBatched()}. */
  @Param({"8", "32"})
  public int batchSize;

  private List<String> sentences;
  private OnnxEmbeddingModel batched;
  private OnnxEmbeddingModel single;
  private OnnxEmbeddingModel batchedAllCores;
  private List<TextSegment> segments;
  private AllMiniLmL6V2QuantizedEmbeddingModel langchain4j;
  private ExecutorService langchain4jPool;

  /** Loads the models (batchSize, batchSize on all cores, 1) and generates the sentences. */
  @Setup(Level.Trial)
  public void setUp() {
    sentences = Sentences.generate(SENTENCES, 42);
    batched = OnnxEmbeddingModel.builder().batchSize(batchSize).build();
    single = OnnxEmbeddingModel.builder().batchSize(1).build();
    batchedAllCores =
        OnnxEmbeddingModel.builder()
            .batchSize(batchSize)
            .intraOpThreads(Runtime.getRuntime().availableProcessors())
            .build();
    segments = sentences.stream().map(TextSegment::from).toList();
    // LangChain4j's default: one ONNX call per text, spread over a pool of one thread per core.
    langchain4jPool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    langchain4j = new AllMiniLmL6V2QuantizedEmbeddingModel(langchain4jPool);
  }

  /** Releases both ONNX sessions. */
  @TearDown(Level.Trial)
  public void tearDown() {
    batched.close();
    single.close();
    batchedAllCores.close();
    langchain4jPool.shutdownNow();
  }

  /** All sentences in one embedAll call: padded batches of {@code batchSize}. */
  @Benchmark
  @OperationsPerInvocation(SENTENCES)
  public List<float[]> elaviraBatched() {
    return batched.embedAll(sentences);
  }

  /** Padded batches of {@code batchSize}, one ONNX intra-op thread per core. */
  @Benchmark
  @OperationsPerInvocation(SENTENCES)
  public List<float[]> elaviraBatchedAllCores() {
    return batchedAllCores.embedAll(sentences);
  }

  /** One embed call, hence one ONNX run, per sentence. */
  @Benchmark
  @OperationsPerInvocation(SENTENCES)
  public void elaviraOnePerText(Blackhole blackhole) {
    for (String s : sentences) {
      blackhole.consume(single.embed(s));
    }
  }

  /** LangChain4j's AllMiniLmL6V2QuantizedEmbeddingModel.embedAll on the same sentences. */
  @Benchmark
  @OperationsPerInvocation(SENTENCES)
  public Object langchain4jEmbedAll() {
    return langchain4j.embedAll(segments).content();
  }
}
