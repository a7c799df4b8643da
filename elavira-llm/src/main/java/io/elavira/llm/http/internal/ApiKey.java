package io.elavira.llm.http.internal;

import io.elavira.guard.SecretMasker;
import java.util.Objects;

/**
 * An API key that never shows itself: {@link #toString()} prints a mask, and {@link #scrub(String)}
 * removes it (and any other secret core's {@link SecretMasker} recognises) from text that may reach
 * a message or a log. Not API.
 */
public final class ApiKey {

  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * Wraps a key.
   *
   * @throws IllegalArgumentException when blank or holding a line break (header injection)
   */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "apiKey");
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("the API key is blank");
    }
    if (trimmed.indexOf('\n') >= 0 || trimmed.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("the API key holds a line break");
    }
    return new ApiKey(trimmed);
  }

  /** The key itself: only for the header that carries it. */
  public String reveal() {
    return value;
  }

  /** {@code text} without this key nor any other secret {@link SecretMasker} recognises. */
  public String scrub(String text) {
    return SecretMasker.mask(text, value);
  }

  /** {@code text} without any secret {@link SecretMasker} recognises (keys echoed by a server). */
  public static String scrubKeyLike(String text) {
    return SecretMasker.mask(text);
  }

  /** A mask: never the key. */
  @Override
  public String toString() {
    return "****";
  }
}
