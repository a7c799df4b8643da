package io.elavira;

import io.elavira.guard.SecretMasker;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception Elavira throws on purpose.
 *
 * <p>Unchecked, like Jdbi's {@code JdbiException}: checked exceptions from libraries (I/O, SQL,
 * PDF, HTTP) are wrapped where they enter Elavira. Messages name what failed (file, field,
 * provider, model, HTTP status) and what to do; they never contain API keys, prompts or document
 * text.
 *
 * <p>API misuse (a null argument, a builder conflict, a closed agent) is reported with the JDK's
 * {@link IllegalArgumentException} or {@link IllegalStateException} instead.
 */
public class ElaviraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message that says what failed and what to do. Secrets and personal
   * data in it (keys, passwords in URLs, e-mail addresses, phone numbers) are masked by {@link
   * io.elavira.guard.SecretMasker}.
   */
  public ElaviraException(String message) {
    super(SecretMasker.maskNullable(message));
  }

  /**
   * Creates an exception that wraps the library exception that caused it; its message is masked as
   * {@link #ElaviraException(String)} says.
   */
  public ElaviraException(String message, @Nullable Throwable cause) {
    super(SecretMasker.maskNullable(message), cause);
  }
}
