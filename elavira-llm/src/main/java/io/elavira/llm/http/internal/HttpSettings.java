package io.elavira.llm.http.internal;

import io.elavira.guard.SecretMasker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The transport settings of one provider configuration, with their defaults in one place. Provider
 * builders delegate their common setters to {@link Builder}, which validates at once and rejects an
 * option set twice. Not API.
 */
public final class HttpSettings {
  /** Time to open a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /**
   * The longest wait for a whole non-streamed answer, and for each read of a stream (so a stalled
   * stream fails while a long answer that keeps coming is never cut).
   */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

  /** The longest a health check or a model listing waits. */
  public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(2);

  /** The most bytes read for one answer or one stream: 16 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  /** Retries after a retriable failure before the first byte of an answer (not counting it). */
  public static final int DEFAULT_MAX_RETRIES = 2;

  /** The first backoff; it doubles with each retry, with ±50 % jitter. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);

  /** The longest backoff between two tries. */
  public static final Duration MAX_RETRY_BACKOFF = Duration.ofSeconds(8);

  /**
   * The longest {@code retry-after} honoured by waiting; a longer one fails at once with the delay
   * in {@link io.elavira.llm.LlmException#retryAfter()}, for a fallback chain to move on.
   */
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(10);

  final String provider;
  final String productName;
  final HttpUrl baseUrl;
  final Duration connectTimeout;
  final Duration requestTimeout;
  final Duration healthTimeout;
  final long maxResponseBytes;
  final int maxRetries;
  final Duration retryBackoff;
  final Duration maxRetryAfter;
  final @Nullable OkHttpClient sharedClient;
  final @Nullable ApiKey apiKey;
  final String apiKeyHeader;
  final String apiKeyPrefix;
  final Map<String, String> headers;
  final String serverHint;
  final String modelHint;

