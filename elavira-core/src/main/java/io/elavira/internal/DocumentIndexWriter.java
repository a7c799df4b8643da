package io.elavira.internal;

import io.elavira.ElaviraException;
import io.elavira.document.Chunk;
import io.elavira.document.Document;
import io.elavira.document.IndexRequest;
import io.elavira.document.IndexResult;
import io.elavira.embed.EmbeddingModel;
import io.elavira.store.AuditLog;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.DocumentStore;
import io.elavira.store.internal.ContentHash;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes one document incrementally.
 *
 * <p>Order of work, so that a failure leaves the previous version searchable: hash the text (an
 * unchanged, ready document is left alone); embed the chunks whose content hash has no cached
 * embedding for the model and cache them; only then write the rows (status INDEXING), upsert the
 * vectors, delete the vectors of chunks that no longer exist, and mark the document READY. A crash
 * after the rows are written leaves an INDEXING document that {@link IndexRecovery} finishes on the
 * next open.
 *
 * <p>Thread-safe; two calls for the same location are serialized.
 */
public final class DocumentIndexWriter {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentIndexWriter.class);

  private final String agentId;
  private final EmbeddingModel embeddings;
  private final VectorStore vectors;
  private final DocumentStore documents;
  private final AuditLog audit;
  private final KeyedLocks locationLocks = new KeyedLocks();

  /** Creates a writer for one agent. */
  public DocumentIndexWriter(
      String agentId,
      EmbeddingModel embeddings,
      VectorStore vectors,
      DocumentStore documents,
      AuditLog audit) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.embeddings = Objects.requireNonNull(embeddings, "embeddings");
    this.vectors = Objects.requireNonNull(vectors, "vectors");
    this.documents = Objects.requireNonNull(documents, "documents");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** The id of the document read from {@code location} by {@code agentId}: stable across runs. */
  static String documentId(String agentId, String location) {
    return "doc-" + ContentHash.of(agentId + '\u0000' + location).substring(0, 32);
  }

  /**
   * Indexes the document.
   *
   * @param ownerId the user it is private to, or null when shared
   * @throws ElaviraException naming the document when embedding or storing fails
   */
  public IndexResult index(Document document, List<Chunk> chunks, @Nullable String ownerId) {
    return index(document, chunks, ownerId, Map.of());
  }

  /** Indexes under the location's lock; {@code known} holds embeddings already at hand. */
  private IndexResult index(
      Document document, List<Chunk> chunks, @Nullable String ownerId, Map<String, float[]> known) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(chunks, "chunks");
    ReentrantLock lock = locationLocks.lockFor(document.location());
    lock.lock();
    try {
      return indexLocked(document, List.copyOf(chunks), ownerId, known);
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
    Map<String, String> textByHash = new LinkedHashMap<>();
    for (IndexRequest r : requests) {
      Optional<DocumentRecord> existing =
          documents.findByLocation(agentId, r.document().location());
      if (existing.isPresent()
          && isCurrent(existing.get(), ContentHash.of(r.document().text()), r.ownerId())) {
        continue;
      }
      r.chunks().forEach(c -> textByHash.putIfAbsent(ContentHash.of(c.text()), c.text()));
    }
    // Handed on, so that each document does not read back from the cache what was just computed.
    Map<String, float[]> known = embed(requests.size() + " documents", textByHash).byHash();
    List<IndexResult> results = new ArrayList<>(requests.size());
    for (IndexRequest r : requests) {
      results.add(index(r.document(), r.chunks(), r.ownerId(), known));
    }
    return results;
  }

  private IndexResult indexLocked(
      Document document, List<Chunk> chunks, @Nullable String ownerId, Map<String, float[]> known) {
    long started = System.nanoTime();
    String hash = ContentHash.of(document.text());
    Optional<DocumentRecord> existing = documents.findByLocation(agentId, document.location());
    if (existing.isPresent() && isCurrent(existing.get(), hash, ownerId)) {
      return new IndexResult(
          existing.get().id(),
          document.name(),
          IndexResult.Status.UNCHANGED,
          existing.get().chunkCount());
    }
    String documentId =
        existing.map(DocumentRecord::id).orElseGet(() -> documentId(agentId, document.location()));
    List<ChunkRecord> rows = new ArrayList<>(chunks.size());
    for (Chunk c : chunks) {
      rows.add(
          new ChunkRecord(
              documentId + "#" + c.ordinal(),
              documentId,
              c.ordinal(),
              c.text(),
              c.section(),
              c.page(),
              ContentHash.of(c.text()),
              c.metadata()));
    }
    EmbeddedChunks embedded = embed("document " + document.name(), rows, known);
    List<String> previousChunkIds =
        existing.isPresent()
            ? documents.chunksOf(documentId).stream().map(ChunkRecord::id).toList()
            : List.of();
    int version = existing.map(d -> d.version() + 1).orElse(1);
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
            Instant.now());
    try {
      documents.save(record, rows);
      vectors.upsert(vectorRecords(rows, embedded.byHash(), agentId, documentId, ownerId));
      Set<String> stale = new HashSet<>(previousChunkIds);
      rows.forEach(r -> stale.remove(r.id()));
      if (!stale.isEmpty()) {
        vectors.delete(stale);
      }
      documents.markReady(documentId);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ElaviraException(
          "Could not index document "
              + document.name()
              + " ("
              + document.location()
              + "): "
              + reason(e)
              + "; it will be finished or rolled back when the agent is opened again.",
          e);
    }
    IndexResult.Status status =
        existing.isPresent() ? IndexResult.Status.UPDATED : IndexResult.Status.ADDED;
    long ms = (System.nanoTime() - started) / 1_000_000;
    audit.record(
        "index",
        ownerId,
        agentId,
        "document="
            + document.name()
            + " status="
            + status
            + " chunks="
            + rows.size()
            + " embedded="
            + embedded.newlyEmbedded()
            + " ms="
            + ms);
    LOG.debug(
        "Indexed {} ({}): {} chunks, {} embedded, {} ms",
        document.name(),
        status,
        rows.size(),
        embedded.newlyEmbedded(),
        ms);
    return new IndexResult(documentId, document.name(), status, rows.size());
  }

  private static boolean isCurrent(DocumentRecord stored, String hash, @Nullable String ownerId) {
    return stored.status() == DocumentStatus.READY
        && stored.contentHash().equals(hash)
        && Objects.equals(stored.ownerId(), ownerId);
  }

  /** The embeddings of every chunk, from the cache or the model; the new ones are cached. */
  EmbeddedChunks embed(String documentName, List<ChunkRecord> rows) {
    return embed(documentName, rows, Map.of());
  }

  /** Like {@link #embed(String, List)}, taking the chunks whose embedding is in {@code known}. */
  private EmbeddedChunks embed(
      String documentName, List<ChunkRecord> rows, Map<String, float[]> known) {
    Map<String, String> textByHash = new LinkedHashMap<>();
    for (ChunkRecord r : rows) {
      if (!known.containsKey(r.contentHash())) {
        textByHash.putIfAbsent(r.contentHash(), r.text());
      }
    }
    if (textByHash.isEmpty()) {
      return new EmbeddedChunks(known, 0);
    }
    EmbeddedChunks found = embed(documentName, textByHash);
    if (known.isEmpty()) {
      return found;
    }
    Map<String, float[]> all = new HashMap<>(known);
    all.putAll(found.byHash());
    return new EmbeddedChunks(all, found.newlyEmbedded());
  }

  /** The embeddings of these texts by content hash, from the cache or the model (then cached). */
  private EmbeddedChunks embed(String documentName, Map<String, String> textByHash) {
    Map<String, float[]> byHash =
        new HashMap<>(
            textByHash.isEmpty()
                ? Map.of()
                : documents.embeddings(embeddings.modelId(), textByHash.keySet()));
    List<String> missing =
        textByHash.keySet().stream().filter(h -> !byHash.containsKey(h)).toList();
    if (missing.isEmpty()) {
      return new EmbeddedChunks(byHash, 0);
    }
    List<float[]> computed;
    try {
      computed = embeddings.embedAll(missing.stream().map(textByHash::get).toList());
    } catch (RuntimeException e) {
      throw new ElaviraException(
          "Could not embed "
              + documentName
              + " with model "
              + embeddings.modelId()
              + ": "
              + reason(e)
              + "; the previous version stays searchable. Check the embedding model"
              + " and index the document again.",
          e);
    }
    if (computed.size() != missing.size()) {
      throw new ElaviraException(
          "Embedding model "
              + embeddings.modelId()
              + " returned "
              + computed.size()
              + " vectors for "
              + missing.size()
              + " chunks of "
              + documentName
              + "; the previous version stays searchable.");
    }
    Map<String, float[]> fresh = new HashMap<>();
    for (int i = 0; i < missing.size(); i++) {
      fresh.put(missing.get(i), computed.get(i));
    }
    documents.putEmbeddings(embeddings.modelId(), fresh);
    byHash.putAll(fresh);
    return new EmbeddedChunks(byHash, fresh.size());
  }

  /**
   * What went wrong, for a message: Elavira's own exceptions say it without private text; any other
   * (a third-party component's) is named by its class only, as its message may quote the input.
   */
  static String reason(RuntimeException e) {
    return e instanceof ElaviraException ? String.valueOf(e.getMessage()) : e.getClass().getName();
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

  /** Embeddings by content hash, and how many of them the model computed just now. */
  record EmbeddedChunks(Map<String, float[]> byHash, int newlyEmbedded) {}
}
