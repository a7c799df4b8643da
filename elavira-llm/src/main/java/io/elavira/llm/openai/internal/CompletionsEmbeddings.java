package io.elavira.llm.openai.internal;

import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.http.internal.EmbeddingBatches;
import io.elavira.llm.http.internal.HttpSettings;
import io.elavira.llm.http.internal.HttpTransport;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code /embeddings} endpoint of OpenAI-shaped APIs as an {@link EmbeddingModel}: batches,
 * input order, dimension checks, L2 normalisation; the dimension is learnt from the first answer
 * when not given. Thread-safe. The public facades of each provider delegate to it. Not API.
 */
public final class CompletionsEmbeddings implements EmbeddingModel {
  private final String idPrefix;
  private final String model;
  private final int batchSize;
  private final HttpTransport http;
  private final ChatCompletions engine;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile int dimension;

  /**
   * An embedding model.
   *
   * @param idPrefix e.g. "openai": the model id is {@code idPrefix + ":" + model}
   * @param dimension the known dimension, or 0 to learn it
   */
  public CompletionsEmbeddings(
      String idPrefix,
      HttpSettings settings,
      Dialect dialect,
      String model,
      int batchSize,
      int dimension) {
    this.idPrefix = idPrefix;
    this.model = model;
    this.batchSize = batchSize;
    this.dimension = dimension;
    this.http = new HttpTransport(settings);
    this.engine = new ChatCompletions(http, dialect, model, null, null);
  }

  @Override
  public String modelId() {
    return idPrefix + ":" + model;
  }

  @Override
  public int dimension() {
    int d = dimension;
    if (d == 0) {
      d = embedAll(List.of("")).get(0).length;
      dimension = d;
    }
    return d;
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (closed.get()) {
      throw new IllegalStateException("the embedding model " + modelId() + " is closed");
    }
    List<float[]> vectors =
        EmbeddingBatches.embed(
            http,
            model,
            texts,
            batchSize,
            dimension,
            batch ->
                engine.embed(model, batch.stream().map(CompletionsEmbeddings::nonEmpty).toList()));
    if (dimension == 0 && !vectors.isEmpty()) {
      dimension = vectors.get(0).length;
    }
    return vectors;
  }

  /**
   * OpenAI and llama.cpp reject an empty input (HTTP 400, "Input content cannot be empty"), while
   * the SPI promises a vector for it: an empty text is sent as one space, which carries no content
   * either.
   */
  private static String nonEmpty(String text) {
    return text.isEmpty() ? " " : text;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.close();
    }
  }

  @Override
  public String toString() {
    return modelId() + " at " + http.settings().where();
  }
}
