package io.elavira.internal;

import io.elavira.Source;
import io.elavira.retrieval.HybridRetriever;
import io.elavira.retrieval.Passage;
import io.elavira.retrieval.Retrieval;
import io.elavira.retrieval.RetrievalQuery;
import io.elavira.retrieval.Retriever;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the retrieval stage asks: the passages for a question and whether any matches it well. Not
 * API. Implementations are thread-safe.
 */
@FunctionalInterface
public interface PassageSearch {

  /**
   * Retrieves passages, best first, with the weak-match flag.
   *
   * @throws io.elavira.ElaviraException when embedding the question or searching fails
   */
  Retrieval search(RetrievalQuery query);

  /**
   * The passages {@link #search} finds, best first, each as the source named after all the
   * documents it was found in: what {@link io.elavira.ElaviraAgent#retrieve} returns.
   *
   * @throws io.elavira.ElaviraException when embedding the question or searching fails
   */
  default List<Source> sources(RetrievalQuery query) {
    return search(query).passages().stream().map(Passage::named).toList();
  }

  /** The search of a {@link HybridRetriever}, whatever its weights. */
  static PassageSearch of(HybridRetriever retriever) {
    Objects.requireNonNull(retriever, "retriever");
    return retriever::search;
  }

  /**
   * The search of a dense-only retriever whose {@link Source#score()} is the cosine similarity:
   * weak when nothing is found or the best score is below {@code weakMatchBelow}, the threshold
   * {@link HybridRetriever} applies to its dense side.
   */
  static PassageSearch dense(Retriever retriever, double weakMatchBelow) {
    Objects.requireNonNull(retriever, "retriever");
    return query -> {
      List<Source> sources = retriever.retrieve(query);
      List<Passage> passages = new ArrayList<>(sources.size());
      for (int i = 0; i < sources.size(); i++) {
        Source s = sources.get(i);
        passages.add(new Passage(s, List.of(), s.score(), i + 1, 0));
      }
      boolean weak = sources.isEmpty() || sources.get(0).score() < weakMatchBelow;
      return new Retrieval(passages, weak);
    };
  }
}
