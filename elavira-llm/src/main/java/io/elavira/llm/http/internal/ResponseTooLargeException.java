package io.elavira.llm.http.internal;

import java.io.IOException;

/** A response went past maxResponseBytes. Not API. */
final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  ResponseTooLargeException(long limit) {
    super("more than " + limit + " bytes");
  }
}
