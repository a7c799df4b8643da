package io.elavira.llm.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.llm.Cancellation;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP engine of one provider configuration: one OkHttp client (the host's, shared, or its
 * own), JSON requests, bounded reads, SSE and NDJSON streams, and failures as {@link
 * LlmException}s. Thread-safe. Not API.
 *
 * <p>Every call is opened by one {@link CallOpener} (retries before the first byte of an answer,
 * closing the call when the caller's {@link Cancellation} fires, bodies bounded by {@code
 * maxResponseBytes}); blocking calls then read one JSON document, streamed calls hand the answer to
 * a {@link StreamReader}.
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
  private final CallOpener opener;
  private final StreamReader streams;

  /** A transport for these settings; opens no connection yet. */
  public HttpTransport(HttpSettings settings) {
    this.settings = settings;
    this.errors = new HttpErrors(settings, json);
    this.opener = new CallOpener(settings, errors);
    this.streams = new StreamReader(settings, errors);
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
    return exchange("POST", path, post(path, body), type, model, cancellation, client, true);
  }

  /**
   * GETs {@code path} and reads the JSON answer, with the short health timeouts when {@code quick}.
   *
   * @throws LlmException on any failure
   */
  public <T> T getJson(String path, Class<T> type, String model, boolean quick) {
    Request request = request(path).get().build();
    return exchange(
        "GET",
        path,
        request,
        type,
        model,
        new Cancellation(),
        quick ? healthClient : client,
        !quick);
  }

  /** The one blocking flow: opens the answer, reads one JSON document, logs the time taken. */
  private <T> T exchange(
      String method,
      String path,
      Request request,
      Class<T> type,
      String model,
      Cancellation cancellation,
      OkHttpClient which,
      boolean wholeCallTimeout) {
    long start = System.nanoTime();
    try (Response response = opener.open(request, model, cancellation, which, wholeCallTimeout)) {
      String text;
      try {
        text = response.body().source().readUtf8();
      } catch (IOException e) {
        throw errors.fromIo(e, model, false);
      }
      T parsed = parse(text, type, model, false);
      LOG.debug("{} {} {} model={} in {} ms", settings.provider, method, path, model, since(start));
      return parsed;
    } catch (LlmException e) {
      if (cancellation.isCancelled() && e.kind() != Kind.CANCELLED) {
        throw errors.cancelled(model, e); // the body's read failed because the call was closed
      }
      throw e;
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
    Request request = post(path, body).newBuilder().header("Accept", "text/event-stream").build();
    stream(
        "SSE",
        path,
        request,
        model,
        cancellation,
        response -> streams.sse(response, model, cancellation, started, handler));
  }

  /**
   * POSTs {@code body} and reads an NDJSON stream on the calling thread, passing each non-blank
   * line to {@code handler} until it returns true.
   *
   * @param started whether output already reached the caller (a failure is then {@code
   *     STREAM_INTERRUPTED})
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
    stream(
        "NDJSON",
        path,
        post(path, body),
        model,
        cancellation,
        response -> streams.lines(response, model, cancellation, started, handler));
  }

  /** The one streamed flow: opens the answer, lets {@code read} read it whole, logs the time. */
  private void stream(
      String format,
      String path,
      Request request,
      String model,
      Cancellation cancellation,
      Consumer<Response> read) {
    long start = System.nanoTime();
    try (Response response = opener.open(request, model, cancellation, client, false)) {
      read.accept(response);
    }
    LOG.debug("{} {} {} model={} in {} ms", settings.provider, format, path, model, since(start));
  }

  /**
   * Parses one JSON document (a whole answer, a stream event or line) into {@code type}.
   *
   * @param started whether output already reached the caller (a failure is then {@code
   *     STREAM_INTERRUPTED}, else {@code UNAVAILABLE})
   * @throws LlmException when {@code text} is not such a document
   */
  public <T> T parse(String text, Class<T> type, String model, boolean started) {
    try {
      T parsed = json.readValue(text, type);
      if (parsed == null) {
        throw new IOException("empty JSON");
      }
      return parsed;
    } catch (IOException e) {
      throw errors.failure(
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

  private static long since(long startNanos) {
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
