package io.elavira.vector.weaviate;

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

/**
 * JSON over HTTP to one Weaviate server: REST errors ({@code {"error": [{"message"}]}}) and GraphQL
 * errors (under HTTP 200) both become {@link VectorStoreException}s. The API key, when any, is sent
 * as a bearer token and appears nowhere else. Thread-safe.
 */
final class WeaviateClient {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl base;
  private final @Nullable String apiKey;
  private final ObjectMapper mapper;

  WeaviateClient(OkHttpClient http, HttpUrl base, @Nullable String apiKey, ObjectMapper mapper) {
    this.http = http;
    this.base = base;
    this.apiKey = apiKey;
    this.mapper = mapper;
  }

  HttpUrl base() {
    return base;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /** GET; null on 404. */
  @Nullable JsonNode getOrNull(HttpUrl url) {
    return call(request(url).get().build(), true);
  }

  JsonNode send(String method, HttpUrl url, Object body) {
    JsonNode result = call(request(url).method(method, json(body)).build(), false);
    return result == null ? mapper.createObjectNode() : result;
  }

  /** A GraphQL query; errors in the response body fail even under HTTP 200. */
  JsonNode graphQl(String query) {
    JsonNode response = send("POST", url("graphql"), java.util.Map.of("query", query));
    JsonNode errors = response.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      throw new VectorStoreException(
          "Weaviate at "
              + base
              + " answered the GraphQL query with an error: "
              + errors.get(0).path("message").asText());
    }
    return response.path("data");
  }

  HttpUrl url(String... path) {
    HttpUrl.Builder b = base.newBuilder().addPathSegment("v1");
    for (String segment : path) {
      b.addPathSegment(segment);
    }
    return b.build();
  }

  private Request.Builder request(HttpUrl url) {
    Request.Builder b = new Request.Builder().url(url);
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return b;
  }

  private RequestBody json(Object body) {
    try {
      return RequestBody.create(mapper.writeValueAsBytes(body), JSON);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a Weaviate request", e);
    }
  }

  private @Nullable JsonNode call(Request request, boolean notFoundIsNull) {
    String where = request.method() + " " + request.url().encodedPath();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (notFoundIsNull && response.code() == 404) {
        return null;
      }
      if (response.isSuccessful()) {
        return text.isEmpty() ? mapper.createObjectNode() : mapper.readTree(text);
      }
      throw new VectorStoreException(
          "Weaviate at "
              + base
              + " answered "
              + response.code()
              + " to "
              + where
              + errorOf(text)
              + (response.code() == 401 || response.code() == 403
                  ? "; check the API key given to the store"
                  : ""));
    } catch (IOException e) {
      throw new VectorStoreException(
          "cannot reach Weaviate at "
              + base
              + " ("
              + where
              + "): "
              + e.getMessage()
              + "; is the server running?",
          e);
    }
  }

  /** Weaviate's {@code {"error": [{"message": ...}]}}. */
  private String errorOf(String text) {
    try {
      JsonNode error = mapper.readTree(text).path("error");
      return error.isArray() && !error.isEmpty()
          ? ": " + error.get(0).path("message").asText()
          : "";
    } catch (IOException e) {
      return "";
    }
  }
}
