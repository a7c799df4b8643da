package io.elavira.guard;

import java.util.Objects;

/**
 * A request went over one of the limits of the agent's {@link GuardPolicy}: the question's length
 * in characters or tokens, the messages of the conversation, the prompt's tokens, or the time of
 * the turn. Nothing was sent to a model and nothing was stored. The message names the limit, its
 * setting and the {@link GuardPolicy} method that sets it, e.g. {@code "question is 5012
 * characters; limit maxQuestionChars=4000 (GuardPolicy.maxQuestionChars)"}; it never contains the
 * input itself.
 */
public class LimitExceededException extends InputRejectedException {
  private static final long serialVersionUID = 1L;

  private final String limit;
  private final String setting;

  /**
   * Creates a rejection.
   *
   * @param what what was measured, e.g. {@code "question is 5012 characters"}
   * @param limit the limit's name, as in {@link GuardPolicy}, e.g. {@code "maxQuestionChars"}
   * @param setting the limit's value, e.g. {@code "4000"} or {@code "PT2M"}
   */
  public LimitExceededException(String what, String limit, String setting) {
    super(
        Objects.requireNonNull(what, "what")
            + "; limit "
            + Objects.requireNonNull(limit, "limit")
            + "="
            + Objects.requireNonNull(setting, "setting")
            + " (GuardPolicy."
            + limit
            + ")");
    this.limit = limit;
    this.setting = setting;
  }

  /** The limit's name, as in {@link GuardPolicy}, e.g. {@code "maxQuestionChars"}. */
  public String limit() {
    return limit;
  }

  /** The limit's value as set, e.g. {@code "4000"} or {@code "PT2M"}. */
  public String setting() {
    return setting;
  }
}
