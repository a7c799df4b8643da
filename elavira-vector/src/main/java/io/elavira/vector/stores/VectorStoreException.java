package io.elavira.vector.stores;

import io.elavira.ElaviraException;

/**
 * A vector store or lexical index of {@code elavira-vector} failed: its files cannot be read or
 * written, or its server refused or could not be reached. The message names the store, the
 * directory or URL, and what to do; it never contains record texts or vectors.
 */
public class VectorStoreException extends ElaviraException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, on which store, and what to do
   */
  public VectorStoreException(String message) {
    super(message);
  }

  /**
   * Creates the exception.
   *
   * @param message what failed, on which store, and what to do
   * @param cause the library's exception
   */
  public VectorStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
