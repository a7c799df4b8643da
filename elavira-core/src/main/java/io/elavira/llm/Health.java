package io.elavira.llm;

import java.util.Objects;

/**
 * Whether a provider answered a health check, and what it said.
 *
 * @param available true when the provider can take calls now
 * @param detail a short human-readable explanation ("ok", "connection refused on
 *     http://localhost:11434"), never a secret
 */
public record Health(boolean available, String detail) {
  /** Validates that detail is present. */
  public Health {
    Objects.requireNonNull(detail, "detail");
  }

  /** A healthy provider. */
  public static Health up(String detail) {
    return new Health(true, detail);
  }

  /** An unavailable provider, with the reason. */
  public static Health down(String detail) {
    return new Health(false, detail);
  }
}
