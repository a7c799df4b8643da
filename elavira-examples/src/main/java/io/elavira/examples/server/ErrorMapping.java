package io.elavira.examples.server;

import io.elavira.ElaviraException;
import io.elavira.document.IngestException;
import io.elavira.examples.cli.ErrorJson;
import io.elavira.guard.InputRejectedException;
import io.elavira.llm.LlmException;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failure becomes for the client: HTTP status, error type (the CLI's {@link ErrorJson}
 * types, plus the server's own) and a message. Failures the client cannot act on (storage, bugs)
 * are logged with an incident id, and the client gets only that id: their messages may name files
 * of the server.
 */
final class ErrorMapping {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

  record Mapped(int status, String type, String message) {}

  private ErrorMapping() {}

  static Mapped map(Exception e) {
    if (e instanceof ApiException api) {
      return new Mapped(api.status(), api.type(), message(api));
    }
    if (e instanceof HttpResponseException http) {
      return new Mapped(http.getStatus(), typeOf(http.getStatus()), message(http));
    }
    if (e instanceof InputRejectedException) {
      return new Mapped(400, ErrorJson.INVALID_INPUT, message(e));
    }
    if (e instanceof IllegalArgumentException) {
      return new Mapped(400, ErrorJson.INVALID_ARGUMENT, message(e));
    }
    if (e instanceof LlmException) {
      return new Mapped(502, ErrorJson.LLM, message(e));
    }
    if (e instanceof IngestException) {
      return new Mapped(422, ErrorJson.INGEST, message(e));
    }
    String incident = UUID.randomUUID().toString();
    LOG.error("Request failed, incident {}", incident, e);
    return new Mapped(
        500,
        e instanceof ElaviraException ? ErrorJson.ELAVIRA : ErrorJson.INTERNAL,
        "The server failed (incident " + incident + "); its log has the details.");
  }

  private static String message(Exception e) {
    String message = e.getMessage();
    return message != null ? message : e.getClass().getSimpleName();
  }

  private static String typeOf(int status) {
    return switch (status) {
      case 401 -> ApiException.UNAUTHORIZED;
      case 403 -> ApiException.FORBIDDEN;
      case 404 -> ApiException.NOT_FOUND;
      case 413 -> ApiException.PAYLOAD_TOO_LARGE;
      case 415 -> ApiException.UNSUPPORTED_MEDIA_TYPE;
      case 429 -> ApiException.RATE_LIMITED;
      default -> status < 500 ? ErrorJson.INVALID_ARGUMENT : ErrorJson.INTERNAL;
    };
  }
}
