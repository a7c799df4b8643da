package io.elavira.examples.cli;

import io.elavira.embed.EmbeddingModel;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's embedding model, counting the texts it is asked to embed: what {@code ingest --json}
 * reports as {@code embedded} (chunks the agent already had an embedding for never reach the model,
 * so an unchanged folder embeds nothing). Thread-safe; closing it closes nothing (the session owns
 * the model).
 */
final class CountingEmbeddings implements EmbeddingModel {

  private final EmbeddingModel model;
  private final AtomicLong texts = new AtomicLong();

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
    texts.addAndGet(batch.size());
    return model.embedAll(batch);
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
