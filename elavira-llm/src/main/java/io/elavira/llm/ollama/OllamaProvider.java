package io.elavira.llm.ollama;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.ModelCatalog;
import io.elavira.llm.TokenListener;
import io.elavira.llm.http.internal.ChatOptions;
import io.elavira.llm.http.internal.HttpSettings;
import io.elavira.llm.http.internal.HttpTransport;
import io.elavira.llm.http.internal.StreamAssembly;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A language model served by Ollama (a local server by default, or hosted Ollama with a key),
 * through {@code /api/chat}; {@code /api/tags} for {@link #health()} and {@link #models()}.
 *
 * <pre>{@code
 * try (OllamaProvider ollama = OllamaProvider.builder().model("llama3.2").build()) {
 *   ChatResponse r = ollama.chat(ChatRequest.of(List.of(ChatMessage.user("Bonjour !"))));
 * }
 * }</pre>
 *
 * <p>Lifecycle and threading: immutable and thread-safe; one instance serves concurrent calls over
 * one OkHttp client (its own, or the host's from {@link Builder#httpClient}), released by {@link
 * #close()}. Calls after close fail with {@link IllegalStateException}.
 *
 * <p>Errors: every failure is an {@link io.elavira.llm.LlmException}: HTTP 404 "model not found" is
 * {@code MODEL_NOT_FOUND}, 400 {@code INVALID_REQUEST}, 401/403 {@code AUTHENTICATION}, 429 {@code
 * RATE_LIMITED} (with the Retry-After delay), 503 {@code OVERLOADED}, other 5xx and refused
 * connections {@code UNAVAILABLE}, timeouts {@code TIMEOUT}; an error line or a broken connection
 * during a stream is {@code STREAM_INTERRUPTED} (an error line before the first token is {@code
 * UNAVAILABLE}); a cancelled stream is {@code CANCELLED}. Retriable failures before the answer
 * starts are retried ({@link Builder#maxRetries}). Messages name the model and the server (without
 * user info or key), never the prompt.
 *
 * <p>Reasoning: with {@link Builder#think(boolean)}, a thinking model's reasoning is returned in
 * {@link ChatResponse#thinking()} and never passed to the stream listener. Structured output: a
 * request's {@link io.elavira.llm.JsonSchema} is sent as Ollama's {@code format}.
 */
public final class OllamaProvider implements LlmProvider, ModelCatalog {
  /** The provider name used in answers, traces, errors and configuration files. */
  public static final String NAME = "ollama";

  /** Where Ollama listens by default (when {@code OLLAMA_HOST} is not set either). */
  public static final String DEFAULT_BASE_URL = "http://localhost:11434";

  /** Time to open a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = HttpSettings.DEFAULT_CONNECT_TIMEOUT;

  /**
   * The longest wait for a whole chat answer, and for each piece of a stream (the first piece
   * includes loading the model into memory, which can take a while on a small machine).
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = HttpSettings.DEFAULT_REQUEST_TIMEOUT;

  /** The longest a {@link #health()} check waits. */
  public static final Duration DEFAULT_HEALTH_TIMEOUT = HttpSettings.DEFAULT_HEALTH_TIMEOUT;

  /** The most bytes read for a whole answer or stream: 16 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = HttpSettings.DEFAULT_MAX_RESPONSE_BYTES;

  private final String model;
  private final HttpTransport http;
  private final OllamaMapping mapping;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OllamaProvider(Builder b, String model) {
    this.model = model;
    this.http = new HttpTransport(b.http.build());
    this.mapping =
        new OllamaMapping(
            http.json(),
            model,
            b.chat.temperature(),
            b.chat.maxOutputTokens(),
            b.numCtx,
            b.think,
            b.keepAlive == null ? null : b.keepAlive.toSeconds() + "s");
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
    return chat(request, new Cancellation());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Cancelling closes the HTTP call.
   */
  @Override
  public ChatResponse chat(ChatRequest request, Cancellation cancellation) {
    OllamaWire.ChatRequest body = wire(request, false);
    OllamaWire.ChatChunk chunk =
        http.postJson("api/chat", body, OllamaWire.ChatChunk.class, body.model(), cancellation);
    // Ollama may answer 200 with {"error": ...} when the model fails after the headers.
    if (chunk.error() != null) {
      throw http.errors()
          .failure(
              Kind.UNAVAILABLE,
              body.model(),
              "Ollama reported an error: " + OllamaMapping.clip(chunk.error()),
              null,
              null);
    }
    String thinking = chunk.thinking().isEmpty() ? null : chunk.thinking();
    return mapping.response(chunk, chunk.content(), thinking, body.model(), request);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Pieces with empty content (such as Ollama's final line) and reasoning are not passed to the
   * listener.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancellation, "cancellation");
    OllamaWire.ChatRequest body = wire(request, true);
    String m = body.model();
    StreamAssembly answer = new StreamAssembly(listener);
    OllamaWire.ChatChunk[] last = {null};
    http.streamLines(
        "api/chat",
        body,
        m,
        cancellation,
        answer::started,
        line -> {
          OllamaWire.ChatChunk chunk =
              http.parse(line, OllamaWire.ChatChunk.class, m, answer.started());
          if (chunk.error() != null) {
            boolean started = answer.started();
            throw http.errors()
                .failure(
                    started ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
                    m,
                    "Ollama reported an error "
                        + (started ? "mid-stream" : "before the first token")
                        + ": "
                        + OllamaMapping.clip(chunk.error()),
                    null,
                    null);
          }
          answer.thinking(chunk.thinking());
          answer.answer(chunk.content());
          if (chunk.done()) {
            last[0] = chunk;
          }
          return chunk.done();
        });
    OllamaWire.ChatChunk done = Objects.requireNonNull(last[0], "the final line");
    return mapping.response(done, answer.text(), answer.thinkingOrNull(), m, request);
  }

  /**
   * Asks Ollama for its local models ({@code GET /api/tags}) within the health timeout: up when it
   * answers and has the default model, down otherwise (with the reason). Never throws.
   */
  @Override
  public Health health() {
    if (closed.get()) {
      return Health.down("the Ollama provider for " + http.settings().where() + " is closed");
    }
    String where = http.settings().where();
    List<String> models;
    try {
      models = tags(true);
    } catch (RuntimeException e) {
      return Health.down(e.getMessage() == null ? "unreachable: " + where : e.getMessage());
    }
    String wanted = OllamaMapping.withTag(model);
    return models.stream().anyMatch(m -> wanted.equals(OllamaMapping.withTag(m)))
        ? Health.up("Ollama at " + where + " has model " + model)
        : Health.down(
            "model "
                + model
                + " is not pulled on Ollama at "
                + where
                + "; run `ollama pull "
                + model
                + "`");
  }

  /**
   * The models pulled on this Ollama ({@code GET /api/tags}), sorted.
   *
   * @throws io.elavira.llm.LlmException when Ollama cannot be asked
   */
  @Override
  public List<String> models() {
    ensureOpen();
    return tags(false);
  }

  private List<String> tags(boolean quick) {
    OllamaWire.Tags tags = http.getJson("api/tags", OllamaWire.Tags.class, model, quick);
    return tags.models() == null
        ? List.of()
        : tags.models().stream()
            .map(m -> m.name() != null ? m.name() : m.model())
            .filter(Objects::nonNull)
            .sorted()
            .toList();
  }

  /** Closes idle connections and stops OkHttp's dispatcher threads (unless the host owns them). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.close();
    }
  }

  @Override
  public String toString() {
    return "OllamaProvider[" + http.settings().where() + ", model=" + model + "]";
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException(
          "the Ollama provider for " + http.settings().where() + " is closed");
    }
  }

  private OllamaWire.ChatRequest wire(ChatRequest request, boolean stream) {
    Objects.requireNonNull(request, "request");
    ensureOpen();
    return mapping.request(request, stream);
  }

  /**
   * Configures an {@link OllamaProvider}. Setters validate at once and throw {@link
   * IllegalArgumentException} (or {@link NullPointerException} for a null) on a bad value, and
   * {@link IllegalStateException} when set twice. Not thread-safe.
   */
  public static final class Builder {
    private final HttpSettings.Builder http =
        HttpSettings.builder(NAME, "Ollama", DEFAULT_BASE_URL)
            .serverHint("is Ollama running (`ollama serve`)?")
            .modelHint("run `ollama pull %s` or choose another model");
    private final ChatOptions chat = new ChatOptions(2);
    private @Nullable Integer numCtx;
    private @Nullable Boolean think;
    private @Nullable Duration keepAlive;

    private Builder() {}

    /**
     * Ollama's address; default {@code OLLAMA_HOST} from the environment when set, else {@value
     * #DEFAULT_BASE_URL}.
     */
    public Builder baseUrl(String baseUrl) {
      http.baseUrl(baseUrl);
      return this;
    }

    /** The model used when a request names none, e.g. "llama3.2" or "mistral:7b". Required. */
    public Builder model(String model) {
      chat.model(model);
      return this;
    }

    /**
     * A bearer key for hosted Ollama or a proxy in front of it; default {@code OLLAMA_API_KEY} from
     * the environment when set. Never shown in messages or toString.
     */
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
    public Builder connectTimeout(Duration connectTimeout) {
      http.connectTimeout(connectTimeout);
      return this;
    }

    /** The longest wait for a whole answer, and for each piece of a stream; default 2 minutes. */
    public Builder requestTimeout(Duration requestTimeout) {
      http.requestTimeout(requestTimeout);
      return this;
    }

    /** The longest a health check or model listing waits, default 2 s. */
    public Builder healthTimeout(Duration healthTimeout) {
      http.healthTimeout(healthTimeout);
      return this;
    }

    /**
     * The most bytes read for a whole answer or a stream, default {@value
     * OllamaProvider#DEFAULT_MAX_RESPONSE_BYTES}; more fails the call instead of buffering it.
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      http.maxResponseBytes(maxResponseBytes);
      return this;
    }

    /** Retries of a retriable failure before the answer starts, default 2; 0 disables them. */
    public Builder maxRetries(int maxRetries) {
      http.maxRetries(maxRetries);
      return this;
    }

    /** The first backoff between tries (doubling, with jitter), default 500 ms. */
    public Builder retryBackoff(Duration retryBackoff) {
      http.retryBackoff(retryBackoff);
      return this;
    }

    /** Default sampling temperature in [0, 2]; unset leaves the model's own default. */
    public Builder temperature(double temperature) {
      chat.temperature(temperature);
      return this;
    }

    /** Default most tokens to generate (Ollama's {@code num_predict}); unset means no limit. */
    public Builder maxOutputTokens(int maxOutputTokens) {
      chat.maxOutputTokens(maxOutputTokens);
      return this;
    }

    /** The context window to load the model with (Ollama's {@code num_ctx}), at least 256. */
    public Builder numCtx(int numCtx) {
      if (numCtx < 256) {
        throw new IllegalArgumentException("numCtx must be >= 256, got " + numCtx);
      }
      this.numCtx = numCtx;
      return this;
    }

    /**
     * Whether a thinking model reasons before answering ({@code think}); its reasoning comes back
     * in {@link ChatResponse#thinking()}. Unset leaves the model's default.
     */
    public Builder think(boolean think) {
      this.think = think;
      return this;
    }

    /**
     * How long Ollama keeps the model loaded after a call ({@code keep_alive}); zero unloads it at
     * once. Unset leaves Ollama's default (5 minutes).
     */
    public Builder keepAlive(Duration keepAlive) {
      Objects.requireNonNull(keepAlive, "keepAlive");
      if (keepAlive.isNegative()) {
        throw new IllegalArgumentException("keepAlive must not be negative, got " + keepAlive);
      }
      this.keepAlive = keepAlive;
      return this;
    }

    /**
     * Builds the provider; opens no connection yet.
     *
     * @throws IllegalStateException when no model was set
     */
    public OllamaProvider build() {
      String model = chat.model();
      if (model == null) {
        throw new IllegalStateException("set the Ollama model, e.g. builder().model(\"llama3.2\")");
      }
      OllamaEnvironment.apply(http, System::getenv);
      return new OllamaProvider(this, model);
    }
  }
}
