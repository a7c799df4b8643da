package io.elavira.examples.cli;

import io.elavira.embed.EmbeddingModel;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The agent's embedding model, counting the texts it is asked to embed: what {@code ingest --json}
 * reports as {@code embedded} (chunks the agent already had an embedding for never reach the model,
 * so an unchanged folder embeds nothing). An {@link Observer} may watch the batches of an
 * ingestion, to show progress inside one big file and to stop at the next batch on Ctrl-C.
 * Thread-safe; closing it closes nothing (the session owns the model).
 */
final class CountingEmbeddings implements EmbeddingModel {

  private final EmbeddingModel model;
  private final AtomicLong texts = new AtomicLong();
  private volatile @Nullable Observer observer;

  /** Told of the batches of passages the model embeds, on the thread that asks for them. */
  interface Observer {
    /**
     * Before a batch of passages goes to the model.
     *
     * @param texts how many texts the batch holds
     * @throws RuntimeException to cancel: the batch is not embedded, and the exception reaches the
     *     caller (the agent wraps it)
     */
    void beforeBatch(int texts);

    /**
     * After the model embedded a batch of passages.
     *
     * @param texts how many texts the batch held
     */
    void embedded(int texts);
  }

  CountingEmbeddings(EmbeddingModel model) {
    this.model = model;
  }

  @Override
  public String modelId() {
    return model.modelId();
  }

  @Override
  public int dimension() {
    return model.dimension();
  }

  @Override
  public List<float[]> embedAll(List<String> batch) {
    Observer watching = observer;
    if (watching != null) {
      watching.beforeBatch(batch.size());
    }
    texts.addAndGet(batch.size());
    List<float[]> vectors = model.embedAll(batch);
    if (watching != null) {
      watching.embedded(batch.size());
    }
    return vectors;
  }

  /**
   * Watches the batches of passages from now on ({@link #embedAll}; questions are not watched), or
   * stops watching when {@code observer} is null.
   */
  void observe(@Nullable Observer observer) {
    this.observer = observer;
  }

  @Override
  public float[] embed(String text) {
    texts.incrementAndGet();
    return model.embed(text);
  }

  /** Counted like {@link #embed(String)}; the model's own query form (e.g. e5's prefix) is kept. */
  @Override
  public float[] embedQuery(String text) {
    texts.incrementAndGet();
    return model.embedQuery(text);
  }

  @Override
  public String queryModelId() {
    return model.queryModelId();
  }

  /** The model's own threshold (e.g. e5's), so that the agent flags weak matches as it would. */
  @Override
  public OptionalDouble weakMatchBelow() {
    return model.weakMatchBelow();
  }

  /** Texts sent to the model so far. */
  long texts() {
    return texts.get();
  }

  @Override
  public String toString() {
    return "CountingEmbeddings[" + model.modelId() + "]";
  }
}
