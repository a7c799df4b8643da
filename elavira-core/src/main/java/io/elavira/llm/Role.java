package io.elavira.llm;

/** Who wrote a {@link ChatMessage}. */
public enum Role {
  /** Instructions that frame the whole conversation. */
  SYSTEM,
  /** The person asking. */
  USER,
  /** The model (or the agent, in extractive mode). */
  ASSISTANT
}
