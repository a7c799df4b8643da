package io.elavira.document;

import java.util.List;

/**
 * Where parsed and chunked documents go: stores them in the system of record, embeds the chunks
 * and updates the search indexes. {@link io.elavira.ElaviraAgent} is one; the ingestion pipeline
 * of {@code elavira-ingest} writes to it.
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
}
