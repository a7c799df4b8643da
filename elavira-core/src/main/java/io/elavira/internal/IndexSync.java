package io.elavira.internal;

import io.elavira.Source;
import io.elavira.retrieval.LexicalIndex;
import io.elavira.retrieval.LexicalRecord;
import io.elavira.retrieval.RetrievalQuery;
import io.elavira.retrieval.Retriever;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentChange;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.DocumentStore;
import io.elavira.store.IndexStatus;
import io.elavira.vector.Filter;
import io.elavira.vector.VectorRecord;
import io.elavira.vector.VectorStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one agent's vector index in step with the system of record, whoever changed it: this agent,
 * another agent on the same store, or another process on the same home (the CLI ingesting while a
 * server runs).
 *
 * <p><b>How.</b> Every publish and delete of a document appends to the database's change log
 * ({@link DocumentStore#changesSince}). This class remembers the last change it applied and which
 * chunk ids it loaded for each document. {@link #catchUp()} reads the changes after it (one indexed
 * lookup when nothing changed) and, for each document, loads the current version's vectors from the
 * embedding cache (embedding with the agent's model what the cache lacks, e.g. a document ingested
 * with another model), upserts them, then deletes the vectors of the version it replaces; a deleted
 * document's vectors are deleted. The agent's own writes tell it directly ({@link #replaced}), so
 * catching up skips them. Run before every retrieval ({@link #following}), so a change is visible
 * at the latest at the next question.
 *
 * <p>A search between a change's commit and its catch-up may miss the changed document (its old
 * vectors no longer resolve, see {@link DocumentStore#chunks}); it never sees two versions mixed.
 * For a persistent vector store that was not rebuilt on open, the ids loaded before this run are
 * unknown: a changed document's vectors are then deleted by document before the new ones are
 * written, and the store is assumed to match the database as of the open (changes made while no
 * agent was running on it are not replayed, as before).
 *
 * <p>The sequence is assigned in commit order because SQLite serializes writers; on a database
 * whose transactions commit concurrently (PostgreSQL) a reader could skip a change committed late
 * under a lower number, and this would need a commit-ordered log.
 *
 * <p><b>Threading.</b> Thread-safe: catching up and recording the writer's swaps are serialized by
 * one lock; a question waits while another thread catches up, so it never answers from an index
 * older than the change log it could see. Vector deletes that fail are retried at the next catch-up
 * (their chunks no longer resolve meanwhile, so searches skip them).
 *
 * <p><b>Errors.</b> {@link #catchUp()} throws what the store, model or vector store throws, having
 * applied the changes before the failing one; {@link #following} logs it and answers from the index
 * as it is, and the next question retries.
 */
public final class IndexSync {
  private static final Logger LOG = LoggerFactory.getLogger(IndexSync.class);

  /** Records per upsert when rebuilding, to bound the memory of one call. */
  static final int UPSERT_BATCH = 1024;

  private final String agentId;
  private final ChunkEmbedder embedder;
  private final VectorStore vectors;
  private final @Nullable LexicalIndex lexical;
  private final DocumentStore documents;
  private final ReentrantLock lock = new ReentrantLock();

  // Guarded by lock.
  private long applied;
  private boolean knowsEveryDocument;
  private final Map<String, Loaded> loaded = new HashMap<>();
  private final Set<String> staleIds = new LinkedHashSet<>();

  IndexSync(
      String agentId,
      ChunkEmbedder embedder,
      VectorStore vectors,
      @Nullable LexicalIndex lexical,
      DocumentStore documents) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.vectors = Objects.requireNonNull(vectors, "vectors");
    this.lexical = lexical;
    this.documents = Objects.requireNonNull(documents, "documents");
  }

  /**
   * Starts following the change log after {@code fromSequence}: rebuilds the index from the
   * database when {@code rebuild}, else reloads the documents in {@code reload}; then catches up.
   *
   * @return the number of vectors the index was rebuilt with, 0 when it was not
   */
  int start(long fromSequence, boolean rebuild, Collection<String> reload) {
    return start(fromSequence, rebuild, false, reload);
  }

  /**
   * As {@link #start(long, boolean, Collection)}, and also rebuilds the lexical index from the
   * current chunks of the database when {@code rebuildLexical} (it is missing, stale or was written
   * by another run that did not finish).
   */
  int start(long fromSequence, boolean rebuild, boolean rebuildLexical, Collection<String> reload) {
    lock.lock();
    try {
      applied = fromSequence;
      int rebuilt = 0;
      if (rebuildLexical) {
        rebuildLexicalLocked();
      }
      if (rebuild) {
        rebuilt = rebuildLocked();
      } else {
        for (String documentId : reload) {
          reloadLocked(documentId);
        }
      }
      catchUpLocked();
      return rebuilt;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies the document changes written since the last call, by any process.
   *
   * @throws io.elavira.ElaviraException when the database, the model or the vector store fails; the
   *     changes before the failing one stay applied and the rest are retried on the next call
   */
  public void catchUp() {
    lock.lock();
    try {
      catchUpLocked();
    } finally {
      lock.unlock();
    }
  }

  /** A retriever that catches up (logging a failure) before each retrieval of {@code delegate}. */
  public Retriever following(Retriever delegate) {
    return new Following(Objects.requireNonNull(delegate, "delegate"));
  }

  /** A search that catches up (logging a failure) before each search of {@code delegate}. */
  public PassageSearch followingSearch(PassageSearch delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return query -> {
      catchUpOrLog();
      return delegate.search(query);
    };
  }

  /** Whether a lexical index follows the database along with the vector index. */
  boolean hasLexical() {
    return lexical != null;
  }

  /** How many records the lexical index holds for the agent, -1 without a lexical index. */
  int lexicalCount() {
    LexicalIndex index = lexical;
    return index == null ? -1 : index.count(Filter.eq(VectorRecord.AGENT_ID, agentId));
  }

  /**
   * Writes the chunks of a version about to be published to the lexical index (the vector index's
   * are written by the caller): they resolve only once the version is published, and a version that
   * is not is discarded through {@link #discard}.
   */
  void indexText(List<ChunkRecord> rows, String documentId, @Nullable String ownerId) {
    LexicalIndex index = lexical;
    if (index != null) {
      index.upsert(lexicalRecords(rows, agentId, documentId, ownerId));
    }
  }

  /** The lexical records of these chunk rows, with the metadata searches filter on. */
  static List<LexicalRecord> lexicalRecords(
      List<ChunkRecord> rows, String agentId, String documentId, @Nullable String ownerId) {
    Map<String, String> metadata = VectorRecord.chunkMetadata(agentId, documentId, ownerId);
    List<LexicalRecord> records = new ArrayList<>(rows.size());
    for (ChunkRecord r : rows) {
      records.add(new LexicalRecord(r.id(), r.text(), metadata));
    }
    return records;
  }

  /** The agent's documents and chunks, and how many chunks its model can search. */
  public IndexStatus status() {
    return documents.indexStatus(agentId, embedder.modelId());
  }

  /**
   * Records that the writer made {@code version} current with the chunks {@code currentIds}, whose
   * vectors it upserted: deletes the vectors of the chunks it replaced ({@code replacedIds}, and
   * whatever was loaded for the document before).
   */
  void replaced(
      String documentId, int version, List<String> currentIds, Collection<String> replacedIds) {
    lock.lock();
    try {
      Set<String> gone = new LinkedHashSet<>(replacedIds);
      Loaded before = loaded.get(documentId);
      if (before != null) {
        gone.addAll(before.ids());
      }
      currentIds.forEach(gone::remove);
      deleteOrRetryLater(gone);
      loaded.put(documentId, new Loaded(version, List.copyOf(currentIds)));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Deletes the vectors of a document this agent removed from the database (its tombstone in the
   * change log is then a no-op when caught up).
   */
  void removed(String documentId) {
    lock.lock();
    try {
      removeLocked(documentId);
    } finally {
      lock.unlock();
    }
  }

  /** Deletes vectors that no chunk row will resolve; a failure is retried at the next catch-up. */
  void discard(Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      deleteOrRetryLater(ids);
    } finally {
      lock.unlock();
    }
  }

  private void catchUpLocked() {
    if (!staleIds.isEmpty()) {
      List<String> retry = List.copyOf(staleIds);
      staleIds.clear();
      deleteOrRetryLater(retry);
    }
    List<DocumentChange> changes = documents.changesSince(agentId, applied);
    for (DocumentChange change : changes) {
      Loaded current = loaded.get(change.documentId());
      if (change.deleted()) {
        removeLocked(change.documentId());
      } else if (current == null || current.version() != change.version()) {
        reloadLocked(change.documentId());
      }
      applied = change.sequence();
    }
    if (!changes.isEmpty()) {
      LOG.debug("Index of agent {} caught up with {} document changes", agentId, changes.size());
    }
  }

  private int rebuildLocked() {
    Map<String, Integer> versions = new HashMap<>();
    for (DocumentRecord doc : documents.list(agentId)) {
      if (doc.status() == DocumentStatus.READY) {
        versions.put(doc.id(), doc.version());
      }
    }
    List<VectorRecord> records = documents.indexRecords(agentId, embedder.modelId());
    for (int from = 0; from < records.size(); from += UPSERT_BATCH) {
      vectors.upsert(records.subList(from, Math.min(records.size(), from + UPSERT_BATCH)));
    }
    Map<String, List<String>> idsByDocument = new HashMap<>();
    for (VectorRecord r : records) {
      idsByDocument
          .computeIfAbsent(r.metadata().get(VectorRecord.DOCUMENT_ID), d -> new ArrayList<>())
          .add(r.id());
    }
    versions.forEach(
        (documentId, version) -> {
          List<String> ids = idsByDocument.getOrDefault(documentId, List.of());
          if (lexical != null) {
            // Every current chunk is in the lexical index, embedded or not.
            ids = documents.chunksOf(documentId).stream().map(ChunkRecord::id).toList();
          }
          loaded.put(documentId, new Loaded(version, ids));
        });
    knowsEveryDocument = true;
    return records.size();
  }

  /** Replaces the agent's lexical records with the current chunks of its ready documents. */
  private void rebuildLexicalLocked() {
    LexicalIndex index = lexical;
    if (index == null) {
      return;
    }
    index.delete(Filter.eq(VectorRecord.AGENT_ID, agentId));
    int written = 0;
    List<LexicalRecord> batch = new ArrayList<>();
    for (DocumentRecord doc : documents.list(agentId)) {
      if (doc.status() != DocumentStatus.READY) {
        continue;
      }
      batch.addAll(lexicalRecords(documents.chunksOf(doc.id()), agentId, doc.id(), doc.ownerId()));
      if (batch.size() >= UPSERT_BATCH) {
        index.upsert(batch);
        written += batch.size();
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      index.upsert(batch);
      written += batch.size();
    }
    LOG.debug("Rebuilt the lexical index of agent {}: {} passages", agentId, written);
  }

  private void reloadLocked(String documentId) {
    DocumentRecord doc = documents.byIds(List.of(documentId)).get(documentId);
    if (doc == null || doc.status() != DocumentStatus.READY || !doc.agentId().equals(agentId)) {
      removeLocked(documentId);
      return;
    }
    List<ChunkRecord> rows = documents.chunksOf(documentId);
    Map<String, float[]> found;
    try {
      found = embedder.embed("document " + doc.name(), rows).byHash();
    } catch (RuntimeException e) {
      // Stored, but not searchable with this model until embedded: IndexStatus counts them.
      LOG.warn(
          "Could not embed document {} with model {} ({}); its chunks without a cached embedding"
              + " are not searched until it is indexed again or the agent reopens",
          doc.name(),
          embedder.modelId(),
          ChunkEmbedder.reason(e));
      found =
          documents.embeddings(
              embedder.modelId(), rows.stream().map(ChunkRecord::contentHash).toList());
    }
    Map<String, float[]> byHash = found;
    List<ChunkRecord> embedded =
        rows.stream().filter(r -> byHash.containsKey(r.contentHash())).toList();
    List<VectorRecord> records =
        DocumentIndexWriter.vectorRecords(embedded, byHash, agentId, documentId, doc.ownerId());
    Loaded before = loaded.get(documentId);
    if (before == null && !knowsEveryDocument) {
      deleteDocument(documentId);
    }
    vectors.upsert(records);
    List<String> ids = records.stream().map(VectorRecord::id).toList();
    LexicalIndex index = lexical;
    if (index != null) {
      index.upsert(lexicalRecords(rows, agentId, documentId, doc.ownerId()));
      ids = rows.stream().map(ChunkRecord::id).toList();
    }
    if (before != null) {
      Set<String> gone = new HashSet<>(before.ids());
      ids.forEach(gone::remove);
      deleteOrRetryLater(gone);
    }
    loaded.put(documentId, new Loaded(doc.version(), ids));
  }

  /**
   * Drops a removed document from every derived index: the single place a document leaves them,
   * whether this agent removed it or another process did (its tombstone): the vector index and,
   * when one is wired, the lexical index.
   */
  private void removeLocked(String documentId) {
    Loaded before = loaded.remove(documentId);
    if (before != null) {
      deleteOrRetryLater(before.ids());
    } else if (!knowsEveryDocument) {
      deleteDocument(documentId);
    }
  }

  /** Deletes a document's entries by its id from both indexes (ids before this run unknown). */
  private void deleteDocument(String documentId) {
    Filter byDocument = Filter.eq(VectorRecord.DOCUMENT_ID, documentId);
    vectors.delete(byDocument);
    LexicalIndex index = lexical;
    if (index != null) {
      index.delete(byDocument);
    }
  }

  private void deleteOrRetryLater(Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    try {
      vectors.delete(ids);
      LexicalIndex index = lexical;
      if (index != null) {
        index.delete(ids);
      }
    } catch (RuntimeException e) {
      staleIds.addAll(ids);
      LOG.warn(
          "Could not delete {} replaced vectors of agent {} ({}); searches skip them and the"
              + " delete is retried before the next question",
          ids.size(),
          agentId,
          ChunkEmbedder.reason(e));
    }
  }

  private void catchUpOrLog() {
    try {
      catchUp();
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not bring the index of agent {} up to date with its database ({}); answering"
              + " from the index as it is, and retrying at the next question",
          agentId,
          ChunkEmbedder.reason(e));
    }
  }

  /** The version of a document loaded in the index, and the ids of its vectors there. */
  private record Loaded(int version, List<String> ids) {}

  /** Catches up before each retrieval. */
  private final class Following implements Retriever {
    private final Retriever delegate;

    Following(Retriever delegate) {
      this.delegate = delegate;
    }

    @Override
    public List<Source> retrieve(RetrievalQuery query) {
      catchUpOrLog();
      return delegate.retrieve(query);
    }
  }
}
