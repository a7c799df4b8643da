package io.elavira.llm.claude;

import com.fasterxml.jackson.databind.JsonNode;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatMessage;
import io.elavira.llm.ChatRequest;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.LlmProvider;
import io.elavira.llm.ModelCatalog;
import io.elavira.llm.Role;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import io.elavira.llm.http.internal.ChatOptions;
import io.elavira.llm.http.internal.HttpSettings;
import io.elavira.llm.http.internal.HttpTransport;
import io.elavira.llm.http.internal.StreamAssembly;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Anthropic's Claude through the Messages API ({@code {base}/v1/messages}, base {@value
 * #DEFAULT_BASE_URL}): system messages become the top-level {@code system} field; SSE events
 * (message_start, content_block_start/delta/stop, message_delta, message_stop, ping, error) are
 * read as the API documents them; thinking is kept apart in {@link ChatResponse#thinking()}.
 *
 * <pre>{@code
 * try (ClaudeProvider claude = ClaudeProvider.builder().model("claude-sonnet-4-5").build()) {
 *   ChatResponse r = claude.chat(ChatRequest.of(List.of(ChatMessage.user("Bonjour !"))));
 * }
 * }</pre>
 *
 * <p>The key: {@link Builder#apiKey}, or {@code ANTHROPIC_API_KEY} from the environment, sent as
 * {@code x-api-key} to Anthropic's host only (a proxy elsewhere gets a key only when given one);
 * never shown in messages or toString. Immutable and thread-safe; one OkHttp client released by
 * {@link #close()}.
 *
 * <p>Errors: {@link io.elavira.llm.LlmException}; {@code overloaded_error} (HTTP 529, or as an
 * event before the first token) is {@code OVERLOADED}, an error event after it {@code
 * STREAM_INTERRUPTED}. The Messages API takes no JSON schema and no seed here: a request with a
 * {@link io.elavira.llm.JsonSchema} fails with {@code INVALID_REQUEST} saying so, before any call;
 * a seed is ignored.
 */
public final class ClaudeProvider implements LlmProvider, ModelCatalog {
  /** The provider name in answers, errors and configuration files. */
  public static final String NAME = "claude";

  /** Anthropic's API, as its official SDKs address it. */
  public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

  /** The environment variable read for the key (sent to Anthropic's host only). */
  public static final String API_KEY_ENV = "ANTHROPIC_API_KEY";

  /** The {@code anthropic-version} header sent. */
  public static final String API_VERSION = "2023-06-01";

  /** The output limit when neither the request nor the builder sets one (the API requires one). */
  public static final int DEFAULT_MAX_OUTPUT_TOKENS = 1024;

  private final String model;
  private final @Nullable Double temperature;
  private final int maxOutputTokens;
  private final HttpTransport http;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ClaudeProvider(Builder b, String model, HttpSettings settings) {
    this.model = model;
    this.temperature = b.chat.temperature();
    Integer max = b.chat.maxOutputTokens();
    this.maxOutputTokens = max == null ? DEFAULT_MAX_OUTPUT_TOKENS : max;
    this.http = new HttpTransport(settings);
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
    ClaudeWire.Request body = wire(request, false);
    ClaudeWire.Response r =
        http.postJson("v1/messages", body, ClaudeWire.Response.class, body.model(), cancellation);
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    String answeredBy = r.model() == null ? body.model() : r.model();
    for (JsonNode block : r.content() == null ? List.<JsonNode>of() : r.content()) {
      switch (block.path("type").asText()) {
        case "text" -> text.append(block.path("text").asText());
        case "thinking" -> thinking.append(block.path("thinking").asText());
        case "fallback" -> answeredBy = block.path("to").path("model").asText(answeredBy);
        default -> {
          // tool use and newer block types are not part of the answer text
        }
      }
    }
    ClaudeWire.Usage u = r.usage();
    TokenUsage usage =
        u == null
            ? TokenUsage.NONE
            : new TokenUsage(
                u.inputTokens() == null ? 0 : u.inputTokens(),
                u.outputTokens() == null ? 0 : u.outputTokens());
    ChatResponse.Builder b = ChatResponse.builder(text.toString(), answeredBy, usage);
    if (r.stopReason() != null) {
      b.finishReason(r.stopReason());
    }
    if (thinking.length() > 0) {
      b.thinking(thinking.toString());
    }
    return b.build();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public ChatResponse stream(
      ChatRequest request, TokenListener listener, Cancellation cancellation) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(cancellation, "cancellation");
    ClaudeWire.Request body = wire(request, true);
    StreamAssembly answer = new StreamAssembly(listener);
    ClaudeEvents events = new ClaudeEvents(http, body.model(), answer);
    http.streamSse(
        "v1/messages", body, body.model(), cancellation, answer::started, events::onEvent);
    return events.response().build();
  }

  /** Lists the models ({@code GET /v1/models}) within the health timeout; never throws. */
  @Override
  public Health health() {
    String where = http.settings().where();
    if (closed.get()) {
      return Health.down("the Claude provider for " + where + " is closed");
    }
    try {
      return Health.up("Claude at " + where + " serves " + list(true).size() + " models");
    } catch (RuntimeException e) {
      return Health.down(e.getMessage() == null ? "unreachable: " + where : e.getMessage());
    }
  }

  /**
   * The models Anthropic lists ({@code GET /v1/models}), sorted.
   *
   * @throws io.elavira.llm.LlmException when the API cannot be asked
   */
  @Override
  public List<String> models() {
    ensureOpen();
    return list(false);
  }

  private List<String> list(boolean quick) {
    ClaudeWire.Models m = http.getJson("v1/models", ClaudeWire.Models.class, model, quick);
    return m.data() == null
        ? List.of()
        : m.data().stream().map(ClaudeWire.Model::id).filter(Objects::nonNull).sorted().toList();
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
    return "ClaudeProvider[" + http.settings().where() + ", model=" + model + "]";
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException(
          "the Claude provider for " + http.settings().where() + " is closed");
    }
  }

  private ClaudeWire.Request wire(ChatRequest request, boolean stream) {
    Objects.requireNonNull(request, "request");
    ensureOpen();
    String m = request.model() != null ? request.model() : model;
    if (request.jsonSchema() != null) {
      throw http.errors()
          .failure(
              Kind.INVALID_REQUEST,
              m,
              "Claude's Messages API takes no JSON schema (structured output) here; ask for JSON in"
                  + " the prompt, or use a provider that enforces schemas (openai, mistral,"
                  + " ollama, llamacpp)",
              null,
              null);
    }
    List<String> system = new ArrayList<>();
    List<ClaudeWire.Message> messages = new ArrayList<>();
    for (ChatMessage message : request.messages()) {
      if (message.role() == Role.SYSTEM) {
        system.add(message.content());
      } else {
        messages.add(
            new ClaudeWire.Message(
                message.role().name().toLowerCase(Locale.ROOT), message.content()));
      }
    }
    if (messages.isEmpty()) {
      throw http.errors()
          .failure(
              Kind.INVALID_REQUEST,
              m,
              "Claude needs at least one user message besides the system prompt",
              null,
              null);
    }
    return new ClaudeWire.Request(
        m,
        request.maxOutputTokens() != null ? request.maxOutputTokens() : maxOutputTokens,
        system.isEmpty() ? null : String.join("\n\n", system),
        messages,
        request.temperature() != null
            ? Double.valueOf(Math.min(1.0, request.temperature()))
            : temperature,
        request.stopSequences().isEmpty() ? null : request.stopSequences(),
        stream);
  }

  /**
   * Configures a {@link ClaudeProvider}. Setters validate at once ({@link
   * IllegalArgumentException}) and reject a second call ({@link IllegalStateException}). Not
   * thread-safe.
   */
  public static final class Builder {
    private final HttpSettings.Builder http =
        HttpSettings.builder(NAME, "Claude", DEFAULT_BASE_URL)
            .serverHint("check baseUrl and the network")
            .apiKeyHeader("x-api-key", "")
            .header("anthropic-version", API_VERSION);
    private final ChatOptions chat = new ChatOptions(1);

    private Builder() {}

    /** The API's base URL, default {@value ClaudeProvider#DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      http.baseUrl(baseUrl);
      return this;
    }

    /** The model when a request names none, e.g. "claude-sonnet-4-5". Required. */
    public Builder model(String model) {
      chat.model(model);
      return this;
    }

    /** The API key (default {@code ANTHROPIC_API_KEY}, for Anthropic's host only). */
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

    /** Default temperature in [0, 1] (the API's range; a request's higher value is capped). */
    public Builder temperature(double temperature) {
      chat.temperature(temperature);
      return this;
    }

    /**
     * The output limit the API requires, default {@value ClaudeProvider#DEFAULT_MAX_OUTPUT_TOKENS}.
     */
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
     * @throws IllegalStateException when no model was set, or Anthropic's own API has no key
     */
    public ClaudeProvider build() {
      String model = chat.requireModel("claude-sonnet-4-5");
      http.officialKeyFrom("Claude", API_KEY_ENV, chat.environment());
      return new ClaudeProvider(this, model, http.build());
    }
  }
}
