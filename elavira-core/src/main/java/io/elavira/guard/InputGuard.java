package io.elavira.guard;

import org.jspecify.annotations.Nullable;

/**
 * Checks a question against the input limits before the request path runs.
 *
 * <p>Immutable and thread-safe.
 */
public final class InputGuard {
  private final int maxQuestionChars;

  /**
   * Creates a guard.
   *
   * @param maxQuestionChars the longest question accepted, in characters (1 or more)
   * @throws IllegalArgumentException when {@code maxQuestionChars} is below 1
   */
  public InputGuard(int maxQuestionChars) {
    if (maxQuestionChars < 1) {
      throw new IllegalArgumentException("maxQuestionChars must be >= 1, got " + maxQuestionChars);
    }
    this.maxQuestionChars = maxQuestionChars;
  }

  /** The longest question accepted, in characters. */
  public int maxQuestionChars() {
    return maxQuestionChars;
  }

  /**
   * Accepts the question or says why not.
   *
   * @param question the user's question
   * @throws InputRejectedException when the question is null or blank
   * @throws LimitExceededException when it is longer than {@link #maxQuestionChars()}
   */
  public void check(@Nullable String question) {
    if (question == null || question.isBlank()) {
      throw new InputRejectedException("question is empty: ask something");
    }
    if (question.length() > maxQuestionChars) {
      throw new LimitExceededException(
          "question is too long (" + question.length() + " characters)",
          "maxQuestionChars",
          String.valueOf(maxQuestionChars));
    }
  }
}
