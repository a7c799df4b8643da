package io.elavira.retrieval;

import io.elavira.Source;
import java.util.List;

/**
 * Finds the passages of an agent's documents that best answer a question.
 *
 * <p>Implementations are thread-safe. They only ever return passages of the query's agent that are
 * shared or owned by the query's user. Finding nothing is not an error: the list is empty.
 */
public interface Retriever {

  /**
   * Retrieves passages, best first.
   *
   * @return at most {@code query.topK()} passages, sorted by decreasing score
   * @throws io.elavira.ElaviraException when embedding the question or searching fails
   */
  List<Source> retrieve(RetrievalQuery query);
}
