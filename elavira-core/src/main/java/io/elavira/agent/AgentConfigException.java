package io.elavira.agent;

import io.elavira.ElaviraException;
import org.jspecify.annotations.Nullable;

/**
 * An agent configuration that cannot be used: unreadable file, unknown or invalid field, a literal
 * secret, or a component whose module is missing. The message names the file (or agent), the field
 * and what to do; it never quotes a secret.
 */
public final class AgentConfigException extends ElaviraException {
  private static final long serialVersionUID = 1L;

  /** An error with its message. */
  public AgentConfigException(String message) {
    super(message);
  }

  /** An error with its message and cause. */
  public AgentConfigException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
