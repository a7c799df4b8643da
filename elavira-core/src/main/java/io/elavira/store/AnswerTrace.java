package io.elavira.store;

import io.elavira.agent.Route;
import io.elavira.llm.ConsensusOutcome;
import io.elavira.llm.Role;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The stored trace of one answer, found by its trace id ({@link ConversationStore#answer(String)}):
 * the agent whose conversation holds it, and the answer as it was stored in the same write as its
 * text — provider, model, every provider attempt, {@link StoredMessage#route() the route} and
 * {@link StoredMessage#consensus() the consensus} with every worker's answer or failure. It shows
 * nothing the answer did not show when it was given: no question, no prompt, no key.
 *
 * <p>Immutable and thread-safe. {@link #toString()} prints no text (it may quote private
 * documents).
 *
 * @param agentId the agent of the conversation that holds the answer
 * @param answer the stored answer (an {@link Role#ASSISTANT} message)
 */
public record AnswerTrace(String agentId, StoredMessage answer) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException when {@code answer} is not an assistant message
   */
  public AnswerTrace {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(answer, "answer");
    if (answer.role() != Role.ASSISTANT) {
      throw new IllegalArgumentException("a trace is an answer's, got a " + answer.role());
    }
  }

  /** How the answer's request was routed and why; null when the agent had no route policy. */
  public @Nullable Route route() {
    return answer.route();
  }

  /** How several models made the answer; null when no consensus did. */
  public @Nullable ConsensusOutcome consensus() {
    return answer.consensus();
  }

  @Override
  public String toString() {
    return "AnswerTrace[agent=" + agentId + ", " + answer + "]";
  }
}
