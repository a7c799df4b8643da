package io.elavira.document;

import java.util.List;

/**
 * Where parsed and chunked documents go: stores them in the system of record, embeds the chunks and
 * updates the search indexes. {@link io.elavira.ElaviraAgent} is one; the ingestion pipeline of
 * {@code elavira-ingest} writes to it.
 *
 * <p>Thread-safe. Indexing is incremental: a document whose content hash is unchanged is not
 * re-embedded. A failure leaves the previous version of the document searchable.
 */
public interface DocumentIndexer {

  /**
   * Indexes a document shared by every user of the agent.
   *
   * @throws io.elavira.ElaviraException when storing or embedding fails; nothing is half-indexed
   */
  IndexResult index(Document document, List<Chunk> chunks);

  /**
   * Indexes a document private to {@code ownerId}: only that user's questions retrieve it.
   *
   * @throws io.elavira.ElaviraException when storing or embedding fails; nothing is half-indexed
   */
  IndexResult index(Document document, List<Chunk> chunks, String ownerId);

  /**
   * Indexes several documents, in order; the same as calling {@link #index} for each, but an
   * indexer may embed their new chunks together, which is much faster for many small files (the
   * agent does). This default calls {@link #index} for each request.
   *
   * @return one result per request, in order
   * @throws io.elavira.ElaviraException when storing or embedding fails; documents indexed before
   *     the failure stay indexed, the others keep their previous version
   */
  default List<IndexResult> indexAll(List<IndexRequest> requests) {
    List<IndexResult> results = new java.util.ArrayList<>(requests.size());
    for (IndexRequest r : requests) {
      results.add(
          r.ownerId() == null
              ? index(r.document(), r.chunks())
              : index(r.document(), r.chunks(), r.ownerId()));
    }
    return results;
  }

  /**
   * Optionally does ahead of time the part of a later {@link #indexAll} of the same requests that
   * writes nothing searchable, for an indexer that embeds: computes and caches the embeddings of
   * their new chunks, so that the later call only stores. A pipeline calls it for the next group of
   * documents on a thread of its own while {@link #indexAll} stores the previous group, so the
   * model does not wait for the store. Calling it or not changes what is indexed in no way; an
   * indexer whose embeddings are not cached should do nothing (this default does nothing). An
   * indexer that wraps another one (to add an owner, to time it) should forward this call too:
   * otherwise a pipeline's model waits for the store again.
   *
   * <p>Threading: may run on another thread than, and at the same time as, {@link #indexAll} of
   * other requests.
   *
   * @throws io.elavira.ElaviraException when embedding fails; what was embedded before stays
   *     cached, and a later {@link #indexAll} of the same requests embeds the rest (and fails the
   *     same way if the cause remains)
   */
  default void embedAhead(List<IndexRequest> requests) {}
}
