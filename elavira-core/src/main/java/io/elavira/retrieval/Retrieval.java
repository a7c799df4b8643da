package io.elavira.retrieval;

import java.util.List;

/**
 * What a {@link HybridRetriever} found for a question.
 *
 * @param passages the passages, best first (identical texts collapsed); may be empty
 * @param weakMatch true when no passage matches the question well: the best cosine similarity of
 *     any passage in scope is below the retriever's threshold (or, with the dense side off, the
 *     lexical side found nothing). An answer built on weak passages should say so rather than quote
 *     them as if they answered.
 */
public record Retrieval(List<Passage> passages, boolean weakMatch) {
  /** Copies. */
  public Retrieval {
    passages = List.copyOf(passages);
  }
}
