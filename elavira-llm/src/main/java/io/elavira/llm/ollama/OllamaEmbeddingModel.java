package io.elavira.llm.ollama;

import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.http.internal.EmbeddingBatches;
import io.elavira.llm.http.internal.HttpSettings;
import io.elavira.llm.http.internal.HttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * An embedding model served by Ollama ({@code POST /api/embed}, many texts per call).
 *
 * <pre>{@code
 * try (OllamaEmbeddingModel m = OllamaEmbeddingModel.builder().model("nomic-embed-text")
 *     .dimension(768).build()) {
 *   List<float[]> vectors = m.embedAll(List.of("Bonjour", "Hello"));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; holds one OkHttp client until {@link #close()}. Vectors are
 * L2-normalised. When {@link Builder#dimension(int)} is not given, the first call to {@link
 * #dimension()} embeds an empty text to learn it.
 *
 * <p>Errors: {@link io.elavira.llm.LlmException} as for {@link OllamaProvider}.
 */
public final class OllamaEmbeddingModel implements EmbeddingModel {
  /** Texts sent per call. */
  public static final int DEFAULT_BATCH_SIZE = 64;

  private final String model;
  private final int batchSize;
  private final @Nullable String keepAlive;
  private final HttpTransport http;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile int dimension;

  private OllamaEmbeddingModel(Builder b, String model) {
    this.model = model;
    this.batchSize = b.batchSize;
    this.dimension = b.dimension;
    this.keepAlive = b.keepAlive == null ? null : b.keepAlive.toSeconds() + "s";
    this.http = new HttpTransport(b.http.build());
  }

  /** A builder; {@link Builder#model(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** "ollama:" and the model name: vectors of different models are never mixed. */
  @Override
  public String modelId() {
    return "ollama:" + model;
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.elavira.llm.LlmException when it must be learnt and Ollama cannot answer
   */
  @Override
  public int dimension() {
    int d = dimension;
    if (d == 0) {
      d = embedAll(List.of("")).get(0).length;
      dimension = d;
    }
    return d;
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.elavira.llm.LlmException when Ollama fails
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (closed.get()) {
      throw new IllegalStateException("the Ollama embedding model " + model + " is closed");
    }
    List<float[]> vectors =
        EmbeddingBatches.embed(
            http,
            model,
            texts,
            batchSize,
            dimension,
            batch -> {
              OllamaWire.EmbedResponse r =
                  http.postJson(
                      "api/embed",
                      new OllamaWire.EmbedRequest(model, batch, keepAlive, null),
                      OllamaWire.EmbedResponse.class,
                      model);
              if (r.embeddings() == null) {
                throw http.errors()
                    .failure(Kind.UNAVAILABLE, model, "Ollama sent no embeddings", null, null);
              }
              return r.embeddings();
            });
    if (dimension == 0 && !vectors.isEmpty()) {
      dimension = vectors.get(0).length;
    }
    return vectors;
  }

  /** Releases the HTTP client (unless the host owns it). Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.close();
    }
  }

  @Override
  public String toString() {
    return "OllamaEmbeddingModel[" + http.settings().where() + ", model=" + model + "]";
  }

  /** Configures an {@link OllamaEmbeddingModel}; validates at once. Not thread-safe. */
  public static final class Builder {
    private final HttpSettings.Builder http =
        HttpSettings.builder(OllamaProvider.NAME, "Ollama", OllamaProvider.DEFAULT_BASE_URL)
            .serverHint("is Ollama running (`ollama serve`)?")
            .modelHint("run `ollama pull %s` or choose another model");
    private @Nullable String model;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int dimension;
    private @Nullable Duration keepAlive;

    private Builder() {}

    /**
     * Ollama's address; default {@code OLLAMA_HOST}, else {@value OllamaProvider#DEFAULT_BASE_URL}.
     */
    public Builder baseUrl(String baseUrl) {
      http.baseUrl(baseUrl);
      return this;
    }

    /** The embedding model, e.g. "nomic-embed-text" or "all-minilm". Required. */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      this.model = model;
      return this;
    }

    /** The vectors' dimension when known (saves a call); checked on every answer. */
    public Builder dimension(int dimension) {
      if (dimension < 1) {
        throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
      }
      this.dimension = dimension;
      return this;
    }

    /** Texts per call, 1 to 2048; default {@value OllamaEmbeddingModel#DEFAULT_BATCH_SIZE}. */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 2048) {
        throw new IllegalArgumentException("batchSize must be in [1, 2048], got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** How long Ollama keeps the model loaded after a call ({@code keep_alive}). */
    public Builder keepAlive(Duration keepAlive) {
      Objects.requireNonNull(keepAlive, "keepAlive");
      if (keepAlive.isNegative()) {
        throw new IllegalArgumentException("keepAlive must not be negative, got " + keepAlive);
      }
      this.keepAlive = keepAlive;
      return this;
    }

    /** A bearer key for hosted Ollama; default {@code OLLAMA_API_KEY} when set. */
    public Builder apiKey(String apiKey) {
      http.apiKey(apiKey);
      return this;
    }

    /** The host's OkHttp client, to share its connection pool and threads. */
    public Builder httpClient(OkHttpClient client) {
      http.httpClient(client);
      return this;
    }

    /** The longest wait for one call, default 2 minutes. */
    public Builder requestTimeout(Duration timeout) {
      http.requestTimeout(timeout);
      return this;
    }

    /** Retries of a retriable failure, default 2. */
    public Builder maxRetries(int maxRetries) {
      http.maxRetries(maxRetries);
      return this;
    }

    /**
     * Builds the model; opens no connection yet.
     *
     * @throws IllegalStateException when no model was set
     */
    public OllamaEmbeddingModel build() {
      if (model == null) {
        throw new IllegalStateException(
            "set the Ollama embedding model, e.g. builder().model(\"nomic-embed-text\")");
      }
      OllamaEnvironment.apply(http, System::getenv);
      return new OllamaEmbeddingModel(this, model);
    }
  }
}
