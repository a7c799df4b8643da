package io.elavira.llm.openai.internal;

import io.elavira.llm.http.internal.HttpSettings;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The settings that the builders of the OpenAI-shaped embedding facades (OpenAI, Mistral,
 * llama.cpp) collect, validated at once, and the one place that turns them into a {@link
 * CompletionsEmbeddings}. Each facade's public builder delegates every option here. Not
 * thread-safe. Not API.
 */
public final class EmbeddingsOptions {
  /** The largest batch any of these APIs accepts. */
  public static final int MAX_BATCH_SIZE = 2048;

  private final String provider;
  private final String displayName;
  private final HttpSettings.Builder http;
  private @Nullable String model;
  private Function<String, @Nullable String> environment = System::getenv;
  private int batchSize;
  private int dimension;

  /**
   * Options with the provider's defaults.
   *
   * @param provider the provider name, also the model id's prefix, e.g. "openai"
   * @param displayName the name used in messages, e.g. "OpenAI"
   * @param defaultBaseUrl the API's default base URL (its host is the "official" one)
   * @param serverHint what to check when the server cannot be reached
   * @param defaultModel the model when none is set, or null when one is required
   * @param batchSize the default number of texts per call
   */
  public EmbeddingsOptions(
      String provider,
      String displayName,
      String defaultBaseUrl,
      String serverHint,
      @Nullable String defaultModel,
      int batchSize) {
    this.provider = provider;
    this.displayName = displayName;
    this.http = HttpSettings.builder(provider, displayName, defaultBaseUrl).serverHint(serverHint);
    this.model = defaultModel;
    this.batchSize = batchSize;
  }

  /** The HTTP settings (base URL, key, client, timeout) the facade's builder sets directly. */
  public HttpSettings.Builder http() {
    return http;
  }

  /**
   * The model name.
   *
   * @throws IllegalArgumentException when blank
   */
  public void model(String model) {
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    this.model = model;
  }

  /**
   * The vectors' dimension when known.
   *
   * @throws IllegalArgumentException when below 1
   */
  public void dimension(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
    }
    this.dimension = dimension;
  }

  /**
   * Texts per call.
   *
   * @throws IllegalArgumentException when outside 1 to {@value #MAX_BATCH_SIZE}
   */
  public void batchSize(int batchSize) {
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "batchSize must be in [1, " + MAX_BATCH_SIZE + "], got " + batchSize);
    }
    this.batchSize = batchSize;
  }

  /** Where environment variables are read. */
  public void environment(Function<String, @Nullable String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * Builds the engine of a hosted API: the official host needs a key, read from {@code apiKeyEnv}
   * when none was set.
   *
   * @param modelExample a model name for the message when none was set
   * @throws IllegalStateException when no model was set, or the official API has no key
   */
  public CompletionsEmbeddings buildHosted(Dialect dialect, String modelExample, String apiKeyEnv) {
    String m = requireModel(modelExample);
    http.officialKeyFrom(displayName, apiKeyEnv, environment);
    return new CompletionsEmbeddings(provider, http.build(), dialect, m, batchSize, dimension);
  }

  /**
   * Builds the engine of a local server, which needs no key.
   *
   * @param modelExample a model name for the message when none was set
   * @throws IllegalStateException when no model was set
   */
  public CompletionsEmbeddings buildLocal(Dialect dialect, String modelExample) {
    return new CompletionsEmbeddings(
        provider, http.build(), dialect, requireModel(modelExample), batchSize, dimension);
  }

  private String requireModel(String modelExample) {
    String m = model;
    if (m == null) {
      throw new IllegalStateException(
          "set the embedding model, e.g. builder().model(\"" + modelExample + "\")");
    }
    return m;
  }
}
