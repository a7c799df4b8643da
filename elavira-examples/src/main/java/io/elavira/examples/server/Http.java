package io.elavira.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elavira.examples.cli.ErrorJson;
import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** Reading JSON bodies and writing JSON answers, with one configured mapper. Thread-safe. */
final class Http {
  static final String JSON_TYPE = "application/json; charset=utf-8";
  static final String PRINCIPAL = "elavira.principal";

  private final ObjectMapper mapper;

  Http() {
    this.mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /**
   * The request body as {@code type}.
   *
   * @throws ApiException 400 when the body is not JSON of that shape
   */
  <T> T body(Context ctx, Class<T> type) {
    String body = ctx.body();
    if (body.isBlank()) {
      throw ApiException.badRequest(ErrorJson.INVALID_ARGUMENT, "The request needs a JSON body.");
    }
    try {
      T value = mapper.readValue(body, type);
      if (value == null) {
        throw ApiException.badRequest(ErrorJson.INVALID_ARGUMENT, "The body is JSON null.");
      }
      return value;
    } catch (JsonProcessingException e) {
      // The parser's message quotes the body: say only where it failed.
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT,
          "The body is not the JSON this endpoint takes (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "); see /api/openapi.json.");
    }
  }

  /** Writes {@code value} as JSON with {@code status}. */
  void json(Context ctx, int status, Object value) {
    try {
      ctx.status(status).contentType(JSON_TYPE).result(mapper.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write a response as JSON", e);
    }
  }

  /** Writes the error object with {@code status}. */
  void error(Context ctx, int status, String type, String message) {
    json(ctx, status, ErrorJson.body(type, message));
  }

  /** The verified caller of a USER or ADMIN route. */
  static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL);
    if (principal == null) {
      throw new IllegalStateException("A route needing a user ran without one");
    }
    return principal;
  }

  /**
   * A required text field.
   *
   * @throws ApiException 400 when it is missing or blank
   */
  static String required(@Nullable String value, String field) {
    if (value == null || value.isBlank()) {
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT, "The field " + field + " is required.");
    }
    return value;
  }

  /**
   * An optional text field of at most {@code maxChars} characters.
   *
   * @throws ApiException 400 when it is longer
   */
  static @Nullable String limited(@Nullable String value, String field, int maxChars) {
    if (value != null && value.length() > maxChars) {
      throw ApiException.badRequest(
          ErrorJson.INVALID_ARGUMENT,
          "The field " + field + " has more than " + maxChars + " characters.");
    }
    return value;
  }
}