  private HttpSettings(Builder b, HttpUrl baseUrl) {
    this.provider = b.provider;
    this.productName = b.productName;
    this.baseUrl = baseUrl;
    this.connectTimeout = or(b.connectTimeout, DEFAULT_CONNECT_TIMEOUT);
    this.requestTimeout = or(b.requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    this.healthTimeout = or(b.healthTimeout, DEFAULT_HEALTH_TIMEOUT);
    this.maxResponseBytes =
        b.maxResponseBytes == null ? DEFAULT_MAX_RESPONSE_BYTES : b.maxResponseBytes;
    this.maxRetries = b.maxRetries == null ? DEFAULT_MAX_RETRIES : b.maxRetries;
    this.retryBackoff = or(b.retryBackoff, DEFAULT_RETRY_BACKOFF);
    this.maxRetryAfter = or(b.maxRetryAfter, DEFAULT_MAX_RETRY_AFTER);
    this.sharedClient = b.httpClient;
    this.apiKey = b.apiKey;
    this.apiKeyHeader = b.apiKeyHeader;
    this.apiKeyPrefix = b.apiKeyPrefix;
    this.headers = Map.copyOf(b.headers);
    this.serverHint = b.serverHint;
    this.modelHint = b.modelHint;
  }

  private static Duration or(@Nullable Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }

  /** The base URL without user info, for messages and toString. */
  public String where() {
    return display(baseUrl);
  }

  /** The provider's name, e.g. "openai". */
  public String provider() {
    return provider;
  }

  /** The longest wait for a whole answer and for each read of a stream. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** The longest a health check waits. */
  public Duration healthTimeout() {
    return healthTimeout;
  }

  /** The base URL, with a trailing slash. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /** Whether an API key is configured. */
  public boolean hasApiKey() {
    return apiKey != null;
  }

  /**
   * A URL for messages and toString: scheme, host, port and path, never user info, and any secret
   * in its query ({@code ?api_key=}) masked.
   */
  public static String display(HttpUrl url) {
    String s = url.newBuilder().username("").password("").build().toString();
    return SecretMasker.maskUrl(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  /**
   * A builder for one provider's settings.
   *
   * @param provider the provider's name in errors, e.g. "openai"
   * @param productName the server's name in messages, e.g. "OpenAI"
   * @param defaultBaseUrl used when {@link Builder#baseUrl(String)} is not called
   */
  public static Builder builder(String provider, String productName, String defaultBaseUrl) {
    return new Builder(provider, productName, defaultBaseUrl);
  }

  /** Common provider settings; every setter validates and rejects a second call. Not API. */
  public static final class Builder {
    private String provider;
    private String productName;
    private final String defaultBaseUrl;
    private @Nullable String baseUrl;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration requestTimeout;
    private @Nullable Duration healthTimeout;
    private @Nullable Long maxResponseBytes;
    private @Nullable Integer maxRetries;
    private @Nullable Duration retryBackoff;
    private @Nullable Duration maxRetryAfter;
    private @Nullable OkHttpClient httpClient;
    private @Nullable ApiKey apiKey;
    private String apiKeyHeader = "Authorization";
    private String apiKeyPrefix = "Bearer ";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String serverHint = "";
    private String modelHint = "choose another model";

    private Builder(String provider, String productName, String defaultBaseUrl) {
      this.provider = provider;
      this.productName = productName;
      this.defaultBaseUrl = defaultBaseUrl;
    }

    /**
     * On the official host (that of the default base URL) with no key set, takes the key from the
     * environment variable {@code apiKeyEnv}.
     *
     * @param displayName the API as the message names it, e.g. "OpenAI"
     * @throws IllegalStateException when the official host has no key anywhere
     */
    public Builder officialKeyFrom(
        String displayName, String apiKeyEnv, Function<String, @Nullable String> environment) {
      boolean official = build().baseUrl().host().equals(HttpUrl.get(defaultBaseUrl).host());
      if (official && !hasApiKey()) {
        String key = environment.apply(apiKeyEnv);
        if (key == null || key.isBlank()) {
          throw new IllegalStateException(
              displayName + " needs an API key: set " + apiKeyEnv + " or call apiKey(...)");
        }
        apiKey(key);
      }
      return this;
    }

    /** Renames the provider in errors (an OpenAI-compatible server named "vllm", say). */
    public Builder provider(String provider, String productName) {
      this.provider = Objects.requireNonNull(provider, "provider");
      this.productName = Objects.requireNonNull(productName, "productName");
      return this;
    }

    /** The server's base URL (http or https). */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      once(this.baseUrl, "baseUrl");
      if (HttpUrl.parse(baseUrl) == null) {
        // Mask user info: a password must not leak even from a URL that does not parse.
        throw new IllegalArgumentException(
            "baseUrl is not an http(s) URL: " + SecretMasker.maskUrl(baseUrl));
      }
      this.baseUrl = baseUrl;
      return this;
    }

    /** Whether a base URL was set. */
    public boolean hasBaseUrl() {
      return baseUrl != null;
    }

    /** Time to open a connection; positive. */
    public Builder connectTimeout(Duration d) {
      once(connectTimeout, "connectTimeout");
      connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** The longest wait for a whole answer and for each read of a stream; positive. */
    public Builder requestTimeout(Duration d) {
      once(requestTimeout, "requestTimeout");
      requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /** The longest a health check waits; positive. */
    public Builder healthTimeout(Duration d) {
      once(healthTimeout, "healthTimeout");
      healthTimeout = positive(d, "healthTimeout");
      return this;
    }

    /** The most bytes read for one answer or one stream; at least 1. */
    public Builder maxResponseBytes(long bytes) {
      once(maxResponseBytes, "maxResponseBytes");
      if (bytes < 1) {
        throw new IllegalArgumentException("maxResponseBytes must be >= 1, got " + bytes);
      }
      maxResponseBytes = bytes;
      return this;
    }

    /** Retries after a retriable failure before the answer starts; 0 to 10. */
    public Builder maxRetries(int retries) {
      once(maxRetries, "maxRetries");
      if (retries < 0 || retries > 10) {
        throw new IllegalArgumentException("maxRetries must be in [0, 10], got " + retries);
      }
      maxRetries = retries;
      return this;
    }

    /** The first backoff between tries; positive. */
    public Builder retryBackoff(Duration d) {
      once(retryBackoff, "retryBackoff");
      retryBackoff = positive(d, "retryBackoff");
      return this;
    }

    /** The longest retry-after honoured by waiting; zero or more. */
    public Builder maxRetryAfter(Duration d) {
      Objects.requireNonNull(d, "maxRetryAfter");
      once(maxRetryAfter, "maxRetryAfter");
      if (d.isNegative()) {
        throw new IllegalArgumentException("maxRetryAfter must not be negative, got " + d);
      }
      maxRetryAfter = d;
      return this;
    }

    /** The host's client: its connection pool and dispatcher are shared, never shut down. */
    public Builder httpClient(OkHttpClient client) {
      Objects.requireNonNull(client, "httpClient");
      once(httpClient, "httpClient");
      httpClient = client;
      return this;
    }

    /** The API key. */
    public Builder apiKey(String key) {
      once(apiKey, "apiKey");
      apiKey = ApiKey.of(key);
      return this;
    }

    /** Whether an API key was set. */
    public boolean hasApiKey() {
      return apiKey != null;
    }

    /** How the key travels: the header name and a prefix ("Bearer "), Authorization by default. */
    public Builder apiKeyHeader(String header, String prefix) {
      apiKeyHeader = Objects.requireNonNull(header, "header");
      apiKeyPrefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** A header sent with every request (not a secret: it may show in messages). */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name");
      Objects.requireNonNull(value, "header value");
      if (headers.containsKey(name)) {
        throw new IllegalStateException("header " + name + " was already set");
      }
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("header " + name + " holds a line break");
      }
      headers.put(name, value);
      return this;
    }

    /**
     * A hint added to "connection refused" messages, e.g. "is Ollama running (`ollama serve`)?".
     */
    public Builder serverHint(String hint) {
      serverHint = Objects.requireNonNull(hint, "serverHint");
      return this;
    }

    /** What to do about a missing model; {@code %s} is the model, e.g. "run `ollama pull %s`". */
    public Builder modelHint(String hint) {
      modelHint = Objects.requireNonNull(hint, "modelHint");
      return this;
    }

    /** The settings. */
    public HttpSettings build() {
      String url = baseUrl == null ? defaultBaseUrl : baseUrl;
      String withSlash = url.endsWith("/") ? url : url + "/";
      return new HttpSettings(this, HttpUrl.get(withSlash));
    }

    private static void once(@Nullable Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
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
