package io.elavira.store;

import io.elavira.vector.VectorRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Documents, chunks and embeddings: the truth from which vector and lexical indexes are derived.
 *
 * <p><b>Versions.</b> A document's chunks belong to a version. Writing a document is three steps,
 * so that a search sees its old version whole or its new one whole, never a mix: {@link #stage}
 * writes the new version's rows next to the current ones (under new chunk ids, unseen by searches),
 * the caller updates its vector index with them, then {@link #publish} makes the new version the
 * current one and deletes the older rows in one transaction ({@link #discard} drops a staged
 * version instead). {@link #chunks} only returns chunks of current versions, so a vector index hit
 * on a staged or retired chunk resolves to nothing.
 *
 * <p><b>Change log.</b> Every {@link #publish} and {@link #delete} records the document's new
 * version (0 for a deletion) under a sequence number that only grows, in the same transaction:
 * {@link #changesSince} tells an index built by any process what changed since it last looked. On
 * SQLite, writes are serialized, so sequence numbers become visible in order.
 *
 * <p>Thread-safe. Each method is one transaction.
 */
public interface DocumentStore {

  /**
   * The agent's shared document read from {@code location}, if any: {@link #findByLocation(String,
   * String, String)} with no owner.
   */
  default Optional<DocumentRecord> findByLocation(String agentId, String location) {
    return findByLocation(agentId, null, location);
  }

  /**
   * The document of this owner (null: shared by every user) read from {@code location} by the
   * agent, if any: the one that location belongs to (a document may have several locations, see
   * {@link #moveLocation}). A path is unique per agent and owner: two users' private documents read
   * from the same path are two documents, and a shared one at that path a third.
   */
  Optional<DocumentRecord> findByLocation(
      String agentId, @Nullable String ownerId, String location);

  /**
   * The agent's ready document holding the text of this content hash for this owner (null: shared
   * by every user), if any: a byte-identical copy found at another location.
   */
  Optional<DocumentRecord> findByContent(
      String agentId, @Nullable String ownerId, String contentHash);

  /**
   * Moves one of the agent's shared locations, in one transaction: detaches it from the document it
   * belongs to (if any) and attaches it to {@code targetDocumentId} (unless null). A document left
   * without any location is removed as {@link #remove} does; when the location was a document's
   * first one, its next location becomes its {@link DocumentRecord#location()} and name.
   *
   * @param name the file name at that location
   * @param targetDocumentId the agent's document the location now belongs to, or null to forget it
   * @return the id of the document removed because it lost its last location, if any
   * @throws IllegalArgumentException when the target is not a document of the agent
   */
  default Optional<String> moveLocation(
      String agentId, String location, String name, @Nullable String targetDocumentId) {
    return moveLocation(agentId, null, location, name, targetDocumentId);
  }

  /**
   * As {@link #moveLocation(String, String, String, String)}, for the location of this owner's
   * documents (null: the shared ones); other owners' documents at the same path are left alone.
   *
   * @throws IllegalArgumentException when the target is not a document of the agent and owner
   */
  Optional<String> moveLocation(
      String agentId,
      @Nullable String ownerId,
      String location,
      String name,
      @Nullable String targetDocumentId);

  /**
   * Every location of each of these documents, first added first, by document id; documents unknown
   * are absent. Any number of ids may be passed.
   */
  Map<String, List<String>> locations(Collection<String> documentIds);

  /**
   * Every location of the agent's documents, mapped to the id of the document it belongs to; a path
   * several owners' documents were read from maps to the shared document when there is one, else to
   * one of the private ones (use {@link #locationsOf(String, String)} to choose).
   */
  Map<String, String> locationsOf(String agentId);

  /**
   * Every location of the documents of this owner (null: the shared ones) of the agent, mapped to
   * the id of the document it belongs to.
   */
  Map<String, String> locationsOf(String agentId, @Nullable String ownerId);

  /** What the agent knows of its documents (every path, size, dates), by name then first path. */
  List<DocumentInfo> infos(String agentId);

  /** What the agent knows of one of its documents; empty when the id is unknown or not its. */
  Optional<DocumentInfo> info(String agentId, String documentId);

  /**
   * The agent's documents a user may see, by name then first path: the shared ones and the user's
   * own private ones, never another user's (the condition is part of the query).
   */
  List<DocumentInfo> infosVisibleTo(String agentId, String userId);

  /**
   * One of the agent's documents when the user may see it (shared, or the user's own); empty
   * otherwise, as for an unknown id.
   */
  Optional<DocumentInfo> infoVisibleTo(String agentId, String userId, String documentId);

  /**
   * Removes a document for good, in one transaction: its row, chunks (every version) and locations,
   * the cached embeddings (of every model) of texts no other chunk holds, and records the deletion
   * in the change log (a tombstone other processes follow). Unknown ids are ignored.
   *
   * @return true when the document existed
   */
  boolean remove(String documentId);

  /**
   * The highest version of the document, staged or published; 0 when it has none. The next version
   * to stage is this plus one.
   */
  int latestVersion(String documentId);

  /**
   * Writes version {@code document.version()} of the document: its chunk rows, next to the current
   * version's, which stay the ones searched. A new document is created with status {@link
   * DocumentStatus#INDEXING} and version 0 (nothing searchable yet); a document without a published
   * version also takes the name, format, hash and owner given. Rows of older staged versions (left
   * by a failed or crashed write) are deleted.
   *
   * @param document the document, with the version to stage ({@link #latestVersion} + 1); its
   *     status, chunk count and update time are ignored
   * @return the ids of the older staged chunks deleted, for the caller to drop from its index
   * @throws IllegalArgumentException when a chunk belongs to another document, two chunks share an
   *     id or ordinal, the id or location is already used by another document, or the version is
   *     below 1
   * @throws io.elavira.ElaviraException when this or a newer version was staged meanwhile (another
   *     process indexes the same document), or the database fails
   */
  List<String> stage(DocumentRecord document, List<ChunkRecord> chunks);

  /**
   * Makes the staged version {@code document.version()} the one searched, with the document's name,
   * format, hash and owner, status {@link DocumentStatus#READY}; deletes the rows of older versions
   * and records the change, in one transaction.
   *
   * @param document the document as staged; {@code chunkCount} must be the number of chunks staged
   * @return true when that version is now current (also when it already was); false when it was
   *     superseded: the document was deleted, a newer version was published, or its staged rows
   *     were replaced by a newer staging (nothing is changed then)
   */
  boolean publish(DocumentRecord document);

  /**
   * Deletes the rows of a staged version that will not be published; a published version is left
   * alone. A document that never had a version published and has no staged rows left is deleted.
   */
  void discard(String documentId, int version);

  /**
   * Deletes the document and its chunks (embeddings stay cached by content hash) and records the
   * deletion in the change log. Unknown ids are ignored.
   */
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

  /**
   * The chunks with these ids that belong to the current version of a ready document, in no
   * particular order; chunks of staged or retired versions, and unknown ids, are absent.
   */
  List<ChunkRecord> chunks(Collection<String> chunkIds);

  /** The chunks of the current version of one document, by ordinal; empty when none is ready. */
  List<ChunkRecord> chunksOf(String documentId);

  /** The chunks of one version of a document, staged or current, by ordinal. */
  List<ChunkRecord> chunksOf(String documentId, int version);

  /** Cached embeddings of {@code modelId} for these content hashes; missing hashes are absent. */
  Map<String, float[]> embeddings(String modelId, Collection<String> contentHashes);

  /** Caches embeddings of {@code modelId} by content hash (existing entries are kept). */
  void putEmbeddings(String modelId, Map<String, float[]> byContentHash);

  /**
   * The vector records of every chunk of the current versions of the agent's ready documents that
   * has an embedding of {@code modelId}, with {@link VectorRecord#AGENT_ID}, {@link
   * VectorRecord#OWNER_ID} (when private) and {@link VectorRecord#DOCUMENT_ID} metadata: what a
   * vector index is rebuilt from.
   */
  List<VectorRecord> indexRecords(String agentId, String modelId);

  /** The number of chunks of the current versions of the agent's ready documents. */
  int countChunks(String agentId);

  /** The sequence of the agent's last document change; 0 when there is none. */
  long lastChange(String agentId);

  /**
   * The last change of each of the agent's documents changed after {@code sequence}, in sequence
   * order. Cheap when nothing changed: one indexed lookup.
   */
  List<DocumentChange> changesSince(String agentId, long sequence);

  /** Counts the agent's documents and chunks, and how many chunks {@code modelId} can search. */
  IndexStatus indexStatus(String agentId, String modelId);
}
