package io.elavira.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events on a plain HTTP response (POST included, which the browser's EventSource
 * cannot send but fetch can read): {@code event: NAME}, {@code data: JSON}, blank line; each event
 * flushed. The first event commits the status and the {@code text/event-stream} headers, so that a
 * failure before it is still answered as a JSON error. Thread-safe: events from the token thread
 * and the request thread do not interleave.
 */
final class EventStream {
  static final String CONTENT_TYPE = "text/event-stream";

  private final Context ctx;
  private final ObjectMapper mapper;

  EventStream(Context ctx, ObjectMapper mapper) {
    this.ctx = ctx;
    this.mapper = mapper;
  }

  /** Whether the client asked for events ({@code Accept: text/event-stream}). */
  static boolean requested(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains(CONTENT_TYPE);
  }

  /**
   * Sends one event.
   *
   * @throws UncheckedIOException when the client closed the connection
   */
  synchronized void send(String event, Object data) {
    try {
      if (!ctx.res().isCommitted()) {
        ctx.res().setStatus(200);
        ctx.res().setContentType(CONTENT_TYPE + "; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-store");
        ctx.res().setHeader("X-Accel-Buffering", "no");
      }
      String json = mapper.writeValueAsString(data);
      var out = ctx.res().getOutputStream();
      out.write(("event: " + event + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("The client closed the event stream", e);
    }
  }

  /** Sends one event, ignoring a client that left. */
  void sendQuietly(String event, Object data) {
    try {
      send(event, data);
    } catch (UncheckedIOException gone) {
      // Nobody to tell.
    }
  }
}
