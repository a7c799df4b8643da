package io.elavira.vector;

import java.util.Collection;
import java.util.List;

/**
 * Stores vectors with metadata and finds the nearest ones to a query.
 *
 * <p>Elavira treats a vector store as a derived index: the SQLite system of record holds every
 * chunk and embedding, and the index can be rebuilt from it. Implementations are thread-safe; those
 * holding files, connections or threads release them in {@link #close()}.
 *
 * <p>Errors: an {@link io.elavira.ElaviraException} naming the store (and server URL) and what
 * failed. A search with no match returns an empty list; it is not an error. A vector whose
 * dimension differs from the store's is rejected with {@link IllegalArgumentException}.
 */
public interface VectorStore extends AutoCloseable {

  /** Inserts the records, replacing any with the same id. */
  void upsert(List<VectorRecord> records);

  /** Deletes the records with these ids; unknown ids are ignored. */
  void delete(Collection<String> ids);

  /**
   * Deletes every record the filter matches.
   *
   * @return how many records were deleted
   */
  int delete(Filter filter);

  /**
   * Finds the nearest records among those the request's filter matches, best first.
   *
   * @return at most {@code topK} hits, sorted by decreasing score
   */
  List<SearchHit> search(SearchRequest request);

  /** How many records the filter matches. */
  int count(Filter filter);

  /** Flushes and releases resources. Idempotent. Does nothing by default. */
  @Override
  default void close() {}
}
