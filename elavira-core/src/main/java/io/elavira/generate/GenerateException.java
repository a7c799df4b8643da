package io.elavira.generate;

import io.elavira.ElaviraException;

/**
 * Generation failed: a template is missing or malformed, a stored record cannot be read, or a
 * profile cannot be built. The message names the template, file or record and what to do; it never
 * quotes the person's documents.
 */
public class GenerateException extends ElaviraException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message. */
  public GenerateException(String message) {
    super(message);
  }

  /** A failure with a message and its cause. */
  public GenerateException(String message, Throwable cause) {
    super(message, cause);
  }
}
