package io.elavira.agent;

import java.util.Locale;

/**
 * What an agent does with a request its guards flag (a prompt injection, for instance): written
 * {@code "block"}, {@code "flag"} or {@code "allow"} in a configuration file.
 */
public enum GuardPolicy {
  /** Refuse the request. */
  BLOCK,
  /** Answer, marking what was flagged in the trace. */
  FLAG,
  /** Answer as if nothing was flagged. */
  ALLOW;

  /**
   * The policy written {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static GuardPolicy fromName(String name) {
    for (GuardPolicy p : values()) {
      if (p.name().equalsIgnoreCase(name.trim())) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "guard must be one of block, flag, allow; got '" + name + "'");
  }

  /** The name written in configuration files. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
