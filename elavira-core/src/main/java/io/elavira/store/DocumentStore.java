package io.elavira.store;

import io.elavira.vector.VectorRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Documents, chunks and embeddings: the truth from which vector and lexical indexes are derived.
 *
 * <p>Thread-safe. Each method is one transaction.
 */
public interface DocumentStore {

  /** The document read from {@code location} by the agent, if any. */
  Optional<DocumentRecord> findByLocation(String agentId, String location);

  /**
   * Writes the document with status {@link DocumentStatus#INDEXING} and replaces all its chunks, in
   * one transaction.
   *
   * <p>The store sets the version (1 for a new document, incremented when the content hash differs
   * from the stored one), the chunk count ({@code chunks.size()}) and the update time; those fields
   * of {@code document} are ignored.
   *
   * @throws IllegalArgumentException when a chunk belongs to another document, two chunks share an
   *     id or ordinal, or the id or location is already used by another document
   */
  void save(DocumentRecord document, List<ChunkRecord> chunks);

  /** Marks the document {@link DocumentStatus#READY}. */
  void markReady(String documentId);

  /** Deletes the document and its chunks (embeddings stay cached by content hash). */
  void delete(String documentId);

  /**
   * The documents with these ids that exist, keyed by id; unknown ids are absent. Any number of ids
   * may be passed (they are read in batches).
   */
  Map<String, DocumentRecord> byIds(Collection<String> documentIds);

  /** The agent's documents, by name. */
  List<DocumentRecord> list(String agentId);

  /** Every document with the given status, of every agent (for reconciliation on open). */
  List<DocumentRecord> withStatus(DocumentStatus status);

  /** The chunks with these ids that exist, in no particular order. */
  List<ChunkRecord> chunks(Collection<String> chunkIds);

  /** The chunks of one document, by ordinal. */
  List<ChunkRecord> chunksOf(String documentId);

  /** Cached embeddings of {@code modelId} for these content hashes; missing hashes are absent. */
  Map<String, float[]> embeddings(String modelId, Collection<String> contentHashes);

  /** Caches embeddings of {@code modelId} by content hash (existing entries are kept). */
  void putEmbeddings(String modelId, Map<String, float[]> byContentHash);

  /**
   * The vector records of every chunk of the agent's ready documents that has an embedding of
   * {@code modelId}, with {@link VectorRecord#AGENT_ID}, {@link VectorRecord#OWNER_ID} (when
   * private) and {@link VectorRecord#DOCUMENT_ID} metadata: what a vector index is rebuilt from.
   */
  List<VectorRecord> indexRecords(String agentId, String modelId);

  /** The number of chunks of the agent's ready documents. */
  int countChunks(String agentId);
}
