package io.elavira.retrieval;

import io.elavira.vector.Filter;
import java.util.Collection;
import java.util.List;

/**
 * A full-text (BM25) index over chunk texts: the lexical half of hybrid retrieval.
 *
 * <p>Like a {@link io.elavira.vector.VectorStore}, it is derived from the system of record and can
 * be rebuilt from its {@code chunks}; records carry the same metadata ({@link
 * io.elavira.vector.VectorRecord#AGENT_ID}, {@link io.elavira.vector.VectorRecord#OWNER_ID}, {@link
 * io.elavira.vector.VectorRecord#DOCUMENT_ID}), and the {@link Filter} of a search is applied
 * inside it, so {@code topK} matching hits are returned even when most records do not match.
 *
 * <p>Implementations are thread-safe: searches run in parallel with writes and see each write whole
 * or not at all. Finding nothing is not an error: the list is empty. Implementations live outside
 * core (e.g. {@code elavira-vector}'s Lucene index) so core stays free of text-analysis libraries.
 */
public interface LexicalIndex extends AutoCloseable {

  /**
   * Indexes the records, replacing any with the same id.
   *
   * @throws io.elavira.ElaviraException when the index cannot be written
   */
  void upsert(List<LexicalRecord> records);

  /**
   * Deletes the records with these ids; unknown ids are ignored.
   *
   * @throws io.elavira.ElaviraException when the index cannot be written
   */
  void delete(Collection<String> ids);

  /**
   * Deletes every record the filter matches.
   *
   * @return how many records were deleted
   * @throws io.elavira.ElaviraException when the index cannot be written
   */
  int delete(Filter filter);

  /**
   * Finds the records whose text best matches {@code text} (BM25), among those {@code filter}
   * matches, best first. A query with no indexable word (only stop words, punctuation) finds
   * nothing.
   *
   * @param text the user's words, as typed; never parsed as a query language
   * @param topK the most hits to return, 1 or more
   * @param filter applied inside the search; {@link Filter#all()} for none
   * @return at most {@code topK} hits, by decreasing score
   * @throws io.elavira.ElaviraException when the index cannot be read
   */
  List<LexicalHit> search(String text, int topK, Filter filter);

  /** How many records the filter matches. */
  int count(Filter filter);

  /** Flushes and releases resources. Idempotent. */
  @Override
  void close();
}
