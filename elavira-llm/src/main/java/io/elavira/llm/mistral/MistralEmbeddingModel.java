package io.elavira.llm.mistral;

import io.elavira.embed.EmbeddingModel;
import io.elavira.llm.http.internal.HttpSettings;
import io.elavira.llm.openai.internal.CompletionsEmbeddings;
import io.elavira.llm.openai.internal.Dialect;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Embeddings from Mistral ({@code POST {base}/embeddings}, base {@value
 * MistralProvider#DEFAULT_BASE_URL}). Vectors are L2-normalised; the dimension is learnt from the
 * server unless given. {@code MISTRAL_API_KEY} is sent to Mistral's host only. Immutable and
 * thread-safe; one OkHttp client released by {@link #close()}. Errors: {@link
 * io.elavira.llm.LlmException} as for {@link MistralProvider}.
 */
public final class MistralEmbeddingModel implements EmbeddingModel {
  /** Texts sent per call. */
  public static final int DEFAULT_BATCH_SIZE = 32;

  private final CompletionsEmbeddings delegate;

  private MistralEmbeddingModel(CompletionsEmbeddings delegate) {
    this.delegate = delegate;
  }

  /** A builder; {@link Builder#model(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The provider name, ":" and the model. */
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
    return "MistralEmbeddingModel[" + delegate + "]";
  }

  /** Configures a {@link MistralEmbeddingModel}; validates at once. Not thread-safe. */
  public static final class Builder {
    private final HttpSettings.Builder http =
        HttpSettings.builder(MistralProvider.NAME, "Mistral", MistralProvider.DEFAULT_BASE_URL)
            .serverHint("check baseUrl and the network");
    private @Nullable String model;
    private Function<String, @Nullable String> environment = System::getenv;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int dimension;

    private Builder() {}

    /** The API's base URL, default {@value MistralProvider#DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      http.baseUrl(baseUrl);
      return this;
    }

    /** The embedding model, e.g. "mistral-embed". Required. */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      this.model = model;
      return this;
    }

    /** The vectors' dimension when known; checked on every answer. */
    public Builder dimension(int dimension) {
      if (dimension < 1) {
        throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
      }
      this.dimension = dimension;
      return this;
    }

    /** Texts per call, 1 to 2048. */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > 2048) {
        throw new IllegalArgumentException("batchSize must be in [1, 2048], got " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** The API key (default {@code MISTRAL_API_KEY}, sent to the official host only). */
    public Builder apiKey(String apiKey) {
      http.apiKey(apiKey);
      return this;
    }

    /** The host's OkHttp client. */
    public Builder httpClient(OkHttpClient client) {
      http.httpClient(client);
      return this;
    }

    /** The longest wait for one call, default 2 minutes. */
    public Builder requestTimeout(Duration timeout) {
      http.requestTimeout(timeout);
      return this;
    }

    /** Where environment variables are read (tests; a host with its own secret store). */
    public Builder environment(Function<String, @Nullable String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Builds the model; opens no connection yet.
     *
     * @throws IllegalStateException when no model was set, or the official API has no key
     */
    public MistralEmbeddingModel build() {
      if (model == null) {
        throw new IllegalStateException(
            "set the embedding model, e.g. builder().model(\"mistral-embed\")");
      }
      boolean official =
          http.build()
              .baseUrl()
              .host()
              .equals(HttpUrl.get(MistralProvider.DEFAULT_BASE_URL).host());
      if (official && !http.hasApiKey()) {
        String key = environment.apply(MistralProvider.API_KEY_ENV);
        if (key == null || key.isBlank()) {
          throw new IllegalStateException(
              "Mistral needs an API key: set "
                  + MistralProvider.API_KEY_ENV
                  + " or call apiKey(...)");
        }
        http.apiKey(key);
      }
      Dialect dialect =
          new Dialect(
              "chat/completions",
              "models",
              "embeddings",
              "seed",
              "max_tokens",
              false,
              false,
              body -> {});
      return new MistralEmbeddingModel(
          new CompletionsEmbeddings(
              MistralProvider.NAME, http.build(), dialect, model, batchSize, dimension));
    }
  }
}
