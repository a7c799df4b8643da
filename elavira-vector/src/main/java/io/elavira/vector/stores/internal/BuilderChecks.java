package io.elavira.vector.stores.internal;

import org.jspecify.annotations.Nullable;

/**
 * The checks every store builder runs as an option is set: an option is set once, and a number is
 * within its range. One copy for every store, so they all fail with the same words. Not API.
 */
public final class BuilderChecks {
  private BuilderChecks() {}

  /**
   * Refuses setting {@code option} a second time.
   *
   * @param unset whether the option still has no value
   * @param current its value, named in the message
   * @throws IllegalStateException when the option was already set
   */
  public static void once(boolean unset, String option, @Nullable Object current) {
    if (!unset) {
      throw new IllegalStateException(option + " was already set to " + current);
    }
  }

  /**
   * {@code value} when it is within [{@code min}, {@code max}].
   *
   * @throws IllegalArgumentException when it is not, naming the option and the range
   */
  public static int range(String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          option + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
