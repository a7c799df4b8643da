package io.elavira.llm.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Maps HTTP statuses, error bodies and I/O failures to {@link LlmException}s, the same way for
 * every provider. Understands the error bodies of OpenAI and llama.cpp ({@code {"error": {"type",
 * "message", "code", "param"}}}), Anthropic ({@code {"type": "error", "error": {"type",
 * "message"}}}), Ollama ({@code {"error": "..."}}) and Mistral ({@code {"message", "type"}}). Not
 * API.
 */
public final class HttpErrors {
  private static final int MAX_ERROR_CHARS = 200;

  private final HttpSettings settings;
  private final ObjectMapper json;

  HttpErrors(HttpSettings settings, ObjectMapper json) {
    this.settings = settings;
    this.json = json;
  }

  /** What an error body says, each part possibly empty. */
  record ErrorBody(String type, String code, String message) {
    String all() {
      return (type + " " + code + " " + message).toLowerCase(Locale.ROOT);
    }
  }

  ErrorBody parse(String body) {
    try {
      JsonNode root = json.readTree(body);
      if (root == null || !root.isObject()) {
        return new ErrorBody("", "", "");
      }
      JsonNode error = root.path("error");
      if (error.isTextual()) {
        return new ErrorBody("", "", error.asText());
      }
      JsonNode node = error.isObject() ? error : root;
      return new ErrorBody(
          text(node.path("type")), text(node.path("code")), text(node.path("message")));
    } catch (IOException | RuntimeException e) {
      // Not a JSON error body (a proxy's HTML page, say): the status alone must do.
      return new ErrorBody("", "", "");
    }
  }

  private static String text(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : "";
  }

  /** The exception for a non-2xx response; reads (a bounded part of) its body. */
  LlmException fromResponse(Response response, String model) {
    int code = response.code();
    String body = "";
    try {
      body = response.peekBody(64 * 1024).string();
    } catch (IOException | RuntimeException e) {
      // No body to read: the status alone must do.
    }
    return fromStatus(
        code,
        parse(body),
        response.header("retry-after-ms"),
        response.header("Retry-After"),
        model);
  }

  /** The exception for an HTTP status and its parsed error body. */
  LlmException fromStatus(
      int code,
      ErrorBody error,
      @Nullable String retryAfterMs,
      @Nullable String retryAfter,
      String model) {
    String product = settings.productName;
    String said = error.message().isEmpty() ? error.type() : error.message();
    String detail = "HTTP " + code + (said.isEmpty() ? "" : ": " + clip(said));
    String all = error.all();
    if (all.contains("overloaded")) {
      return failure(
          Kind.OVERLOADED,
          model,
          product + " is overloaded (" + detail + "); retry later",
          null,
          null);
    }
    if (code >= 300 && code < 400) {
      return failure(
          Kind.INVALID_REQUEST,
          model,
          product
              + " at "
              + settings.where()
              + " answered with a redirect ("
              + detail
              + "), which is not followed so that no key travels to another host; check baseUrl",
          null,
          null);
    }
    return switch (code) {
      case 400, 413, 422 -> rejected(model, detail, all);
      case 401, 403 ->
          failure(
              Kind.AUTHENTICATION,
              model,
              product
                  + " refused the credentials ("
                  + detail
                  + "); "
                  + (settings.hasApiKey() ? "check the API key" : "no API key is configured"),
              null,
              null);
      case 404 ->
          all.contains("model") || all.contains("not_found_error")
              ? modelNotFound(model, detail)
              : failure(
                  Kind.INVALID_REQUEST,
                  model,
                  "no "
                      + product
                      + " endpoint at "
                      + settings.where()
                      + " ("
                      + detail
                      + "); check baseUrl",
                  null,
                  null);
      case 408 -> failure(Kind.TIMEOUT, model, product + " timed out (" + detail + ")", null, null);
      case 429 -> {
        Duration wait = retryAfter(retryAfterMs, retryAfter);
        yield failure(
            Kind.RATE_LIMITED,
            model,
            product
                + " rate limited the request ("
                + detail
                + ")"
                + (wait == null ? "" : "; retry after " + wait.toMillis() + " ms"),
            wait,
            null);
      }
      case 503, 529 ->
          failure(
              Kind.OVERLOADED,
              model,
              product + " is busy (" + detail + "); retry later",
              retryAfter(retryAfterMs, retryAfter),
              null);
      default ->
          failure(
              code >= 500 ? Kind.UNAVAILABLE : Kind.INVALID_REQUEST,
              model,
              product + " failed (" + detail + ")",
              null,
              null);
    };
  }

