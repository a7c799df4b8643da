package io.elavira.llm.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.llm.Cancellation;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import okio.BufferedSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP engine of one provider configuration: one OkHttp client (the host's, shared, or its
 * own), JSON requests, retried opening of answers, bounded reads, SSE and NDJSON streams, and
 * failures as {@link LlmException}s. Thread-safe. Not API.
 *
 * <p>Retries (resilience4j) happen only before the first byte of an answer, only for retriable
 * kinds other than {@code TIMEOUT} (its time is already spent), with exponential backoff and
 * jitter, or after the server's {@code retry-after} when it is at most {@code maxRetryAfter}.
 *
 * <p>The API key is added to requests built here only, which all go to the configured base URL;
 * redirects are not followed, so the key never travels to another host.
 */
public final class HttpTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
  private static final MediaType JSON = MediaType.get("application/json");

  /** Completes a stream: returns true when the end marker was seen. */
  @FunctionalInterface
  public interface SseHandler {
    /**
     * One server-sent event.
     *
     * @param type the {@code event:} field, or null
     * @param data the {@code data:} field
     * @return true when the stream is complete
     */
    boolean onEvent(@Nullable String type, String data);
  }

  /** Completes an NDJSON stream: returns true when the last line was seen. */
  @FunctionalInterface
  public interface LineHandler {
    /** One non-blank line; returns true when the stream is complete. */
    boolean onLine(String line);
  }

  private final HttpSettings settings;
  private final OkHttpClient client;
  private final OkHttpClient healthClient;
  private final boolean ownsClient;
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final HttpErrors errors;
  private final Retry retry;

  /** A transport for these settings; opens no connection yet. */
  public HttpTransport(HttpSettings settings) {
    this.settings = settings;
    this.errors = new HttpErrors(settings, json);
    OkHttpClient base = settings.sharedClient;
    this.ownsClient = base == null;
    OkHttpClient.Builder b = base == null ? new OkHttpClient.Builder() : base.newBuilder();
    this.client =
        b.connectTimeout(settings.connectTimeout)
            .readTimeout(settings.requestTimeout)
            .writeTimeout(settings.requestTimeout)
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
    this.healthClient =
        client
            .newBuilder()
            .connectTimeout(settings.healthTimeout)
            .readTimeout(settings.healthTimeout)
            .callTimeout(settings.healthTimeout)
            .build();
    IntervalFunction backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            settings.retryBackoff, 2.0, 0.5, HttpSettings.MAX_RETRY_BACKOFF);
    RetryConfig config =
        RetryConfig.<Object>custom()
            .maxAttempts(settings.maxRetries + 1)
            .retryOnException(this::worthRetrying)
            .intervalBiFunction(
                (attempt, outcome) -> {
                  if (outcome.isLeft()
                      && outcome.getLeft() instanceof LlmException e
                      && e.retryAfter().isPresent()) {
                    return e.retryAfter().get().toMillis();
                  }
                  return backoff.apply(attempt);
                })
            .failAfterMaxAttempts(false)
            .build();
    this.retry = Retry.of(settings.provider, config);
  }

  private boolean worthRetrying(Throwable t) {
    if (!(t instanceof LlmException e) || !e.isRetriable()) {
      return false;
    }
    if (e.kind() == Kind.TIMEOUT || e.kind() == Kind.STREAM_INTERRUPTED) {
      return false;
    }
    return e.retryAfter().map(d -> d.compareTo(settings.maxRetryAfter) <= 0).orElse(true);
  }

  /** The settings. */
  public HttpSettings settings() {
    return settings;
  }

  /** The JSON mapper (unknown properties ignored). */
  public ObjectMapper json() {
    return json;
  }

  /** Builds failures of this provider. */
  public HttpErrors errors() {
    return errors;
  }

  /**
   * POSTs {@code body} as JSON to {@code path} (relative to the base URL) and reads the whole
   * answer within the request timeout, retrying before the answer starts.
   *
   * @throws LlmException on any failure
   */
  public <T> T postJson(String path, Object body, Class<T> type, String model) {
    return postJson(path, body, type, model, new Cancellation());
  }

  /**
   * As {@link #postJson(String, Object, Class, String)}, closing the HTTP call when {@code
   * cancellation} fires (no retry after that).
   *
   * @throws LlmException on any failure, {@code CANCELLED} once {@code cancellation} fires
   */
  public <T> T postJson(
      String path, Object body, Class<T> type, String model, Cancellation cancellation) {
    long start = System.nanoTime();
    Request request = post(path, body);
    try (Response response = open(request, model, cancellation, client, true)) {
      T parsed = read(response, type, model);
      LOG.debug("{} POST {} model={} in {} ms", settings.provider, path, model, millisSince(start));
      return parsed;
    } catch (LlmException e) {
      if (cancellation.isCancelled() && e.kind() != Kind.CANCELLED) {
        throw cancelled(model, e); // the body's read failed because the call was closed
      }
      throw e;
    }
  }

  /**
   * GETs {@code path} and reads the JSON answer, with the short health timeouts when {@code quick}.
   *
   * @throws LlmException on any failure
   */
  public <T> T getJson(String path, Class<T> type, String model, boolean quick) {
    Request request = request(path).get().build();
    try (Response response =
        open(request, model, new Cancellation(), quick ? healthClient : client, !quick)) {
      return read(response, type, model);
    }
  }

  /**
   * GETs {@code path} once (no retry) with the health timeouts and returns the status code and the
   * (bounded) body; for health checks that must read a non-2xx answer. Never throws.
   *
   * @return the status and body, or a status of -1 and a safe description of the I/O failure
   */
  public Map.Entry<Integer, String> probe(String path) {
    Request request = request(path).get().build();
    try (Response response = healthClient.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body.source().request(64 * 1024) ? "" : body.string();
      return Map.entry(response.code(), text);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Map.entry(-1, HttpErrors.describe(e) + " on " + settings.where());
    }
  }

  /**
   * POSTs {@code body} and reads a server-sent-event stream on the calling thread, passing each
   * event to {@code handler} until it returns true.
   *
   * @param started whether output already reached the caller (a failure is then {@code
   *     STREAM_INTERRUPTED})
   * @throws LlmException on any failure, {@code CANCELLED} once {@code cancellation} fires
   * @throws RuntimeException what the handler threw, unchanged
   */
  public void streamSse(
      String path,
      Object body,
      String model,
      Cancellation cancellation,
      BooleanSupplier started,
      SseHandler handler) {
    long start = System.nanoTime();
    Request request = post(path, body).newBuilder().header("Accept", "text/event-stream").build();
    Response response = open(request, model, cancellation, client, false);
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    AtomicReference<@Nullable RuntimeException> handlerFailure = new AtomicReference<>();
    boolean[] complete = {false};
    EventSourceListener listener =
        new EventSourceListener() {
          @Override
          public void onEvent(
              EventSource source, @Nullable String id, @Nullable String type, String data) {
            if (complete[0]) {
              return;
            }
            if (cancellation.isCancelled()) {
              source.cancel();
              return;
            }
            try {
              complete[0] = handler.onEvent(type, data);
            } catch (RuntimeException e) {
              handlerFailure.set(e);
              source.cancel();
              return;
            }
            if (complete[0] || cancellation.isCancelled()) {
              source.cancel();
            }
          }

          @Override
          public void onFailure(EventSource source, @Nullable Throwable t, @Nullable Response r) {
            if (failure.get() == null && !complete[0] && t != null) {
              failure.set(t);
            }
          }
        };
    EventSources.processResponse(bounded(response), listener);
    RuntimeException fromHandler = handlerFailure.get();
    Throwable fromReader = failure.get();
    if (fromHandler == null && fromReader instanceof RuntimeException e) {
      // okhttp-sse fails this way on a body cut inside an event: a broken stream, not a bug here.
      fromReader =
          new IOException("malformed or truncated event stream (" + e.getMessage() + ")", e);
    }
    finish(
        fromHandler != null ? fromHandler : fromReader, complete[0], model, cancellation, started);
    LOG.debug("{} SSE {} model={} in {} ms", settings.provider, path, model, millisSince(start));
  }

  /**
   * POSTs {@code body} and reads an NDJSON stream on the calling thread, passing each non-blank
   * line to {@code handler} until it returns true.
   *
   * @throws LlmException on any failure, {@code CANCELLED} once {@code cancellation} fires
   * @throws RuntimeException what the handler threw, unchanged
   */
  public void streamLines(
      String path,
      Object body,
      String model,
      Cancellation cancellation,
      BooleanSupplier started,
      LineHandler handler) {
    long start = System.nanoTime();
    Throwable failure = null;
    boolean complete = false;
    try (Response response = bounded(open(post(path, body), model, cancellation, client, false))) {
      BufferedSource source = response.body().source();
      String line;
      while (!complete && !cancellation.isCancelled() && (line = source.readUtf8Line()) != null) {
        if (!line.isBlank()) {
          complete = handler.onLine(line);
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = e;
    }
    finish(failure, complete, model, cancellation, started);
    LOG.debug("{} NDJSON {} model={} in {} ms", settings.provider, path, model, millisSince(start));
  }

  private void finish(
      @Nullable Throwable failure,
      boolean complete,
      String model,
      Cancellation cancellation,
      BooleanSupplier started) {
    if (failure instanceof RuntimeException e
        && !(e instanceof LlmException le && le.kind() == Kind.CANCELLED)) {
      throw e;
    }
    if (cancellation.isCancelled()) {
      throw cancelled(model, failure);
    }
    if (failure instanceof IOException e) {
      throw errors.fromIo(e, model, started.getAsBoolean());
    }
    if (failure != null) {
      throw errors.failure(
          started.getAsBoolean() ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
          model,
          "the stream from "
              + settings.where()
              + " failed: "
              + HttpErrors.describe(asException(failure)),
          null,
          failure);
    }
    if (!complete) {
      throw errors.failure(
          started.getAsBoolean() ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
          model,
          "the stream from "
              + settings.where()
              + " ended before "
              + settings.productName
              + "'s end marker",
          null,
          null);
    }
  }

  private static Exception asException(Throwable t) {
    return t instanceof Exception e ? e : new IOException(t.toString());
  }

  /** A CANCELLED failure. */
  public LlmException cancelled(String model, @Nullable Throwable cause) {
    return errors.failure(Kind.CANCELLED, model, "the call was cancelled", null, cause);
  }

  /** Opens the answer, retrying retriable failures; the response is successful. */
  private Response open(
      Request request,
      String model,
      Cancellation cancellation,
      OkHttpClient which,
      boolean wholeCallTimeout) {
    Supplier<Response> attempt =
        () -> {
          if (cancellation.isCancelled()) {
            throw cancelled(model, null);
          }
          Call call = which.newCall(request);
          if (wholeCallTimeout) {
            call.timeout().timeout(settings.requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
          }
          cancellation.onCancel(call::cancel);
          Response response;
          try {
            response = call.execute();
          } catch (IOException e) {
            if (cancellation.isCancelled()) {
              throw cancelled(model, e);
            }
            throw errors.fromIo(e, model, false);
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            // OkHttp (Kotlin) may throw an undeclared InterruptedException while it connects.
            if (e instanceof InterruptedException) {
              Thread.currentThread().interrupt();
              throw errors.failure(
                  Kind.CANCELLED, model, "the calling thread was interrupted", null, e);
            }
            throw errors.failure(
                Kind.UNAVAILABLE,
                model,
                HttpErrors.describe(e) + " on " + settings.where(),
                null,
                e);
          }
          if (!response.isSuccessful()) {
            try (response) {
              throw errors.fromResponse(response, model);
            }
          }
          return response;
        };
    return Retry.decorateSupplier(retry, attempt).get();
  }

  private <T> T read(Response response, Class<T> type, String model) {
    try {
      BufferedSource source = response.body().source();
      if (source.request(settings.maxResponseBytes + 1)) {
        throw new ResponseTooLargeException(settings.maxResponseBytes);
      }
      String text = source.readUtf8();
      T parsed = json.readValue(text, type);
      if (parsed == null) {
        throw new JsonProcessingException("empty body") {
          private static final long serialVersionUID = 1L;
        };
      }
      return parsed;
    } catch (JsonProcessingException e) {
      throw notTheExpectedJson(model, false, e);
    } catch (IOException e) {
      throw errors.fromIo(e, model, false);
    }
  }

  /** Parses one JSON document (a stream event or line) into {@code type}. */
  public <T> T parse(String text, Class<T> type, String model, boolean started) {
    try {
      T parsed = json.readValue(text, type);
      if (parsed == null) {
        throw new IOException("empty JSON");
      }
      return parsed;
    } catch (IOException e) {
      throw notTheExpectedJson(model, started, e);
    }
  }

  private LlmException notTheExpectedJson(String model, boolean started, Exception e) {
    return errors.failure(
        started ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
        model,
        settings.productName
            + " sent a response that is not the expected JSON ("
            + e.getClass().getSimpleName()
            + "); check that "
            + settings.where()
            + " is a "
            + settings.productName
            + " server",
        null,
        e);
  }

  private Request post(String path, Object body) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize a " + settings.provider + " request", e);
    }
    return request(path).post(RequestBody.create(bytes, JSON)).build();
  }

  private Request.Builder request(String path) {
    Request.Builder b = new Request.Builder().url(settings.baseUrl.resolve(path));
    settings.headers.forEach(b::header);
    ApiKey key = settings.apiKey;
    if (key != null) {
      b.header(settings.apiKeyHeader, settings.apiKeyPrefix + key.reveal());
    }
    return b;
  }

  /** The response with a body that fails past {@code maxResponseBytes}. */
  private Response bounded(Response response) {
    ResponseBody body = response.body();
    BufferedSource limited =
        Okio.buffer(new BoundedSource(body.source(), settings.maxResponseBytes));
    return response.newBuilder().body(ResponseBody.create(limited, body.contentType(), -1)).build();
  }

  private static long millisSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
  }

  /** Closes idle connections and stops the dispatcher's threads, unless the host owns them. */
  @Override
  public void close() {
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
