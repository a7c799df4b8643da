package io.elavira.retrieval;

import java.util.Objects;

/**
 * What to retrieve: passages for one user's question, within one agent's documents.
 *
 * @param agentId the agent whose documents are searched
 * @param userId the user asking; their private documents are searched along with the shared ones
 * @param text the question
 * @param topK the most passages to return, 1 or more
 * @param minScore passages scoring below this are dropped (cosine for dense retrieval)
 */
public record RetrievalQuery(
    String agentId, String userId, String text, int topK, double minScore) {
  /** Validates. */
  public RetrievalQuery {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(text, "text");
    if (topK < 1) {
      throw new IllegalArgumentException("topK must be >= 1, got " + topK);
    }
  }

  /** Does not print the question: it may hold private text. */
  @Override
  public String toString() {
    return "RetrievalQuery[agent="
        + agentId
        + ", user="
        + userId
        + ", chars="
        + text.length()
        + ", topK="
        + topK
        + ", minScore="
        + minScore
        + "]";
  }
}
