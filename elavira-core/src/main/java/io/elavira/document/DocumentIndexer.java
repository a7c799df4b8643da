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
}
