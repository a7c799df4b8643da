package io.elavira.llm.llamacpp;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
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
import java.util.Map;
import java.util.Objects;
import okhttp3.OkHttpClient;

/**
 * A model served by llama.cpp's {@code llama-server} ({@code {base}/v1/chat/completions}, base
 * {@value #DEFAULT_BASE_URL}): OpenAI-like requests, SSE ending with {@code data: [DONE]}, the
 * model's reasoning ({@code reasoning_content}) kept apart in {@link ChatResponse#thinking()}, and
 * a {@link io.elavira.llm.JsonSchema} sent as {@code response_format} (grammar-constrained).
 *
 * <pre>{@code
 * try (LlamaCppProvider llama = LlamaCppProvider.builder().build()) {
 *   llama.awaitReady(Duration.ofMinutes(1)); // the server answers 503 while it loads the model
 *   ChatResponse r = llama.chat(ChatRequest.of(List.of(ChatMessage.user("Bonjour !"))));
 * }
 * }</pre>
 *
 * <p>The server serves one model, so {@link #defaultModel()} is only a label unless set. Immutable
 * and thread-safe; one OkHttp client released by {@link #close()}. Errors as for {@link
 * io.elavira.llm.openai.OpenAiProvider}; HTTP 503 ("Loading model") is {@code OVERLOADED}.
 */
public final class LlamaCppProvider implements LlmProvider, ModelCatalog {
  /** The provider name in answers, errors and configuration files. */
  public static final String NAME = "llamacpp";

  /** Where llama-server listens by default. */
  public static final String DEFAULT_BASE_URL = "http://localhost:8080";

  /** The model label when none is set: llama-server answers with whatever model it loaded. */
  public static final String DEFAULT_MODEL = "default";

  /** Pause between two {@code /health} probes while waiting for the model to load. */
  static final Duration READY_POLL = Duration.ofMillis(100);

  private final String model;
  private final CompletionsClient client;

  private LlamaCppProvider(Builder b, HttpSettings settings) {
    String chosen = b.chat.model();
    this.model = chosen == null ? DEFAULT_MODEL : chosen;
    Dialect dialect =
        new Dialect(
            "v1/chat/completions",
            "v1/models",
            "v1/embeddings",
            "seed",
            "max_tokens",
            true,
            true,
            body -> {});
    this.client =
        new CompletionsClient(
            "llama.cpp",
            new ChatCompletions(
                new HttpTransport(settings),
                dialect,
                model,
                b.chat.temperature(),
                b.chat.maxOutputTokens()));
  }

  /** A builder; every setting has a default. */
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

  /**
   * Asks {@code GET /health} within the health timeout: up on 200, down while the model loads (503)
   * or when the server cannot be reached. Never throws.
   */
  @Override
  public Health health() {
    String where = client.where();
    if (client.isClosed()) {
      return Health.down(client.closedMessage());
    }
    Map.Entry<Integer, String> seen = client.engine().http().probe("health");
    int status = seen.getKey();
    if (status == 200) {
      return Health.up("llama.cpp at " + where + " is ready");
    }
    if (status == 503) {
      return Health.down("llama.cpp at " + where + " is still loading its model (HTTP 503)");
    }
    if (status < 0) {
      return Health.down(seen.getValue() + "; is llama-server running?");
    }
    return Health.down("HTTP " + status + " from llama.cpp at " + where);
  }

  /**
   * Waits until the server has loaded its model ({@code /health} answers 200), at most {@code max}.
   *
   * @throws LlmException of kind {@code UNAVAILABLE} naming what was last seen (still loading, or
   *     unreachable) when {@code max} passes first, or {@code CANCELLED} when interrupted
   */
  public void awaitReady(Duration max) {
    Objects.requireNonNull(max, "max");
    client.ensureOpen();
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      Health h = health();
      if (h.available()) {
        return;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw client
            .engine()
            .http()
            .errors()
            .failure(
                Kind.UNAVAILABLE,
                model,
                "not ready after " + max.toMillis() + " ms: " + h.detail(),
                null,
                null);
      }
      try {
        Thread.sleep(READY_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw client
            .engine()
            .http()
            .errors()
            .failure(Kind.CANCELLED, model, "interrupted while waiting for the model", null, e);
      }
    }
  }

  /**
   * The models the server lists ({@code GET /v1/models}).
   *
   * @throws LlmException when the server cannot be asked
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
    return "LlamaCppProvider[" + client.where() + ", model=" + model + "]";
  }

  /**
   * Configures a {@link LlamaCppProvider}. Setters validate at once ({@link
   * IllegalArgumentException}) and reject a second call ({@link IllegalStateException}). Not
   * thread-safe.
   */
  public static final class Builder {
    private final HttpSettings.Builder http =
        HttpSettings.builder(NAME, "llama.cpp", DEFAULT_BASE_URL)
            .serverHint("is llama-server running?");
    private final ChatOptions chat = new ChatOptions(2);

    private Builder() {}

    /** The server's address, default {@value LlamaCppProvider#DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      http.baseUrl(baseUrl);
      return this;
    }

    /** The model label sent and reported, default {@value LlamaCppProvider#DEFAULT_MODEL}. */
    public Builder model(String model) {
      chat.model(model);
      return this;
    }

    /** The key the server was started with ({@code --api-key}), if any. */
    public Builder apiKey(String apiKey) {
      http.apiKey(apiKey);
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

    /** Builds the provider; opens no connection yet. */
    public LlamaCppProvider build() {
      return new LlamaCppProvider(this, http.build());
    }
  }
}
