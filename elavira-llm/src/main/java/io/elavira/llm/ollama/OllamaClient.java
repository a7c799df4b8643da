package io.elavira.llm.ollama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.llm.Cancellation;
import io.elavira.llm.ChatResponse;
import io.elavira.llm.Health;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.TokenListener;
import io.elavira.llm.TokenUsage;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP and NDJSON handling for Ollama; maps every failure to an {@link LlmException}. */
final class OllamaClient {
  private static final Logger LOG = LoggerFactory.getLogger(OllamaClient.class);
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int MAX_ERROR_CHARS = 200;

  private final OkHttpClient client;
  private final OkHttpClient healthClient;
  private final HttpUrl baseUrl;

  /** The base URL without user info, for messages: a password in the URL never leaks. */
  private final String where;

  private final Duration requestTimeout;
  private final long maxResponseBytes;
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  OllamaClient(
      HttpUrl baseUrl,
      Duration connectTimeout,
      Duration requestTimeout,
      Duration healthTimeout,
      long maxResponseBytes) {
    this.baseUrl = baseUrl;
    this.maxResponseBytes = maxResponseBytes;
    this.where = display(baseUrl);
    this.requestTimeout = requestTimeout;
    this.client =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout)
            .readTimeout(requestTimeout)
            .writeTimeout(requestTimeout)
            .build();
    this.healthClient =
        client
            .newBuilder()
            .connectTimeout(healthTimeout)
            .readTimeout(healthTimeout)
            .callTimeout(healthTimeout)
            .build();
  }

  /** POST /api/chat with stream=false; the whole answer within the request timeout. */
  ChatResponse chat(OllamaWire.ChatRequest body) {
    long start = System.nanoTime();
    Call call = client.newCall(post(body));
    call.timeout().timeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    try (Response response = call.execute()) {
      if (!response.isSuccessful()) {
        throw httpError(response, body.model());
      }
      OllamaWire.ChatChunk chunk =
          parse(bounded(response.body().source(), body.model()), body.model(), false);
      // Ollama may answer 200 with {"error": ...} when the model fails after the headers.
      if (chunk.error() != null) {
        throw failure(
            Kind.UNAVAILABLE,
            body.model(),
            "Ollama reported an error: " + clip(chunk.error()),
            null);
      }
      LOG.debug("ollama chat model={} in {} ms", body.model(), millisSince(start));
      return toResponse(chunk, chunk.content(), body.model());
    } catch (IOException e) {
      throw ioError(e, body.model(), false);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw undeclared(e, body.model());
    }
  }

  /** POST /api/chat with stream=true; reads NDJSON lines until {@code done=true}. */
  ChatResponse stream(
      OllamaWire.ChatRequest body, TokenListener listener, Cancellation cancellation) {
    long start = System.nanoTime();
    Call call = client.newCall(post(body));
    cancellation.onCancel(call::cancel);
    boolean started = false;
    StringBuilder text = new StringBuilder();
    try (Response response = call.execute()) {
      if (!response.isSuccessful()) {
        throw httpError(response, body.model());
      }
      BufferedSource source = response.body().source();
      String line;
      while ((line = nextLine(source, body.model(), started)) != null) {
        if (cancellation.isCancelled()) {
          throw cancelled(body.model(), null);
        }
        if (line.isBlank()) {
          continue;
        }
        OllamaWire.ChatChunk chunk = parse(line, body.model(), started);
        if (chunk.error() != null) {
          throw failure(
              started ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
              body.model(),
              "Ollama reported an error "
                  + (started ? "mid-stream" : "before the first token")
                  + ": "
                  + clip(chunk.error()),
              null);
        }
        String piece = chunk.content();
        if (!piece.isEmpty()) {
          started = true;
          text.append(piece);
          try {
            listener.onToken(piece);
          } catch (RuntimeException e) {
            call.cancel();
            throw e;
          }
          if (cancellation.isCancelled()) {
            throw cancelled(body.model(), null);
          }
        }
        if (chunk.done()) {
          LOG.debug("ollama stream model={} in {} ms", body.model(), millisSince(start));
          return toResponse(chunk, text.toString(), body.model());
        }
      }
      throw failure(
          started ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
          body.model(),
          "the stream from " + where + " ended before Ollama's final line (done=true)",
          null);
    } catch (IOException e) {
      if (cancellation.isCancelled()) {
        throw cancelled(body.model(), e);
      }
      throw ioError(e, body.model(), started);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw undeclared(e, body.model());
    }
  }

  /**
   * The next line of a stream, without its line feed; null at the end. A line longer than {@code
   * maxResponseBytes} fails the call instead of being buffered whole.
   */
  private String nextLine(BufferedSource source, String model, boolean started) throws IOException {
    long newline = source.indexOf((byte) '\n', 0, maxResponseBytes);
    if (newline >= 0) {
      String line = source.readUtf8(newline);
      source.skip(1);
      return line;
    }
    if (source.request(maxResponseBytes)) {
      throw failure(
          started ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
          model,
          "a line of the stream from "
              + where
              + " is longer than "
              + maxResponseBytes
              + " bytes (maxResponseBytes); is this an Ollama server?",
          null);
    }
    return source.exhausted() ? null : source.readUtf8();
  }

  /** The whole body, or a failure when it is longer than {@code maxResponseBytes}. */
  private String bounded(BufferedSource source, String model) throws IOException {
    if (source.request(maxResponseBytes + 1)) {
      throw failure(
          Kind.UNAVAILABLE,
          model,
          "the answer from "
              + where
              + " is longer than "
              + maxResponseBytes
              + " bytes (maxResponseBytes); is this an Ollama server?",
          null);
    }
    return source.readUtf8();
  }

  /** GET /api/tags with the short health timeout; never throws. */
  Health health(String model) {
    Request request = new Request.Builder().url(baseUrl.resolve("api/tags")).get().build();
    try (Response response = healthClient.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        return Health.down("HTTP " + response.code() + " from Ollama at " + where);
      }
      OllamaWire.Tags tags = json.readValue(response.body().string(), OllamaWire.Tags.class);
      String wanted = withTag(model);
      boolean present =
          tags.models() != null
              && tags.models().stream()
                  .anyMatch(
                      m -> wanted.equals(withTag(m.name())) || wanted.equals(withTag(m.model())));
      return present
          ? Health.up("Ollama at " + where + " has model " + model)
          : Health.down(
              "model "
                  + model
                  + " is not pulled on Ollama at "
                  + where
                  + "; run `ollama pull "
                  + model
                  + "`");
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Health.down(describe(e) + " on " + where);
    }
  }

  /** Closes idle connections and stops the dispatcher's threads. */
  void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private Request post(OllamaWire.ChatRequest body) {
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an Ollama chat request", e);
    }
    return new Request.Builder()
        .url(baseUrl.resolve("api/chat"))
        .post(RequestBody.create(bytes, JSON))
        .build();
  }

  /** Parses a response or stream line; a failure after the first token is STREAM_INTERRUPTED. */
  private OllamaWire.ChatChunk parse(String text, String model, boolean started) {
    try {
      OllamaWire.ChatChunk chunk = json.readValue(text, OllamaWire.ChatChunk.class);
      if (chunk == null) {
        throw new IOException("empty body");
      }
      return chunk;
    } catch (IOException e) {
      throw failure(
          started ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
          model,
          "Ollama sent a response that is not the expected JSON ("
              + e.getClass().getSimpleName()
              + "); check that "
              + where
              + " is an Ollama server",
          e);
    }
  }

  private static ChatResponse toResponse(OllamaWire.ChatChunk chunk, String text, String model) {
    TokenUsage usage =
        new TokenUsage(
            chunk.promptEvalCount() == null ? 0 : chunk.promptEvalCount(),
            chunk.evalCount() == null ? 0 : chunk.evalCount());
    String answeredBy = chunk.model() == null || chunk.model().isBlank() ? model : chunk.model();
    return new ChatResponse(text, answeredBy, usage, chunk.doneReason());
  }

  private LlmException httpError(Response response, String model) {
    int code = response.code();
    String error = "";
    try {
      String body = response.body().string();
      OllamaWire.ErrorBody parsed = json.readValue(body, OllamaWire.ErrorBody.class);
      error = parsed == null || parsed.error() == null ? "" : parsed.error();
    } catch (IOException | RuntimeException e) {
      // Not Ollama's {"error": ...} shape (a proxy page, say): the status alone must do.
    }
    String detail = "HTTP " + code + (error.isEmpty() ? "" : ": " + clip(error));
    String lower = error.toLowerCase(Locale.ROOT);
    switch (code) {
      case 400:
        return failure(
            Kind.INVALID_REQUEST, model, "Ollama rejected the request (" + detail + ")", null);
      case 401:
      case 403:
        return failure(
            Kind.AUTHENTICATION,
            model,
            "Ollama (or a proxy in front of it) refused the credentials (" + detail + ")",
            null);
      case 404:
        if (lower.contains("not found") && !lower.contains("page")) {
          return failure(
              Kind.MODEL_NOT_FOUND,
              model,
              "model "
                  + model
                  + " is not available ("
                  + detail
                  + "); run `ollama pull "
                  + model
                  + "` or choose another model",
              null);
        }
        return failure(
            Kind.INVALID_REQUEST,
            model,
            "no Ollama chat endpoint at " + where + " (" + detail + "); check baseUrl",
            null);
      case 429:
        Duration retryAfter = retryAfter(response.header("Retry-After"));
        return new LlmException(
            OllamaProvider.NAME,
            Kind.RATE_LIMITED,
            prefix(model)
                + "rate limited ("
                + detail
                + ")"
                + (retryAfter == null ? "" : "; retry after " + retryAfter.toSeconds() + " s"),
            retryAfter,
            null);
      case 503:
        return failure(
            Kind.OVERLOADED, model, "Ollama is busy (" + detail + "); retry later", null);
      default:
        Kind kind = code >= 500 ? Kind.UNAVAILABLE : Kind.INVALID_REQUEST;
        return failure(kind, model, "Ollama failed (" + detail + ")", null);
    }
  }

  private LlmException ioError(IOException e, String model, boolean started) {
    if (Thread.currentThread().isInterrupted()) {
      // OkHttp gives up on an interrupted thread; the interrupt status stays set for the caller.
      return failure(Kind.CANCELLED, model, "the calling thread was interrupted", e);
    }
    if (started) {
      return failure(
          Kind.STREAM_INTERRUPTED,
          model,
          "the stream from " + where + " broke after it started: " + describe(e),
          e);
    }
    if (e instanceof InterruptedIOException) {
      return failure(
          Kind.TIMEOUT,
          model,
          "no answer from Ollama at "
              + where
              + " within "
              + requestTimeout.toMillis()
              + " ms ("
              + describe(e)
              + "); raise requestTimeout if the"
              + " model is slow to load",
          e);
    }
    return failure(
        Kind.UNAVAILABLE,
        model,
        describe(e) + " on " + where + "; is Ollama running (`ollama serve`)?",
        e);
  }

  /**
   * OkHttp is written in Kotlin and may throw a checked exception it does not declare: an
   * InterruptedException when the calling thread is interrupted while it connects.
   */
  private LlmException undeclared(Exception e, String model) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return failure(Kind.CANCELLED, model, "the calling thread was interrupted", e);
    }
    return failure(Kind.UNAVAILABLE, model, describe(e) + " on " + where, e);
  }

  private static String describe(Exception e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    if (e instanceof InterruptedIOException) {
      return "timed out";
    }
    if (e instanceof InterruptedException) {
      return "interrupted";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private LlmException cancelled(String model, Throwable cause) {
    return failure(Kind.CANCELLED, model, "the call was cancelled by the caller", cause);
  }

  private static LlmException failure(Kind kind, String model, String message, Throwable cause) {
    return new LlmException(OllamaProvider.NAME, kind, prefix(model) + message, null, cause);
  }

  private static String prefix(String model) {
    return "ollama (model " + model + "): ";
  }

  /** The URL as shown in messages and {@code toString()}: without user name and password. */
  static String display(HttpUrl url) {
    return url.newBuilder().username("").password("").build().toString();
  }

  /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static String withTag(String model) {
    if (model == null) {
      return "";
    }
    return model.contains(":") ? model : model + ":latest";
  }

  private static String clip(String s) {
    return s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS) + "…";
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
