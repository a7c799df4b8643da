package io.elavira.llm.llamacpp;

import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.openai.internal.CompletionsEmbeddings;
import io.elavira.llm.openai.internal.Dialect;
import io.elavira.llm.openai.internal.EmbeddingsOptions;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * Embeddings from llama.cpp's server ({@code POST /v1/embeddings}; start it with {@code
 * --embeddings --pooling mean}). Vectors are L2-normalised; the dimension is learnt from the server
 * unless given. Immutable and thread-safe; one OkHttp client released by {@link #close()}. Errors:
 * {@link io.elavira.llm.LlmException} as for {@link LlamaCppProvider}.
 */
public final class LlamaCppEmbeddingModel implements EmbeddingModel {
  /** Texts sent per call. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  private final CompletionsEmbeddings delegate;

  private LlamaCppEmbeddingModel(CompletionsEmbeddings delegate) {
    this.delegate = delegate;
  }

  /** A builder; every setting has a default. */
  public static Builder builder() {
    return new Builder();
  }

  /** "llamacpp:" and the model label. */
  @Override
  public String modelId() {
    return delegate.modelId();
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.elavira.llm.LlmException when it must be learnt and the server cannot answer
   */
  @Override
  public int dimension() {
    return delegate.dimension();
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.elavira.llm.LlmException when the server fails
   */
  @Override
  public List<float[]> embedAll(List<String> texts) {
    return delegate.embedAll(texts);
  }

  /** Releases the HTTP client (unless the host owns it). Idempotent. */
  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "LlamaCppEmbeddingModel[" + delegate + "]";
  }

  /** Configures a {@link LlamaCppEmbeddingModel}; validates at once. Not thread-safe. */
  public static final class Builder {
    private final EmbeddingsOptions options =
        new EmbeddingsOptions(
            LlamaCppProvider.NAME,
            "llama.cpp",
            LlamaCppProvider.DEFAULT_BASE_URL,
            "is llama-server running (with --embeddings)?",
            LlamaCppProvider.DEFAULT_MODEL,
            DEFAULT_BATCH_SIZE);

    private Builder() {}

    /** The server's address, default {@value LlamaCppProvider#DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      options.http().baseUrl(baseUrl);
      return this;
    }

    /** A label for the loaded model: it names the vectors, so change it with the model. */
    public Builder model(String model) {
      options.model(model);
      return this;
    }

    /** The vectors' dimension when known; checked on every answer. */
    public Builder dimension(int dimension) {
      options.dimension(dimension);
      return this;
    }

    /** Texts per call, 1 to 2048. */
    public Builder batchSize(int batchSize) {
      options.batchSize(batchSize);
      return this;
    }

    /** The key the server was started with ({@code --api-key}), if any. */
    public Builder apiKey(String apiKey) {
      options.http().apiKey(apiKey);
      return this;
    }

    /** The host's OkHttp client. */
    public Builder httpClient(OkHttpClient client) {
      options.http().httpClient(client);
      return this;
    }

    /** The longest wait for one call, default 2 minutes. */
    public Builder requestTimeout(Duration timeout) {
      options.http().requestTimeout(timeout);
      return this;
    }

    /** Builds the model; opens no connection yet. */
    public LlamaCppEmbeddingModel build() {
      return new LlamaCppEmbeddingModel(
          options.buildLocal(Dialect.forEmbeddings("v1/", true), LlamaCppProvider.DEFAULT_MODEL));
    }
  }
}
