package io.elavira.llm.mistral;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.ModelCatalog;
import io.elavira.llm.TokenListener;
import io.elavira.llm.http.internal.ChatOptions;
import io.elavira.llm.http.internal.HttpSettings;
import io.elavira.llm.http.internal.HttpTransport;
import io.elavira.llm.openai.internal.ChatCompletions;
import io.elavira.llm.openai.internal.CompletionsClient;
import io.elavira.llm.openai.internal.Dialect;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Mistral AI's chat API ({@code {base}/chat/completions}, base {@value #DEFAULT_BASE_URL}):
 * OpenAI-like requests and data-only SSE ending with {@code [DONE]}, plus {@code safe_prompt}; a
 * request's seed is sent as {@code random_seed} and a {@link io.elavira.llm.JsonSchema} as {@code
 * response_format} json_schema.
 *
 * <pre>{@code
 * try (MistralProvider mistral = MistralProvider.builder().model("mistral-small-latest").build()) {
 *   ChatResponse r = mistral.chat(ChatRequest.of(List.of(ChatMessage.user("Bonjour !"))));
 * }
 * }</pre>
 *
 * <p>The key: {@link Builder#apiKey}, or {@code MISTRAL_API_KEY} from the environment, sent only to
 * Mistral's host; never shown in messages or toString. Immutable and thread-safe; one OkHttp client
 * released by {@link #close()}. Errors as for {@link io.elavira.llm.openai.OpenAiProvider}.
 */
public final class MistralProvider implements LlmProvider, ModelCatalog {
  /** The provider name in answers, errors and configuration files. */
  public static final String NAME = "mistral";

  /** Mistral's API, as its official SDKs address it. */
  public static final String DEFAULT_BASE_URL = "https://api.mistral.ai/v1";

  /** The environment variable read for the key (sent to Mistral's host only). */
  public static final String API_KEY_ENV = "MISTRAL_API_KEY";

  private final String model;
  private final CompletionsClient client;

  private MistralProvider(Builder b, String model, HttpSettings settings) {
    this.model = model;
    boolean safePrompt = b.safePrompt;
    Dialect dialect =
        new Dialect(
            "chat/completions",
            "models",
            "embeddings",
            "random_seed",
            "max_tokens",
            false,
            false,
            body -> {
              if (safePrompt) {
                body.put("safe_prompt", true);
              }
            });
    this.client =
        new CompletionsClient(
            "Mistral",
            new ChatCompletions(
                new HttpTransport(settings),
                dialect,
                model,
                b.chat.temperature(),
                b.chat.maxOutputTokens()));
  }

  /** A builder; {@link Builder#model(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String defaultModel() {
    return model;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public ChatResponse chat(ChatRequest request) {
    return client.chat(request);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Cancelling closes the HTTP call.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public ChatResponse chat(ChatRequest request, Cancellation cancellation) {
    return client.chat(request, cancellation);
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    return client.stream(request, listener, cancellation);
  }

  /** Lists the models ({@code GET /models}) within the health timeout; never throws. */
  @Override
  public Health health() {
    return client.listingHealth();
  }

  /**
   * The models Mistral lists ({@code GET /models}), sorted.
   *
   * @throws io.elavira.llm.LlmException when Mistral cannot be asked
   */
  @Override
  public List<String> models() {
    return client.models();
  }

  /** Releases the HTTP client (unless the host owns it). Idempotent. */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "MistralProvider[" + client.where() + ", model=" + model + "]";
  }

  /**
   * Configures a {@link MistralProvider}. Setters validate at once ({@link
   * IllegalArgumentException}) and reject a second call ({@link IllegalStateException}). Not
   * thread-safe.
   */
  public static final class Builder {
    private final HttpSettings.Builder http =
        HttpSettings.builder(NAME, "Mistral", DEFAULT_BASE_URL)
            .serverHint("check baseUrl and the network");
    private final ChatOptions chat = new ChatOptions(2);
    private boolean safePrompt;

    private Builder() {}

    /** The API's base URL, default {@value MistralProvider#DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      http.baseUrl(baseUrl);
      return this;
    }

    /** The model when a request names none, e.g. "mistral-small-latest". Required. */
    public Builder model(String model) {
      chat.model(model);
      return this;
    }

    /** The API key (default {@code MISTRAL_API_KEY}, for Mistral's host only). */
    public Builder apiKey(String apiKey) {
      http.apiKey(apiKey);
      return this;
    }

    /** Whether Mistral prepends its safety prompt ({@code safe_prompt}); default false. */
    public Builder safePrompt(boolean safePrompt) {
      this.safePrompt = safePrompt;
      return this;
    }

    /** The host's OkHttp client, to share its connection pool and threads. */
    public Builder httpClient(OkHttpClient client) {
      http.httpClient(client);
      return this;
    }

    /** Time to open a connection, default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      http.connectTimeout(timeout);
      return this;
    }

    /** The longest wait for a whole answer, and for each piece of a stream; default 2 min. */
    public Builder requestTimeout(Duration timeout) {
      http.requestTimeout(timeout);
      return this;
    }

    /** The longest a health check or model listing waits, default 2 s. */
    public Builder healthTimeout(Duration timeout) {
      http.healthTimeout(timeout);
      return this;
    }

    /** Retries of a retriable failure before the answer starts, default 2. */
    public Builder maxRetries(int retries) {
      http.maxRetries(retries);
      return this;
    }

    /** The first backoff between tries (doubling, with jitter), default 500 ms. */
    public Builder retryBackoff(Duration backoff) {
      http.retryBackoff(backoff);
      return this;
    }

    /** Default temperature in [0, 2]. */
    public Builder temperature(double temperature) {
      chat.temperature(temperature);
      return this;
    }

    /** Default output limit, at least 1. */
    public Builder maxOutputTokens(int max) {
      chat.maxOutputTokens(max);
      return this;
    }

    /** Where environment variables are read (tests; a host with its own secret store). */
    public Builder environment(Function<String, @Nullable String> environment) {
      chat.environment(environment);
      return this;
    }

    /**
     * Builds the provider; opens no connection yet.
     *
     * @throws IllegalStateException when no model was set, or Mistral's own API has no key
     */
    public MistralProvider build() {
      String model = chat.requireModel("mistral-small-latest");
      http.officialKeyFrom("Mistral", API_KEY_ENV, chat.environment());
      return new MistralProvider(this, model, http.build());
    }
  }
}
