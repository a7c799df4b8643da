package io.elavira.llm.http.internal;

import io.elavira.llm.Cancellation;
import io.elavira.llm.LlmException;
import io.elavira.llm.LlmException.Kind;
import io.elavira.llm.http.internal.HttpTransport.LineHandler;
import io.elavira.llm.http.internal.HttpTransport.SseHandler;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads an opened streamed answer (server-sent events or NDJSON lines) on the calling thread into
 * the caller's handler, and decides how it ended: complete, the handler's own failure (passed on
 * unchanged), cancelled, or a failure of the stream as an {@link LlmException}. Both formats end
 * the same way. Thread-safe (no state of its own). Not API.
 */
final class StreamReader {
  private final HttpSettings settings;
  private final HttpErrors errors;

  StreamReader(HttpSettings settings, HttpErrors errors) {
    this.settings = settings;
    this.errors = errors;
  }

  /**
   * Passes each event of {@code response} to {@code handler} until it returns true, the
   * cancellation fires or the stream ends, then settles the end as {@link #finish} does.
   */
  void sse(
      Response response,
      String model,
      Cancellation cancellation,
      BooleanSupplier started,
      SseHandler handler) {
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
    EventSources.processResponse(response, listener);
    RuntimeException fromHandler = handlerFailure.get();
    Throwable fromReader = failure.get();
    if (fromHandler == null && fromReader instanceof RuntimeException e) {
      // okhttp-sse fails this way on a body cut inside an event: a broken stream, not a bug here.
      fromReader =
          new IOException("malformed or truncated event stream (" + e.getMessage() + ")", e);
    }
    finish(
        fromHandler != null ? fromHandler : fromReader, complete[0], model, cancellation, started);
  }

  /**
   * Passes each non-blank line of {@code response} to {@code handler} until it returns true, the
   * cancellation fires or the stream ends, then settles the end as {@link #finish} does.
   */
  void lines(
      Response response,
      String model,
      Cancellation cancellation,
      BooleanSupplier started,
      LineHandler handler) {
    Throwable failure = null;
    boolean complete = false;
    try {
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
  }

  /**
   * Settles how a stream ended; returns only when it is complete.
   *
   * @param failure the handler's failure, else the stream's, or null
   * @throws RuntimeException the handler's failure, unchanged (unless a {@code CANCELLED} one)
   * @throws LlmException {@code CANCELLED} once {@code cancellation} fired; {@code
   *     STREAM_INTERRUPTED} when the stream failed or ended early after output reached the caller,
   *     else the I/O failure's kind or {@code UNAVAILABLE}
   */
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
      throw errors.cancelled(model, failure);
    }
    if (failure instanceof IOException e) {
      throw errors.fromIo(e, model, started.getAsBoolean());
    }
    if (failure != null) {
      throw broken(model, started, "failed: " + HttpErrors.describe(asException(failure)), failure);
    }
    if (!complete) {
      throw broken(model, started, "ended before " + settings.productName + "'s end marker", null);
    }
  }

  /** The stream failed: {@code STREAM_INTERRUPTED} once output reached the caller. */
  private LlmException broken(
      String model, BooleanSupplier started, String what, @Nullable Throwable cause) {
    return errors.failure(
        started.getAsBoolean() ? Kind.STREAM_INTERRUPTED : Kind.UNAVAILABLE,
        model,
        "the stream from " + settings.where() + " " + what,
        null,
        cause);
  }

  private static Exception asException(Throwable t) {
    return t instanceof Exception e ? e : new IOException(t.toString());
  }
}
