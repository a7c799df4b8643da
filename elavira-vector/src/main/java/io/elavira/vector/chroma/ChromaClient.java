package io.elavira.vector.chroma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.vector.stores.VectorStoreException;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/** JSON over HTTP to one Chroma server (REST API v2). Thread-safe. */
final class ChromaClient {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl base;
  private final ObjectMapper mapper;

  ChromaClient(OkHttpClient http, HttpUrl base, ObjectMapper mapper) {
    this.http = http;
    this.base = base;
    this.mapper = mapper;
  }

  com.fasterxml.jackson.databind.node.ObjectNode mapperNode() {
    return mapper.createObjectNode();
  }

  HttpUrl base() {
    return base;
  }

  JsonNode get(String... path) {
    return call(new Request.Builder().url(url(path)).get().build(), false);
  }

  JsonNode post(Object body, String... path) {
    return post(body, false, path);
  }

  /** POST; when {@code conflictIsFine}, a 409 (already exists) is not an error. */
  JsonNode post(Object body, boolean conflictIsFine, String... path) {
    byte[] json;
    try {
      json = mapper.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a Chroma request", e);
    }
    return call(
        new Request.Builder().url(url(path)).post(RequestBody.create(json, JSON)).build(),
        conflictIsFine);
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
      throw new VectorStoreException(
          "Chroma at "
              + base
              + " answered "
              + response.code()
              + " to "
              + where
              + errorOf(text)
              + (response.code() >= 500 ? "; check the server's log" : ""));
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
}
