package io.elavira.llm.openai;

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
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * OpenAI's Chat Completions API ({@code {base}/chat/completions}), or any server that speaks it
 * (vLLM, LM Studio, LocalAI...: set {@link Builder#baseUrl} and, to tell them apart in answers,
 * {@link Builder#name}).
 *
 * <pre>{@code
 * try (OpenAiProvider openai = OpenAiProvider.builder().model("gpt-4o-mini").build()) {
 *   ChatResponse r = openai.chat(ChatRequest.of(List.of(ChatMessage.user("Bonjour !"))));
 * }
 * }</pre>
 *
 * <p>The key: {@link Builder#apiKey}, or {@code OPENAI_API_KEY} from the environment, which is only
 * ever sent to OpenAI's own host ({@value #DEFAULT_BASE_URL}): a compatible server elsewhere gets a
 * key only when one is given explicitly. The key never appears in messages or toString.
 *
 * <p>Lifecycle and threading: immutable and thread-safe; one OkHttp client (its own or the host's)
 * released by {@link #close()}. Streaming asks for the usage ({@code
 * stream_options.include_usage}). A request's {@link io.elavira.llm.JsonSchema} is sent as {@code
 * response_format} json_schema.
 *
 * <p>Errors: {@link io.elavira.llm.LlmException}: 401/403 {@code AUTHENTICATION}, 400 {@code
 * INVALID_REQUEST} (or {@code CONTEXT_TOO_LONG} for {@code context_length_exceeded}), 404 {@code
 * MODEL_NOT_FOUND}, 429 {@code RATE_LIMITED} with {@code retry-after}, 503 {@code OVERLOADED},
 * other 5xx and refused connections {@code UNAVAILABLE}, timeouts {@code TIMEOUT}, a stream broken
 * after its first token {@code STREAM_INTERRUPTED}, cancellation {@code CANCELLED}.
 */
public final class OpenAiProvider implements LlmProvider, ModelCatalog {
  /** The provider name in answers, errors and configuration files. */
  public static final String NAME = "openai";

  /** OpenAI's API, as its official SDKs address it. */
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

  /** The environment variable read for the key (sent to OpenAI's host only). */
  public static final String API_KEY_ENV = "OPENAI_API_KEY";

  private static final Pattern NAME_SHAPE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,39}");

  private final String name;
  private final String model;
  private final CompletionsClient client;

  private OpenAiProvider(Builder b, String model, HttpSettings settings) {
    this.name = b.name;
    this.model = model;
    boolean official = isOfficial(settings.baseUrl());
    Dialect dialect =
        new Dialect(
            "chat/completions",
            "models",
            "embeddings",
            "seed",
            official ? "max_completion_tokens" : "max_tokens",
            true,
            false,
            body -> {});
    this.client =
        new CompletionsClient(
            name,
            new ChatCompletions(
                new HttpTransport(settings),
                dialect,
                model,
                b.chat.temperature(),
                b.chat.maxOutputTokens()));
  }

  static boolean isOfficial(HttpUrl url) {
    return url.host().equals(HttpUrl.get(DEFAULT_BASE_URL).host());
  }

  /** A builder; {@link Builder#model(String)} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** "openai", or the name given for a compatible server. */
  @Override
  public String name() {
    return name;
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
   * The models the server lists ({@code GET /models}), sorted.
   *
   * @throws io.elavira.llm.LlmException when the server cannot be asked
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
    return "OpenAiProvider[" + name + ", " + client.where() + ", model=" + model + "]";
  }

  /**
   * Configures an {@link OpenAiProvider}. Setters validate at once ({@link
   * IllegalArgumentException}) and reject a second call ({@link IllegalStateException}). Not
   * thread-safe.
   */
  public static final class Builder {
    private final HttpSettings.Builder http =
        HttpSettings.builder(NAME, "OpenAI", DEFAULT_BASE_URL)
            .serverHint("check baseUrl and that the server is running");
    private String name = NAME;
    private final ChatOptions chat = new ChatOptions(2);
    private boolean organizationSet;
    private boolean projectSet;

    private Builder() {}

    /**
     * The provider's name in answers and errors, for a compatible server ("vllm", "lmstudio");
     * default {@value OpenAiProvider#NAME}.
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME_SHAPE.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "a provider name is lower-case letters, digits, '.', '_' or '-', got '" + name + "'");
      }
      this.name = name;
      http.provider(name, NAME.equals(name) ? "OpenAI" : name);
      return this;
    }

    /** The API's base URL, default {@value OpenAiProvider#DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      http.baseUrl(baseUrl);
      return this;
    }

    /** The model when a request names none, e.g. "gpt-4o-mini". Required. */
    public Builder model(String model) {
      chat.model(model);
      return this;
    }

    /** The API key (default {@code OPENAI_API_KEY}, for OpenAI's host only). */
    public Builder apiKey(String apiKey) {
      http.apiKey(apiKey);
      return this;
    }

    /** The {@code OpenAI-Organization} header. */
    public Builder organization(String organization) {
      if (organizationSet) {
        throw new IllegalStateException("organization was already set");
      }
      http.header("OpenAI-Organization", Objects.requireNonNull(organization, "organization"));
      organizationSet = true;
      return this;
    }

    /** The {@code OpenAI-Project} header. */
    public Builder project(String project) {
      if (projectSet) {
        throw new IllegalStateException("project was already set");
      }
      http.header("OpenAI-Project", Objects.requireNonNull(project, "project"));
      projectSet = true;
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

    /** The most bytes read for one answer or stream, default 16 MiB. */
    public Builder maxResponseBytes(long bytes) {
      http.maxResponseBytes(bytes);
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

    /** The longest retry-after honoured by waiting, default 10 s. */
    public Builder maxRetryAfter(Duration max) {
      http.maxRetryAfter(max);
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
     * @throws IllegalStateException when no model was set, or OpenAI's own API has no key
     */
    public OpenAiProvider build() {
      String model = chat.requireModel("gpt-4o-mini");
      http.officialKeyFrom("OpenAI", API_KEY_ENV, chat.environment());
      return new OpenAiProvider(this, model, http.build());
    }
  }
}
