package io.elavira.vector.chroma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.vector.stores.VectorStoreException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * JSON over HTTP to one Chroma server (REST API v2). Reads (GET, and the {@code query} and {@code
 * get} POSTs) are tried up to {@value #READ_ATTEMPTS} times when the server answers 5xx: Chroma 1.0
 * answers 500 "Error creating hnsw segment reader: Nothing found on disk" to a query that races the
 * first flush of a collection's index (chroma-core/chroma#4212), and a read can simply be asked
 * again. Writes are never repeated. Thread-safe.
 */
final class ChromaClient {
  /** Attempts of a read answered 5xx, the first included. */
  static final int READ_ATTEMPTS = 3;

  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl base;
  private final ObjectMapper mapper;
  private final Retry reads;

  ChromaClient(OkHttpClient http, HttpUrl base, ObjectMapper mapper) {
    this.http = http;
    this.base = base;
    this.mapper = mapper;
    this.reads =
        Retry.of(
            "chroma-reads",
            RetryConfig.custom()
                .maxAttempts(READ_ATTEMPTS)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(50), 2))
                .retryOnException(e -> e instanceof ServerError)
                .build());
  }

  com.fasterxml.jackson.databind.node.ObjectNode mapperNode() {
    return mapper.createObjectNode();
  }

  HttpUrl base() {
    return base;
  }

  /** A read: GET, asked again on a server error. */
  JsonNode get(String... path) {
    return read(new Request.Builder().url(url(path)).get().build());
  }

  /** A read sent as a POST ({@code query}, {@code get}): asked again on a server error. */
  JsonNode read(Object body, String... path) {
    return read(new Request.Builder().url(url(path)).post(json(body)).build());
  }

  /** A write: sent once. */
  JsonNode post(Object body, String... path) {
    return post(body, false, path);
  }

  /** A write, sent once; when {@code conflictIsFine}, a 409 (already exists) is not an error. */
  JsonNode post(Object body, boolean conflictIsFine, String... path) {
    return call(new Request.Builder().url(url(path)).post(json(body)).build(), conflictIsFine);
  }

  private RequestBody json(Object body) {
    try {
      return RequestBody.create(mapper.writeValueAsBytes(body), JSON);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a Chroma request", e);
    }
  }

  private JsonNode read(Request request) {
    try {
      return reads.executeSupplier(() -> call(request, false));
    } catch (ServerError e) {
      throw new VectorStoreException(e.getMessage() + " (" + READ_ATTEMPTS + " attempts)", e);
    }
  }

  private HttpUrl url(String... path) {
    HttpUrl.Builder b = base.newBuilder().addPathSegments("api/v2");
    for (String segment : path) {
      b.addPathSegment(segment);
    }
    return b.build();
  }

  private JsonNode call(Request request, boolean conflictIsFine) {
    String where = request.method() + " " + request.url().encodedPath();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (response.isSuccessful() || (conflictIsFine && response.code() == 409)) {
        return text.isEmpty() ? mapper.createObjectNode() : mapper.readTree(text);
      }
      String message =
          "Chroma at "
              + base
              + " answered "
              + response.code()
              + " to "
              + where
              + errorOf(text)
              + (response.code() >= 500 ? "; check the server's log" : "");
      throw response.code() >= 500 ? new ServerError(message) : new VectorStoreException(message);
    } catch (IOException e) {
      throw new VectorStoreException(
          "cannot reach Chroma at "
              + base
              + " ("
              + where
              + "): "
              + e.getMessage()
              + "; is the server running?",
          e);
    }
  }

  /** Chroma's {@code {"error", "message"}}; its messages name fields, never record contents. */
  private String errorOf(@Nullable String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    try {
      JsonNode error = mapper.readTree(text);
      return ": " + error.path("error").asText() + ": " + error.path("message").asText();
    } catch (IOException e) {
      return "";
    }
  }

  /** A 5xx answer: a read may be asked again. */
  private static final class ServerError extends VectorStoreException {
    private static final long serialVersionUID = 1L;

    ServerError(String message) {
      super(message);
    }
  }
}
