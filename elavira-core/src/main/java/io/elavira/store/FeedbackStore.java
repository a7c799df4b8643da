package io.elavira.store;

import java.io.Writer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Users' ratings and comments on answers, kept with the answers' messages, and their export for
 * evaluation. An answer is named by its trace id ({@link io.elavira.Answer#traceId()}, which the
 * CLI's {@code --json} output shows).
 *
 * <p>Thread-safe. Each method is one transaction; giving and exporting feedback are recorded in the
 * audit log (without the comment).
 */
public interface FeedbackStore {

  /**
   * Records a user's rating of an answer, replacing that user's earlier feedback on it.
   *
   * @param traceId the trace id of the answer
   * @param userId who rates, or null when not known
   * @param rating thumbs or stars
   * @param comment a comment, or null
   * @return the feedback stored
   * @throws IllegalArgumentException when no answer has that trace id
   * @throws io.elavira.ElaviraException when the database fails
   */
  Feedback give(String traceId, @Nullable String userId, Rating rating, @Nullable String comment);

  /**
   * The feedback on the agent's answers, oldest first; every agent's when {@code agentId} is null.
   */
  List<Feedback> list(@Nullable String agentId);

  /**
   * Writes the feedback on the agent's answers (every agent's when null) as JSON Lines, oldest
   * first: one object per line with {@code traceId, agentId, conversationId, userId, question,
   * answer, provider, model, rating, scale, comment, createdAt} ({@code question} is the user
   * message the answer replied to; absent values are null). The writer is flushed, not closed.
   *
   * @return the number of lines written
   * @throws io.elavira.ElaviraException when the database or the writer fails
   */
  int exportJsonl(@Nullable String agentId, Writer out);
}