  /** A 400, 413 or 422: the prompt too long, an unknown model, or another invalid request. */
  private LlmException rejected(String model, String detail, String all) {
    if ((all.contains("context")
            && (all.contains("length") || all.contains("exceed") || all.contains("size")))
        || all.contains("too long")
        || all.contains("too many tokens")) {
      return failure(
          Kind.CONTEXT_TOO_LONG,
          model,
          "the prompt is too long for model "
              + model
              + " on "
              + settings.productName
              + " ("
              + detail
              + "); shorten the history or the retrieved context",
          null,
          null);
    }
    if (all.contains("model")
        && (all.contains("not found")
            || all.contains("does not exist")
            || all.contains("invalid model"))) {
      return modelNotFound(model, detail);
    }
    return failure(
        Kind.INVALID_REQUEST,
        model,
        settings.productName + " rejected the request (" + detail + ")",
        null,
        null);
  }

  private LlmException modelNotFound(String model, String detail) {
    return failure(
        Kind.MODEL_NOT_FOUND,
        model,
        "model "
            + model
            + " is not available on "
            + settings.productName
            + " ("
            + detail
            + "); "
            + settings.modelHint.replace("%s", model),
        null,
        null);
  }

  /** The exception for an I/O failure; {@code started} when output had reached the caller. */
  LlmException fromIo(IOException e, String model, boolean started) {
    if (Thread.currentThread().isInterrupted()) {
      // OkHttp gives up on an interrupted thread; the interrupt status stays set for the caller.
      return failure(Kind.CANCELLED, model, "the calling thread was interrupted", null, e);
    }
    if (e instanceof ResponseTooLargeException) {
      return failure(
          started ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
          model,
          "the answer from "
              + settings.where()
              + " is longer than "
              + settings.maxResponseBytes
              + " bytes (maxResponseBytes); is this a "
              + settings.productName
              + " server?",
          null,
          e);
    }
    if (started) {
      return failure(
          Kind.STREAM_INTERRUPTED,
          model,
          "the stream from " + settings.where() + " broke after it started: " + describe(e),
          null,
          e);
    }
    if (e instanceof InterruptedIOException) {
      return failure(
          Kind.TIMEOUT,
          model,
          "no answer from "
              + settings.productName
              + " at "
              + settings.where()
              + " within "
              + settings.requestTimeout.toMillis()
              + " ms ("
              + describe(e)
              + "); raise requestTimeout if the model is slow",
          null,
          e);
    }
    return failure(
        Kind.UNAVAILABLE,
        model,
        describe(e)
            + " on "
            + settings.where()
            + (settings.serverHint.isEmpty() ? "" : "; " + settings.serverHint),
        null,
        e);
  }

  /** A failure of this provider; the message is scrubbed of keys and prefixed with the model. */
  public LlmException failure(
      Kind kind,
      String model,
      String message,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    String text = settings.provider + " (model " + model + "): " + message;
    text = settings.apiKey == null ? ApiKey.scrubKeyLike(text) : settings.apiKey.scrub(text);
    return new LlmException(settings.provider, kind, text, retryAfter, scrubbed(cause));
  }

  /** A {@code CANCELLED} failure: the caller's cancellation fired (its call was closed). */
  public LlmException cancelled(String model, @Nullable Throwable cause) {
    return failure(Kind.CANCELLED, model, "the call was cancelled", null, cause);
  }

  /**
   * A cause whose message may echo a key is replaced by one without it: the cause chain reaches
   * logs as well as the message does.
   */
  private @Nullable Throwable scrubbed(@Nullable Throwable cause) {
    if (cause == null || cause.getMessage() == null) {
      return cause;
    }
    String message = cause.getMessage();
    String clean =
        settings.apiKey == null ? ApiKey.scrubKeyLike(message) : settings.apiKey.scrub(message);
    if (clean.equals(message)) {
      return cause;
    }
    IOException replacement = new IOException(cause.getClass().getSimpleName() + ": " + clean);
    replacement.setStackTrace(cause.getStackTrace());
    return replacement;
  }

  /** A short, safe description of an I/O failure. */
  public static String describe(Exception e) {
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
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
    return e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + clip(e.getMessage()));
  }

  /** At most {@value #MAX_ERROR_CHARS} characters, on one line. */
  public static String clip(String s) {
    String oneLine = s.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_ERROR_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_ERROR_CHARS) + "…";
  }

  /** Retry-after from {@code retry-after-ms} (OpenAI) or {@code Retry-After} (seconds or date). */
  static @Nullable Duration retryAfter(@Nullable String millis, @Nullable String header) {
    if (millis != null) {
      try {
        return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.trim())));
      } catch (NumberFormatException e) {
        // fall through to Retry-After
      }
    }
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }
}
