package io.elavira.llm.ollama;

import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.TokenListener;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;

/**
 * A language model served by Ollama (a local server by default), through its {@code /api/chat}
 * endpoint.
 *
 * <pre>{@code
 * try (OllamaProvider ollama = OllamaProvider.builder().model("llama3.2").build()) {
 *   ChatResponse r = ollama.chat(ChatRequest.of(List.of(ChatMessage.user("Bonjour !"))));
 * }
 * }</pre>
 *
 * <p>Lifecycle and threading: immutable and thread-safe; one instance serves concurrent calls over
 * its own connection pool, released by {@link #close()}. Calls after close fail with {@link
 * IllegalStateException}.
 *
 * <p>Errors: every failure is an {@link io.elavira.llm.LlmException}: HTTP 404 "model not found" is
 * {@code MODEL_NOT_FOUND}, 400 {@code INVALID_REQUEST}, 429 {@code RATE_LIMITED} (with the
 * Retry-After delay), 503 {@code OVERLOADED}, other 5xx and refused connections {@code
 * UNAVAILABLE}, timeouts {@code TIMEOUT}; an error line or a broken connection during a stream is
 * {@code STREAM_INTERRUPTED}; a cancelled stream is {@code CANCELLED}. Messages name the model and
 * the server (without any user name or password written in the URL), never the prompt. A thread
 * interrupted during a call gets {@code CANCELLED} and keeps its interrupt status.
 *
 * <p>Timeouts: {@code connectTimeout} to open a connection; {@code requestTimeout} for a whole
 * {@link #chat} answer, and for each read of a {@link #stream}, so a stalled stream fails within it
 * while a long answer that keeps coming is never cut.
 */
public final class OllamaProvider implements LlmProvider {
  /** The provider name used in answers, traces and errors. */
  public static final String NAME = "ollama";

  /** Where Ollama listens by default. */
  public static final String DEFAULT_BASE_URL = "http://localhost:11434";

  /** Time to open a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The longest wait for a whole chat answer, and for each piece of a stream (the first piece
   * includes loading the model into memory, which can take a while on a small machine).
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

  /** The longest a {@link #health()} check waits. */
  public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);

  /**
   * The most bytes read for a whole chat answer, and for one line of a stream: a broken or hostile
   * server cannot make the host run out of memory. 16 MiB.
   */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  private final String model;
  private final Double temperature;
  private final Integer maxOutputTokens;
  private final String keepAlive;

  /** For messages and toString: the base URL without user info. */
  private final String baseUrl;

  private final OllamaClient client;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OllamaProvider(Builder b, HttpUrl url) {
    this.model = b.model;
    this.temperature = b.temperature;
    this.maxOutputTokens = b.maxOutputTokens;
    this.keepAlive = b.keepAlive == null ? null : b.keepAlive.toSeconds() + "s";
    this.baseUrl = OllamaClient.display(url);
    this.client =
        new OllamaClient(
            url, b.connectTimeout, b.requestTimeout, b.healthTimeout, b.maxResponseBytes);
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
    return client.chat(wire(request, false));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Pieces with empty content (such as Ollama's final line) are not passed to the listener.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancellation, "cancellation");
    return client.stream(wire(request, true), listener, cancellation);
  }

  /**
   * Asks Ollama for its local models ({@code GET /api/tags}) within the health timeout: up when it
   * answers and has the default model, down otherwise (with the reason). Never throws.
   */
  @Override
  public Health health() {
    if (closed.get()) {
      return Health.down("the Ollama provider for " + baseUrl + " is closed");
    }
    return client.health(model);
  }

  /** Closes idle connections and stops OkHttp's dispatcher threads. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "OllamaProvider[" + baseUrl + ", model=" + model + "]";
  }

  private OllamaWire.ChatRequest wire(ChatRequest request, boolean stream) {
    Objects.requireNonNull(request, "request");
    if (closed.get()) {
      throw new IllegalStateException("the Ollama provider for " + baseUrl + " is closed");
    }
    List<OllamaWire.Message> messages =
        request.messages().stream().map(m -> new OllamaWire.Message(role(m), m.content())).toList();
    Double t = request.temperature() != null ? request.temperature() : temperature;
    Integer max = request.maxOutputTokens() != null ? request.maxOutputTokens() : maxOutputTokens;
    OllamaWire.Options options = t == null && max == null ? null : new OllamaWire.Options(t, max);
    String m = request.model() != null ? request.model() : model;
    return new OllamaWire.ChatRequest(m, messages, stream, options, keepAlive);
  }

  private static String role(ChatMessage message) {
    return message.role().name().toLowerCase(Locale.ROOT);
  }

  /**
   * Configures an {@link OllamaProvider}. Setters validate at once and throw {@link
   * IllegalArgumentException} (or {@link NullPointerException} for a null) on a bad value. Not
   * thread-safe.
   */
  public static final class Builder {
    private String baseUrl = DEFAULT_BASE_URL;
    private String model;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
    private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
    private Double temperature;
    private Integer maxOutputTokens;
    private Duration keepAlive;

    private Builder() {}

    /** Ollama's address, default {@value #DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      if (HttpUrl.parse(baseUrl) == null) {
        // Mask user info: a password must not leak even from a URL that does not parse.
        throw new IllegalArgumentException(
            "baseUrl is not an http(s) URL: " + baseUrl.replaceAll("//[^/?#]*@", "//***@"));
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /** The model used when a request names none, e.g. "llama3.2" or "mistral:7b". Required. */
    public Builder model(String model) {
      Objects.requireNonNull(model, "model");
      if (model.isBlank()) {
        throw new IllegalArgumentException("model must not be blank");
      }
      this.model = model;
      return this;
    }

    /** Time to open a connection, default 5 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * The longest wait for a whole chat answer, and for each piece of a streamed one; default 2
     * minutes.
     */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /** The longest a health check waits, default 2 s. */
    public Builder healthTimeout(Duration healthTimeout) {
      this.healthTimeout = positive(healthTimeout, "healthTimeout");
      return this;
    }

    /**
     * The most bytes read for a whole chat answer and for one line of a stream, default {@value
     * OllamaProvider#DEFAULT_MAX_RESPONSE_BYTES}; more fails the call with kind {@link
     * io.elavira.llm.LlmException.Kind#UNAVAILABLE} (or {@link
     * io.elavira.llm.LlmException.Kind#STREAM_INTERRUPTED} after the first token) instead of
     * buffering it.
     *
     * @throws IllegalArgumentException when not positive
     */
    public Builder maxResponseBytes(long maxResponseBytes) {
      if (maxResponseBytes <= 0) {
        throw new IllegalArgumentException("maxResponseBytes must be > 0, got " + maxResponseBytes);
      }
      this.maxResponseBytes = maxResponseBytes;
      return this;
    }

    /** Default sampling temperature in [0, 2]; unset leaves the model's own default. */
    public Builder temperature(double temperature) {
      if (!(temperature >= 0 && temperature <= 2)) {
        throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
      }
      this.temperature = temperature;
      return this;
    }

    /** Default most tokens to generate (Ollama's {@code num_predict}); unset means no limit. */
    public Builder maxOutputTokens(int maxOutputTokens) {
      if (maxOutputTokens < 1) {
        throw new IllegalArgumentException("maxOutputTokens must be >= 1, got " + maxOutputTokens);
      }
      this.maxOutputTokens = maxOutputTokens;
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
      if (model == null) {
        throw new IllegalStateException("set the Ollama model, e.g. builder().model(\"llama3.2\")");
      }
      String withSlash = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
      return new OllamaProvider(this, HttpUrl.get(withSlash));
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
