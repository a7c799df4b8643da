package io.elavira.internal;

import io.elavira.ElaviraException;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.embed.EmbeddingModel;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.store.AuditLog;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentInfo;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.DocumentStore;
import io.elavira.store.internal.ContentHash;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes one document incrementally, replacing its previous version whole.
 *
 * <p><b>Order of work</b>, so that a search sees the old version whole or the new one whole and a
 * failure at any step leaves the old version searchable:
 *
 * <ol>
 *   <li>hash the text: an unchanged, ready document with the same owner is left alone; a text the
 *       agent already holds for the same owner at another location (a byte-identical copy) adds
 *       this location to that document, and nothing is embedded or stored twice;
 *   <li>embed the chunks the cache lacks for the model, and cache them (nothing else is written
 *       when the model fails);
 *   <li>stage the new version's rows under new chunk ids ({@link #chunkId}), next to the current
 *       ones: searches do not see them ({@link DocumentStore#chunks});
 *   <li>upsert the new version's vectors: until the next step they resolve to nothing;
 *   <li>publish: one transaction makes the new version current, deletes the old rows and records
 *       the change for the other processes; from then on the old vectors resolve to nothing;
 *   <li>delete the old version's vectors (a failure here is retried before the next question; the
 *       new version is already whole).
 * </ol>
 *
 * <p>A failure in steps 3 to 5 deletes the new vectors and the staged rows and throws; a crash in
 * between leaves staged rows that no search sees, removed by the next index of the document (a
 * first version a crash left staged is published on the next open by {@link IndexRecovery}).
 *
 * <p><b>Threading.</b> Thread-safe; two calls for the same location, or for the same text, are
 * serialized. Two processes indexing the same document at once: the later staging wins, the other
 * call fails with an {@link ElaviraException} saying so. Two processes indexing two copies of one
 * text at once may store it twice (each is then a document of its own, still consistent).
 */
public final class DocumentIndexWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentIndexWriter.class);

  private final String agentId;
  private final VectorStore vectors;
  private final DocumentStore documents;
  private final AuditLog audit;
  private final ChunkEmbedder embedder;
  private final IndexSync sync;
  private final DocumentRemoval removal;
  private final KeyedLocks locationLocks = new KeyedLocks();
  private final KeyedLocks contentLocks = new KeyedLocks();
  private final GroupEmbedder group;

  /** Creates the writer of one agent, and the {@link IndexSync} that keeps its index current. */
  public DocumentIndexWriter(
      String agentId,
      EmbeddingModel embeddings,
      VectorStore vectors,
      DocumentStore documents,
      AuditLog audit) {
    this(agentId, embeddings, vectors, null, documents, audit);
  }

  /**
   * Creates the writer of one agent that also keeps a lexical index (the host's, not closed here)
   * in step with the database, as the vector index.
   *
   * @param lexical the lexical index, or null for none
   */
  public DocumentIndexWriter(
      String agentId,
      EmbeddingModel embeddings,
      VectorStore vectors,
      @Nullable LexicalIndex lexical,
      DocumentStore documents,
      AuditLog audit) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.vectors = Objects.requireNonNull(vectors, "vectors");
    this.documents = Objects.requireNonNull(documents, "documents");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.embedder =
        new ChunkEmbedder(Objects.requireNonNull(embeddings, "embeddings"), this.documents);
    this.group = new GroupEmbedder(agentId, this.documents, embedder);
    this.sync = new IndexSync(agentId, embedder, vectors, lexical, documents);
    this.removal = new DocumentRemoval(agentId, documents, sync, audit);
  }

  /** Keeps the agent's vector index in step with the database; see {@link IndexSync}. */
  public IndexSync sync() {
    return sync;
  }

  /** Lists and removes the agent's documents; see {@link DocumentRemoval}. */
  public DocumentRemoval removal() {
    return removal;
  }

  /** Embeds chunks through the cache. */
  ChunkEmbedder embedder() {
    return embedder;
  }

  /** The id of the document read from {@code location} by {@code agentId}: stable across runs. */
  static String documentId(String agentId, String location) {
    return "doc-" + ContentHash.of(agentId + '\u0000' + location).substring(0, 32);
  }

  /**
   * The id of a chunk of one staging of a document: {@code <document>@<version>.<token>#<ordinal>}.
   * The random token makes ids new even when a discarded version's number is staged again, so a
   * late delete of the discarded vectors can never remove the new ones.
   */
  static String chunkId(String documentId, int version, String token, int ordinal) {
    return documentId + "@" + version + "." + token + "#" + ordinal;
  }

  /**
   * Indexes the document.
   *
   * @param ownerId the user it is private to, or null when shared
   * @throws ElaviraException naming the document when embedding or storing fails; the previous
   *     version stays searchable
   */
  public IndexResult index(Document document, List<Chunk> chunks, @Nullable String ownerId) {
    return index(document, chunks, ownerId, Map.of());
  }

  /** Indexes under the location's lock; {@code known} holds embeddings already at hand. */
  private IndexResult index(
      Document document, List<Chunk> chunks, @Nullable String ownerId, Map<String, float[]> known) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(chunks, "chunks");
    String hash = ContentHash.of(document.text());
    // Location first, content second (never the other way): two copies of one file indexed at
    // once in this process become one document, not two.
    ReentrantLock lock = locationLocks.lockFor(document.location());
    ReentrantLock contentLock = contentLocks.lockFor(hash);
    lock.lock();
    try {
      contentLock.lock();
      try {
        return indexLocked(document, hash, List.copyOf(chunks), ownerId, known);
      } finally {
        contentLock.unlock();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Indexes the documents in order, after embedding the new chunks of all of them in one call, so
   * that the model sees full batches even when each document has only a few chunks.
   *
   * @throws ElaviraException when embedding or storing fails; documents indexed before the failure
   *     stay indexed
   */
  public List<IndexResult> indexAll(List<IndexRequest> requests) {
    // Handed on, so that each document does not read back from the cache what was just computed;
    // what embedAhead computed for these documents is taken from memory.
    Map<String, float[]> known = group.embedForIndexing(requests);
    List<IndexResult> results = new ArrayList<>(requests.size());
    for (IndexRequest r : requests) {
      results.add(index(r.document(), r.chunks(), r.ownerId(), known));
    }
    return results;
  }

  /**
   * Embeds and caches the chunks that {@link #indexAll} of these requests would embed, without
   * storing anything else: a later {@code indexAll} of them finds every embedding at hand (kept in
   * memory, bounded, besides the cache) and only stores. Lets a caller embed the next documents on
   * one thread while this writer stores the previous ones on another, so that the model does not
   * wait for the store. Each model call's vectors are cached as soon as it returns, as in {@code
   * indexAll}.
   *
   * @throws ElaviraException when the model fails; the batches embedded before stay cached
   */
  public void embedAhead(List<IndexRequest> requests) {
    group.embedAhead(requests);
  }

  private IndexResult indexLocked(
      Document document,
      String hash,
      List<Chunk> chunks,
      @Nullable String ownerId,
      Map<String, float[]> known) {
    long started = System.nanoTime();
    Optional<DocumentRecord> existing =
        documents.findByLocation(agentId, ownerId, document.location());
    if (existing.isPresent() && isCurrent(existing.get(), hash, ownerId)) {
      return new IndexResult(
          existing.get().id(),
          document.name(),
          IndexResult.Status.UNCHANGED,
          existing.get().chunkCount());
    }
    Optional<DocumentRecord> copy =
        documents
            .findByContent(agentId, ownerId, hash)
            .filter(d -> existing.isEmpty() || !existing.get().id().equals(d.id()));
    if (copy.isPresent()) {
      return joinCopy(document, ownerId, existing.isPresent(), copy.get(), started);
    }
    // A location that shared its document with byte-identical copies elsewhere leaves it: the
    // copies keep the document, this location gets a document of its own.
    boolean leavesCopies =
        existing.isPresent()
            && documents
                    .locations(List.of(existing.get().id()))
                    .getOrDefault(existing.get().id(), List.of())
                    .size()
                > 1;
    String documentId =
        existing.isPresent() && !leavesCopies
            ? existing.get().id()
            : newDocumentId(document.location());
    int version = documents.latestVersion(documentId) + 1;
    String token = Integer.toHexString(ThreadLocalRandom.current().nextInt());
    List<ChunkRecord> rows = rows(documentId, version, token, chunks);
    // Embedded first: when the model fails, nothing has been written.
    ChunkEmbedder.EmbeddedChunks embedded =
        embedder.embed("document " + document.name(), rows, known);
    boolean published = existing.isPresent() && existing.get().status() == DocumentStatus.READY;
    if (leavesCopies) {
      documents.moveLocation(agentId, ownerId, document.location(), document.name(), null);
    }
    List<String> previousIds =
        published && !leavesCopies
            ? documents.chunksOf(documentId).stream().map(ChunkRecord::id).toList()
            : List.of();
    DocumentRecord record =
        new DocumentRecord(
            documentId,
            agentId,
            ownerId,
            document.name(),
            document.location(),
            document.format(),
            hash,
            DocumentStatus.INDEXING,
            version,
            rows.size(),
            Instant.now(),
            sizeBytes(document));
    List<String> abandoned;
    try {
      abandoned = documents.stage(record, rows);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failed(document, e);
    }
    sync.discard(abandoned);
    List<String> newIds = rows.stream().map(ChunkRecord::id).toList();
    boolean won;
    try {
      vectors.upsert(vectorRecords(rows, embedded.byHash(), agentId, documentId, ownerId));
      sync.indexText(rows, documentId, ownerId);
      won = documents.publish(record);
    } catch (RuntimeException e) {
      rollBack(documentId, version, newIds);
      throw failed(document, e);
    }
    if (!won) {
      rollBack(documentId, version, newIds);
      throw new ElaviraException(
          "Document "
              + document.name()
              + " ("
              + document.location()
              + ") was changed by another process while it was being indexed (a newer version"
              + " or a deletion came first); index it again if this version should win.");
    }
    sync.replaced(documentId, version, newIds, previousIds);
    IndexResult.Status status = published ? IndexResult.Status.UPDATED : IndexResult.Status.ADDED;
    long ms = (System.nanoTime() - started) / 1_000_000;
    audit.record(
        "index",
        ownerId,
        agentId,
        "document="
            + document.name()
            + " status="
            + status
            + " version="
            + version
            + " chunks="
            + rows.size()
            + " embedded="
            + embedded.newlyEmbedded()
            + " ms="
            + ms);
    LOG.debug(
        "Indexed {} ({}, version {}): {} chunks, {} embedded, {} ms",
        document.name(),
        status,
        version,
        rows.size(),
        embedded.newlyEmbedded(),
        ms);
    return new IndexResult(documentId, document.name(), status, rows.size());
  }

  /**
   * Attaches the location to the agent's document holding the same text for the same owner (a
   * byte-identical file found elsewhere): nothing is embedded nor stored twice. The document the
   * location held alone before, if any, is removed.
   */
  private IndexResult joinCopy(
      Document document,
      @Nullable String ownerId,
      boolean known,
      DocumentRecord copy,
      long started) {
    Optional<String> removed =
        documents.moveLocation(agentId, ownerId, document.location(), document.name(), copy.id());
    removed.ifPresent(sync::removed);
    IndexResult.Status status = known ? IndexResult.Status.UPDATED : IndexResult.Status.ADDED;
    long ms = (System.nanoTime() - started) / 1_000_000;
    audit.record(
        "index",
        ownerId,
        agentId,
        "document="
            + document.name()
            + " status="
            + status
            + " copy_of="
            + copy.id()
            + " chunks="
            + copy.chunkCount()
            + " embedded=0 ms="
            + ms);
    LOG.debug("Indexed {} as a copy of document {} ({})", document.name(), copy.id(), status);
    return new IndexResult(copy.id(), document.name(), status, copy.chunkCount());
  }

  /**
   * The id of a new document read from {@code location}: derived from agent and location, unless a
   * document that location shared with copies already has that id.
   */
  private String newDocumentId(String location) {
    String id = documentId(agentId, location);
    if (documents.byIds(List.of(id)).isEmpty()) {
      return id;
    }
    return documentId(
        agentId, location + '\u0000' + Integer.toHexString(ThreadLocalRandom.current().nextInt()));
  }

  /** The file size the pipeline passed in the document's metadata, if it is a valid one. */
  static @Nullable Long sizeBytes(Document document) {
    String value = document.metadata().get(DocumentInfo.SIZE_BYTES_METADATA);
    if (value == null) {
      return null;
    }
    try {
      long size = Long.parseLong(value.trim());
      return size >= 0 ? size : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Undoes a version that will not be published: its vectors, then its staged rows. */
  private void rollBack(String documentId, int version, List<String> newIds) {
    sync.discard(newIds);
    try {
      documents.discard(documentId, version);
    } catch (RuntimeException e) {
      // Unseen by searches; the next index of the document deletes them.
      LOG.warn(
          "Could not delete the staged rows of version {} of document {} ({})",
          version,
          documentId,
          ChunkEmbedder.reason(e));
    }
  }

  private static ElaviraException failed(Document document, RuntimeException e) {
    return new ElaviraException(
        "Could not index document "
            + document.name()
            + " ("
            + document.location()
            + "): "
            + ChunkEmbedder.reason(e)
            + "; the previous version stays searchable. Index it again once the cause is fixed.",
        e);
  }

  private static List<ChunkRecord> rows(
      String documentId, int version, String token, List<Chunk> chunks) {
    List<ChunkRecord> rows = new ArrayList<>(chunks.size());
    for (Chunk c : chunks) {
      rows.add(
          new ChunkRecord(
              chunkId(documentId, version, token, c.ordinal()),
              documentId,
              c.ordinal(),
              c.text(),
              c.section(),
              c.page(),
              ContentHash.of(c.text()),
              c.metadata()));
    }
    return rows;
  }

  static boolean isCurrent(DocumentRecord stored, String hash, @Nullable String ownerId) {
    return stored.status() == DocumentStatus.READY
        && stored.contentHash().equals(hash)
        && Objects.equals(stored.ownerId(), ownerId);
  }

  /** The vector records of these chunk rows, with the metadata searches filter on. */
  static List<VectorRecord> vectorRecords(
      List<ChunkRecord> rows,
      Map<String, float[]> byHash,
      String agentId,
      String documentId,
      @Nullable String ownerId) {
    Map<String, String> metadata = VectorRecord.chunkMetadata(agentId, documentId, ownerId);
    List<VectorRecord> records = new ArrayList<>(rows.size());
    for (ChunkRecord r : rows) {
      float[] vector = byHash.get(r.contentHash());
      if (vector == null) {
        throw new IllegalStateException("no embedding for chunk " + r.id() + " of " + documentId);
      }
      records.add(new VectorRecord(r.id(), vector, metadata));
    }
    return records;
  }
}
