package io.elavira.guard;

import io.elavira.ElaviraException;

/**
 * A user's input was refused before anything was done with it (empty, too long). Nothing was
 * retrieved, sent to a model or persisted. The message says which limit was hit; it never contains
 * the input itself.
 */
public class InputRejectedException extends ElaviraException {
  private static final long serialVersionUID = 1L;

  /** Creates a rejection with a message naming the limit that was hit. */
  public InputRejectedException(String message) {
    super(message);
  }
}
