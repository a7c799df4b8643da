package io.elavira.examples.apps.streamer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.elavira.Answer;
import io.elavira.guard.InputRejectedException;
import io.elavira.store.Feedback;
import io.elavira.store.Rating;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A minimal local HTTP API over a {@link StreamerAssistant}, on the JDK's own HTTP server, bound to
 * 127.0.0.1 only (a stream overlay or bot on the same machine calls it):
 *
 * <ul>
 *   <li>{@code POST /api/ask} {@code {"session", "message"}} → the answer (the shape the caller's
 *       view function gives, e.g. the CLI's {@code ask --json} object);
 *   <li>{@code POST /api/feedback} {@code {"session", "traceId", "rating", "comment"?}} with a
 *       rating of {@code +1}, {@code -1} or {@code 1} to {@code 5} → {@code {"feedbackId"}};
 *   <li>{@code GET /health} → {@code {"status": "UP"|"DEGRADED", "model": {"available", "detail"},
 *       "documents"}}: DEGRADED when no model answers (answers are then extractive).
 * </ul>
 *
 * <p>Errors are {@code {"error": {"type", "message"}}}: 400 for an invalid body or message, 404,
 * 405, 413 when a body is over {@link Builder#maxBodyBytes(int)}, 500 otherwise (the message then
 * says nothing of the cause, which is logged). Every response carries {@code
 * X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store}.
 *
 * <p>Started by {@link Builder#start()}; {@link #close()} stops it and its request threads.
 * Thread-safe.
 */
public final class StreamerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamerServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Default largest request body, in bytes: a message and its envelope. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

  /** Default number of requests served at once. */
  public static final int DEFAULT_THREADS = 4;

  /** Seconds {@link #close()} lets running requests finish. */
  static final int STOP_DELAY_SECONDS = 1;

  private final HttpServer server;
  private final ExecutorService pool;
  private final StreamerAssistant assistant;
  private final Function<Answer, Object> answerView;
  private final int maxBodyBytes;

  private StreamerServer(Builder b) throws IOException {
    this.assistant = b.assistant;
    this.answerView = b.answerView;
    this.maxBodyBytes = b.maxBodyBytes;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
    this.pool =
        Executors.newFixedThreadPool(
            b.threads,
            task -> {
              Thread t = new Thread(task, "elavira-streamer");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * A builder for a server over {@code assistant}, writing each answer as {@code
   * answerView.apply(answer)} serialised with Jackson.
   */
  public static Builder builder(StreamerAssistant assistant, Function<Answer, Object> answerView) {
    return new Builder(assistant, answerView);
  }

  /** The port the server listens on (the one chosen when 0 was asked for). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting requests, lets running ones finish briefly, and stops the threads. */
  @Override
  public void close() {
    server.stop(STOP_DELAY_SECONDS);
    pool.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      try {
        switch (path) {
          case "/api/ask" -> {
            requireMethod(method, "POST");
            JsonNode body = body(exchange);
            Answer answer = assistant.reply(text(body, "session"), text(body, "message"));
            send(exchange, 200, answerView.apply(answer));
          }
          case "/api/feedback" -> {
            requireMethod(method, "POST");
            JsonNode body = body(exchange);
            JsonNode comment = body.get("comment");
            Feedback f =
                assistant.feedback(
                    text(body, "session"),
                    text(body, "traceId"),
                    Rating.parse(text(body, "rating")),
                    comment == null || comment.isNull() ? null : comment.asText());
            send(exchange, 200, JSON.createObjectNode().put("feedbackId", f.id()));
          }
          case "/health" -> {
            requireMethod(method, "GET");
            StreamerAssistant.Status status = assistant.status();
            ObjectNode health = JSON.createObjectNode();
            health.put("status", status.modelAvailable() ? "UP" : "DEGRADED");
            health
                .putObject("model")
                .put("available", status.modelAvailable())
                .put("detail", status.modelDetail());
            health.put("documents", status.documents());
            send(exchange, 200, health);
          }
          default -> throw new HttpError(404, "not_found", "No endpoint " + path);
        }
      } catch (HttpError e) {
        error(exchange, e.status, e.type, Objects.toString(e.getMessage(), e.type));
      } catch (InputRejectedException | IllegalArgumentException e) {
        error(exchange, 400, "invalid_request", Objects.toString(e.getMessage(), "invalid"));
      } catch (RuntimeException e) {
        LOG.warn("Request {} {} failed", method, path, e);
        error(exchange, 500, "internal", "The request failed; see the server log.");
      }
    }
  }

  private static void requireMethod(String method, String expected) {
    if (!method.equals(expected)) {
      throw new HttpError(405, "method_not_allowed", "Use " + expected);
    }
  }

  /** Reads at most {@link #maxBodyBytes} (one more tells it is too large) and parses it. */
  private JsonNode body(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(maxBodyBytes + 1);
    }
    if (bytes.length > maxBodyBytes) {
      throw new HttpError(413, "too_large", "The request body is over " + maxBodyBytes + " bytes.");
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new HttpError(400, "invalid_request", "The body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new HttpError(400, "invalid_request", "The body is not valid JSON.");
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isValueNode() || value.isNull()) {
      throw new HttpError(400, "invalid_request", "\"" + field + "\" is missing.");
    }
    return value.asText();
  }

  private static void error(HttpExchange exchange, int status, String type, String message)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("type", type).put("message", message);
    send(exchange, status, body);
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** An error answered with its own status. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String type;

    HttpError(int status, String type, String message) {
      super(message, null, false, false);
      this.status = status;
      this.type = type;
    }
  }

  /** Configures a {@link StreamerServer}. Not thread-safe; start once. */
  public static final class Builder {
    private final StreamerAssistant assistant;
    private final Function<Answer, Object> answerView;
    private int port;
    private boolean portSet;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private boolean maxBodySet;
    private int threads = DEFAULT_THREADS;
    private boolean threadsSet;

    private Builder(StreamerAssistant assistant, Function<Answer, Object> answerView) {
      this.assistant = Objects.requireNonNull(assistant, "assistant");
      this.answerView = Objects.requireNonNull(answerView, "answerView");
    }

    /**
     * The port on 127.0.0.1; 0 (the default) picks a free one.
     *
     * @throws IllegalArgumentException when not within 0 and 65535
     * @throws IllegalStateException when already set
     */
    public Builder port(int port) {
      requireUnset(portSet, "port");
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be within 0 and 65535, got " + port);
      }
      this.port = port;
      this.portSet = true;
      return this;
    }

    /**
     * Largest request body (default {@value #DEFAULT_MAX_BODY_BYTES}).
     *
     * @throws IllegalArgumentException when below 64
     * @throws IllegalStateException when already set
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      requireUnset(maxBodySet, "maxBodyBytes");
      if (maxBodyBytes < 64) {
        throw new IllegalArgumentException("maxBodyBytes must be >= 64, got " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      this.maxBodySet = true;
      return this;
    }

    /**
     * Requests served at once (default {@value #DEFAULT_THREADS}).
     *
     * @throws IllegalArgumentException when below 1
     * @throws IllegalStateException when already set
     */
    public Builder threads(int threads) {
      requireUnset(threadsSet, "threads");
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got " + threads);
      }
      this.threads = threads;
      this.threadsSet = true;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public StreamerServer start() {
      try {
        return new StreamerServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not listen on 127.0.0.1:" + port + " (in use? pick another --port)", e);
      }
    }

    private static void requireUnset(boolean set, String option) {
      if (set) {
        throw new IllegalStateException(option + " was already set");
      }
    }
  }

  @Override
  public String toString() {
    return "StreamerServer[127.0.0.1:" + port() + "]";
  }
}
