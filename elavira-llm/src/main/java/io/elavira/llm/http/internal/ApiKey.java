package io.elavira.llm.http.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API key that never shows itself: {@link #toString()} prints a mask, and {@link #scrub(String)}
 * removes it (and anything that looks like a provider key) from text that may reach a message or a
 * log. Not API.
 */
public final class ApiKey {
  /** Things shaped like keys that servers echo back in error messages ("sk-abc...xyz"). */
  private static final Pattern KEY_LIKE =
      Pattern.compile("\\b(sk|pk|key|sess)-[A-Za-z0-9_*.\\-]{6,}");

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

  /** {@code text} without this key nor anything shaped like a key. */
  public String scrub(String text) {
    return scrubKeyLike(text.replace(value, "****"));
  }

  /** {@code text} without anything shaped like a provider key. */
  public static String scrubKeyLike(String text) {
    return KEY_LIKE.matcher(text).replaceAll("$1-****");
  }

  /** A mask: never the key. */
  @Override
  public String toString() {
    return "****";
  }
}
