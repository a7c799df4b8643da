package io.elavira;

/** How an {@link Answer} was produced. */
public enum AnswerMode {
  /** A language model wrote the answer from the retrieved passages and the conversation. */
  GENERATED,
  /**
   * No language model was configured or every provider failed: the answer is made of the best
   * retrieved passages, quoted with their sources. Not an error.
   */
  EXTRACTIVE
}
