package io.elavira.examples.server;

import io.elavira.ElaviraException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A request the server refuses: answered as {@code {"error": {"type", "message"}}} with {@link
 * #status()}. The message is shown to the client: it names the field or the rule, never a secret or
 * another user's data.
 */
final class ApiException extends ElaviraException {
  private static final long serialVersionUID = 1L;

  static final String UNAUTHORIZED = "unauthorized";
  static final String FORBIDDEN = "forbidden";
  static final String NOT_FOUND = "not_found";
  static final String CONFLICT = "conflict";
  static final String RATE_LIMITED = "rate_limited";
  static final String PAYLOAD_TOO_LARGE = "payload_too_large";
  static final String UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type";
  static final String NOT_IMPLEMENTED = "not_implemented";

  private final int status;
  private final String type;
  private final @Nullable Duration retryAfter;

  ApiException(int status, String type, String message) {
    this(status, type, message, null);
  }

  ApiException(int status, String type, String message, @Nullable Duration retryAfter) {
    super(message);
    this.status = status;
    this.type = type;
    this.retryAfter = retryAfter;
  }

  static ApiException badRequest(String type, String message) {
    return new ApiException(400, type, message);
  }

  static ApiException notFound(String what) {
    return new ApiException(404, NOT_FOUND, what + " not found");
  }

  static ApiException unauthorized(String message) {
    return new ApiException(401, UNAUTHORIZED, message);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
