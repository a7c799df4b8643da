package io.elavira.store.internal;

import io.elavira.ElaviraException;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentChange;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import io.elavira.store.DocumentStore;
import io.elavira.store.IndexStatus;
import io.elavira.vector.VectorRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Not API. {@link DocumentStore} over the {@code documents}, {@code chunks}, {@code embeddings} and
 * {@code document_changes} tables.
 *
 * <p>A chunk row carries the version it belongs to; {@code documents.version} names the current one
 * (0 while a first version is being written). Every query that feeds a search joins on it, so a
 * staged or retired row is never returned as a passage. Publishing a version, deleting its
 * predecessors and appending to the change log happen in one transaction.
 *
 * <p>Stateless over its {@link Database}: thread-safe as the database is, and calls after the
 * database is closed throw {@link IllegalStateException}.
 */
public final class SqlDocumentStore implements DocumentStore {
  /** Ids per {@code IN (...)} list: far below every database's bound-parameter limit. */
  static final int IN_LIST_SIZE = 500;

  private static final String DOCUMENT_COLUMNS =
      "id, agent_id, owner_id, name, location, format, "
          + "content_hash, status, version, chunk_count, updated_at";

  private final Database db;
  private final ChunkRows chunkRows = new ChunkRows();

  /** Uses {@code db}; does not own it. */
  public SqlDocumentStore(Database db) {
    this.db = db;
  }

  @Override
  public Optional<DocumentRecord> findByLocation(String agentId, String location) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(location, "location");
    return db.read(
        "finding document " + location,
        h ->
            h.createQuery(
                    "SELECT "
                        + DOCUMENT_COLUMNS
                        + " FROM documents "
                        + "WHERE agent_id = :agent AND location = :location")
                .bind("agent", agentId)
                .bind("location", location)
                .map(SqlDocumentStore::document)
                .findOne());
  }

  @Override
  public int latestVersion(String documentId) {
    Objects.requireNonNull(documentId, "documentId");
    return db.read(
        "reading the versions of document " + documentId, h -> latestVersion(h, documentId));
  }

  private static int latestVersion(Handle h, String documentId) {
    return h.createQuery(
            "SELECT MAX(COALESCE((SELECT version FROM documents WHERE id = :id), 0),"
                + " COALESCE((SELECT MAX(version) FROM chunks WHERE document_id = :id), 0))")
        .bind("id", documentId)
        .mapTo(Integer.class)
        .one();
  }

  @Override
  public List<String> stage(DocumentRecord document, List<ChunkRecord> chunks) {
    Objects.requireNonNull(document, "document");
    List<ChunkRecord> copy = List.copyOf(chunks);
    validateChunks(document, copy);
    if (document.version() < 1) {
      throw new IllegalArgumentException(
          "Version " + document.version() + " of document " + document.id() + " must be >= 1");
    }
    List<String> metadata = chunkRows.metadataJson(copy);
    return db.write(
        "writing version " + document.version() + " of document " + document.name(),
        h -> {
          long now = db.clock().millis();
          Optional<DocumentRecord> byId = findById(h, document.id());
          checkIdentity(h, document, byId);
          Rows.ensureAgent(h, document.agentId(), now);
          if (document.ownerId() != null) {
            Rows.ensureUser(h, document.ownerId(), now);
          }
          int latest = latestVersion(h, document.id());
          if (latest >= document.version()) {
            throw new ElaviraException(
                "Document "
                    + document.name()
                    + " ("
                    + document.location()
                    + ") already has a version "
                    + latest
                    + ": another process is indexing it at the same time. Index it again once"
                    + " that has finished.");
          }
          Map<String, Object> args = documentArguments(document, 0, now);
          if (byId.isEmpty()) {
            h.createUpdate(
                    "INSERT INTO documents ("
                        + DOCUMENT_COLUMNS
                        + ", created_at) VALUES (:id, :agent, :owner, :name, :location, :format,"
                        + " :hash, 'INDEXING', 0, 0, :now, :now)")
                .bindMap(args)
                .execute();
          } else if (byId.get().status() == DocumentStatus.INDEXING) {
            // Nothing of it is searchable: the row may describe the version being written.
            h.createUpdate(
                    "UPDATE documents SET owner_id = :owner, name = :name, format = :format,"
                        + " content_hash = :hash, updated_at = :now WHERE id = :id")
                .bindMap(args)
                .execute();
          }
          int current = byId.map(DocumentRecord::version).orElse(0);
          List<String> abandoned =
              h.createQuery("SELECT id FROM chunks WHERE document_id = :id AND version > :current")
                  .bind("id", document.id())
                  .bind("current", current)
                  .mapTo(String.class)
                  .list();
          if (!abandoned.isEmpty()) {
            h.createUpdate("DELETE FROM chunks WHERE document_id = :id AND version > :current")
                .bind("id", document.id())
                .bind("current", current)
                .execute();
          }
          ChunkRows.insert(h, copy, metadata, document.version());
          return abandoned;
        });
  }

  private static Optional<DocumentRecord> findById(Handle h, String documentId) {
    return h.createQuery("SELECT " + DOCUMENT_COLUMNS + " FROM documents WHERE id = :id")
        .bind("id", documentId)
        .map(SqlDocumentStore::document)
        .findOne();
  }

  private static void checkIdentity(
      Handle h, DocumentRecord document, Optional<DocumentRecord> byId) {
    Optional<String> idAtLocation =
        h.createQuery("SELECT id FROM documents WHERE agent_id = :agent AND location = :location")
            .bind("agent", document.agentId())
            .bind("location", document.location())
            .mapTo(String.class)
            .findOne();
    if (idAtLocation.isPresent() && !idAtLocation.get().equals(document.id())) {
      throw new IllegalArgumentException(
          "Document "
              + document.location()
              + " of agent "
              + document.agentId()
              + " is already stored with id "
              + idAtLocation.get()
              + ", not "
              + document.id()
              + "; derive ids from agent and location.");
    }
    if (byId.isPresent() && !byId.get().agentId().equals(document.agentId())) {
      throw new IllegalArgumentException(
          "Document id "
              + document.id()
              + " is already used by another agent; derive ids from agent and location.");
    }
  }

  @Override
  public boolean publish(DocumentRecord document) {
    Objects.requireNonNull(document, "document");
    return db.write(
        "publishing version " + document.version() + " of document " + document.name(),
        h -> {
          Optional<DocumentRecord> stored = findById(h, document.id());
          if (stored.isEmpty()) {
            return false;
          }
          DocumentRecord current = stored.get();
          if (current.status() == DocumentStatus.READY && current.version() >= document.version()) {
            return current.version() == document.version();
          }
          int staged =
              h.createQuery(
                      "SELECT COUNT(*) FROM chunks WHERE document_id = :id AND version = :version")
                  .bind("id", document.id())
                  .bind("version", document.version())
                  .mapTo(Integer.class)
                  .one();
          if (staged != document.chunkCount()) {
            return false; // replaced by a newer staging, or never fully written
          }
          long now = db.clock().millis();
          if (document.ownerId() != null) {
            Rows.ensureUser(h, document.ownerId(), now);
          }
          Map<String, Object> args = documentArguments(document, staged, now);
          args.put("version", document.version());
          h.createUpdate(
                  "UPDATE documents SET owner_id = :owner, name = :name, format = :format,"
                      + " content_hash = :hash, status = 'READY', version = :version,"
                      + " chunk_count = :chunks, updated_at = :now WHERE id = :id")
              .bindMap(args)
              .execute();
          h.createUpdate("DELETE FROM chunks WHERE document_id = :id AND version < :version")
              .bind("id", document.id())
              .bind("version", document.version())
              .execute();
          ChangeLog.record(h, document.id(), current.agentId(), document.version(), now);
          return true;
        });
  }

  @Override
  public void discard(String documentId, int version) {
    Objects.requireNonNull(documentId, "documentId");
    db.write(
        "discarding version " + version + " of document " + documentId,
        h -> {
          h.createUpdate(
                  "DELETE FROM chunks WHERE document_id = :id AND version = :version"
                      + " AND version > (SELECT version FROM documents WHERE id = :id)")
              .bind("id", documentId)
              .bind("version", version)
              .execute();
          h.createUpdate(
                  "DELETE FROM documents WHERE id = :id AND status = 'INDEXING'"
                      + " AND NOT EXISTS (SELECT 1 FROM chunks WHERE document_id = :id)")
              .bind("id", documentId)
              .execute();
          return null;
        });
  }

  private static Map<String, Object> documentArguments(DocumentRecord d, int chunks, long now) {
    Map<String, Object> args = new HashMap<>();
    args.put("id", d.id());
    args.put("agent", d.agentId());
    args.put("owner", d.ownerId());
    args.put("name", d.name());
    args.put("location", d.location());
    args.put("format", d.format());
    args.put("hash", d.contentHash());
    args.put("chunks", chunks);
    args.put("now", now);
    return args;
  }

  private static void validateChunks(DocumentRecord document, List<ChunkRecord> chunks) {
    Set<String> ids = new HashSet<>();
    Set<Integer> ordinals = new HashSet<>();
    for (ChunkRecord c : chunks) {
      if (!c.documentId().equals(document.id())) {
        throw new IllegalArgumentException(
            "Chunk "
                + c.id()
                + " belongs to document "
                + c.documentId()
                + ", not to "
                + document.id());
      }
      if (!ids.add(c.id())) {
        throw new IllegalArgumentException(
            "Two chunks of document " + document.id() + " have the id " + c.id());
      }
      if (!ordinals.add(c.ordinal())) {
        throw new IllegalArgumentException(
            "Two chunks of document " + document.id() + " have the ordinal " + c.ordinal());
      }
    }
  }

  @Override
  public void delete(String documentId) {
    Objects.requireNonNull(documentId, "documentId");
    db.write(
        "deleting document " + documentId,
        h -> {
          Optional<String> agentId =
              h.createQuery("SELECT agent_id FROM documents WHERE id = :id")
                  .bind("id", documentId)
                  .mapTo(String.class)
                  .findOne();
          if (agentId.isEmpty()) {
            return null;
          }
          h.createUpdate("DELETE FROM documents WHERE id = :id").bind("id", documentId).execute();
          ChangeLog.record(h, documentId, agentId.get(), 0, db.clock().millis());
          return null;
        });
  }

  @Override
  public List<DocumentRecord> list(String agentId) {
    Objects.requireNonNull(agentId, "agentId");
    return db.read(
        "listing documents of agent " + agentId,
        h ->
            h.createQuery(
                    "SELECT "
                        + DOCUMENT_COLUMNS
                        + " FROM documents WHERE agent_id = :agent "
                        + "ORDER BY name, location")
                .bind("agent", agentId)
                .map(SqlDocumentStore::document)
                .list());
  }

  @Override
  public Map<String, DocumentRecord> byIds(Collection<String> documentIds) {
    List<DocumentRecord> found =
        inBatches(
            "reading documents",
            documentIds,
            (h, ids) ->
                h.createQuery("SELECT " + DOCUMENT_COLUMNS + " FROM documents WHERE id IN (<ids>)")
                    .bindList("ids", ids)
                    .map(SqlDocumentStore::document)
                    .list());
    Map<String, DocumentRecord> byId = new HashMap<>(found.size() * 2);
    found.forEach(d -> byId.put(d.id(), d));
    return byId;
  }

  @Override
  public List<DocumentRecord> withStatus(DocumentStatus status) {
    Objects.requireNonNull(status, "status");
    return db.read(
        "listing " + status + " documents",
        h ->
            h.createQuery(
                    "SELECT "
                        + DOCUMENT_COLUMNS
                        + " FROM documents WHERE status = :status "
                        + "ORDER BY agent_id, name, location")
                .bind("status", status.name())
                .map(SqlDocumentStore::document)
                .list());
  }

  @Override
  public List<ChunkRecord> chunks(Collection<String> chunkIds) {
    return inBatches(
        "reading chunks",
        chunkIds,
        (h, ids) ->
            h.createQuery(
                    "SELECT "
                        + ChunkRows.C_COLUMNS
                        + " FROM chunks c JOIN documents d ON d.id = c.document_id"
                        + " AND d.version = c.version AND d.status = 'READY' WHERE c.id IN (<ids>)")
                .bindList("ids", ids)
                .map(chunkRows::read)
                .list());
  }

  @Override
  public List<ChunkRecord> chunksOf(String documentId) {
    Objects.requireNonNull(documentId, "documentId");
    return db.read(
        "reading chunks of document " + documentId,
        h ->
            h.createQuery(
                    "SELECT "
                        + ChunkRows.C_COLUMNS
                        + " FROM chunks c JOIN documents d ON d.id = c.document_id"
                        + " AND d.version = c.version AND d.status = 'READY'"
                        + " WHERE c.document_id = :id ORDER BY c.ordinal")
                .bind("id", documentId)
                .map(chunkRows::read)
                .list());
  }

  @Override
  public List<ChunkRecord> chunksOf(String documentId, int version) {
    Objects.requireNonNull(documentId, "documentId");
    return db.read(
        "reading version " + version + " of document " + documentId,
        h ->
            h.createQuery(
                    "SELECT "
                        + ChunkRows.COLUMNS
                        + " FROM chunks WHERE document_id = :id AND version = :version"
                        + " ORDER BY ordinal")
                .bind("id", documentId)
                .bind("version", version)
                .map(chunkRows::read)
                .list());
  }

  @Override
  public Map<String, float[]> embeddings(String modelId, Collection<String> contentHashes) {
    Objects.requireNonNull(modelId, "modelId");
    List<Map.Entry<String, float[]>> found =
        inBatches(
            "reading embeddings of " + modelId,
            contentHashes,
            (h, hashes) ->
                h.createQuery(
                        "SELECT content_hash, dimension, vector FROM embeddings "
                            + "WHERE model_id = :model AND content_hash IN (<hashes>)")
                    .bind("model", modelId)
                    .bindList("hashes", hashes)
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                rs.getString(1),
                                VectorCodec.decode(
                                    rs.getBytes(3), rs.getInt(2), modelId + "/" + rs.getString(1))))
                    .list());
    Map<String, float[]> result = new HashMap<>(found.size() * 2);
    found.forEach(e -> result.put(e.getKey(), e.getValue()));
    return result;
  }

  @Override
  public void putEmbeddings(String modelId, Map<String, float[]> byContentHash) {
    Objects.requireNonNull(modelId, "modelId");
    Map<String, float[]> copy = Map.copyOf(byContentHash);
    if (copy.isEmpty()) {
      db.checkOpen();
      return;
    }
    copy.forEach(
        (hash, vector) -> {
          if (vector.length == 0) {
            throw new IllegalArgumentException("Embedding of " + hash + " is empty");
          }
        });
    db.write(
        "caching " + copy.size() + " embeddings of " + modelId,
        h -> {
          long now = db.clock().millis();
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO embeddings (model_id, content_hash, "
                      + "dimension, vector, created_at) VALUES (:model, :hash, :dimension, :vector, :now) "
                      + "ON CONFLICT (model_id, content_hash) DO NOTHING");
          copy.forEach(
              (hash, vector) ->
                  batch
                      .bind("model", modelId)
                      .bind("hash", hash)
                      .bind("dimension", vector.length)
                      .bind("vector", VectorCodec.encode(vector))
                      .bind("now", now)
                      .add());
          return batch.execute();
        });
  }

  @Override
  public List<VectorRecord> indexRecords(String agentId, String modelId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(modelId, "modelId");
    // One metadata map per document, shared by its chunks: less memory, and a store can evaluate
    // a filter once per document instead of once per chunk.
    Map<String, Map<String, String>> metadataByDocument = new HashMap<>();
    return db.read(
        "reading the vectors of agent " + agentId,
        h ->
            h.createQuery(
                    "SELECT c.id, c.document_id, d.owner_id, e.dimension, e.vector "
                        + "FROM documents d JOIN chunks c ON c.document_id = d.id"
                        + " AND c.version = d.version "
                        + "JOIN embeddings e ON e.model_id = :model AND e.content_hash = c.content_hash "
                        + "WHERE d.agent_id = :agent AND d.status = 'READY' ORDER BY d.id, c.ordinal")
                .bind("agent", agentId)
                .bind("model", modelId)
                .map(
                    (rs, ctx) -> {
                      String id = rs.getString(1);
                      float[] vector =
                          VectorCodec.decode(rs.getBytes(5), rs.getInt(4), modelId + "/" + id);
                      String documentId = rs.getString(2);
                      String ownerId = rs.getString(3);
                      return new VectorRecord(
                          id,
                          vector,
                          metadataByDocument.computeIfAbsent(
                              documentId,
                              doc -> VectorRecord.chunkMetadata(agentId, doc, ownerId)));
                    })
                .list());
  }

  @Override
  public int countChunks(String agentId) {
    Objects.requireNonNull(agentId, "agentId");
    return db.read(
        "counting chunks of agent " + agentId,
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM chunks c JOIN documents d ON d.id = c.document_id"
                        + " AND d.version = c.version WHERE d.agent_id = :agent"
                        + " AND d.status = 'READY'")
                .bind("agent", agentId)
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public long lastChange(String agentId) {
    Objects.requireNonNull(agentId, "agentId");
    return db.read("reading the last document change", h -> ChangeLog.last(h, agentId));
  }

  @Override
  public List<DocumentChange> changesSince(String agentId, long sequence) {
    Objects.requireNonNull(agentId, "agentId");
    return db.read("reading document changes", h -> ChangeLog.since(h, agentId, sequence));
  }

  @Override
  public IndexStatus indexStatus(String agentId, String modelId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(modelId, "modelId");
    return db.read(
        "counting the searchable chunks of agent " + agentId,
        h ->
            h.createQuery(
                    "SELECT (SELECT COUNT(*) FROM documents WHERE agent_id = :agent"
                        + " AND status = 'READY'), (SELECT COUNT(*) FROM documents"
                        + " WHERE agent_id = :agent AND status = 'INDEXING'),"
                        + " COUNT(c.id), COUNT(e.content_hash)"
                        + " FROM documents d JOIN chunks c ON c.document_id = d.id"
                        + " AND c.version = d.version LEFT JOIN embeddings e"
                        + " ON e.model_id = :model AND e.content_hash = c.content_hash"
                        + " WHERE d.agent_id = :agent AND d.status = 'READY'")
                .bind("agent", agentId)
                .bind("model", modelId)
                .map(
                    (rs, ctx) ->
                        new IndexStatus(
                            modelId,
                            rs.getInt(1),
                            rs.getInt(2),
                            rs.getInt(3),
                            rs.getInt(4),
                            rs.getInt(3) - rs.getInt(4)))
                .one());
  }

  private <T> List<T> inBatches(
      String what, Collection<String> keys, BiFunction<Handle, List<String>, List<T>> query) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
    if (distinct.isEmpty()) {
      db.checkOpen();
      return List.of();
    }
    return db.read(
        what,
        h -> {
          List<T> result = new ArrayList<>();
          for (int from = 0; from < distinct.size(); from += IN_LIST_SIZE) {
            result.addAll(
                query.apply(
                    h, distinct.subList(from, Math.min(distinct.size(), from + IN_LIST_SIZE))));
          }
          return result;
        });
  }

  private static DocumentRecord document(ResultSet rs, StatementContext ctx) throws SQLException {
    return new DocumentRecord(
        rs.getString("id"),
        rs.getString("agent_id"),
        rs.getString("owner_id"),
        rs.getString("name"),
        rs.getString("location"),
        rs.getString("format"),
        rs.getString("content_hash"),
        DocumentStatus.valueOf(rs.getString("status")),
        rs.getInt("version"),
        rs.getInt("chunk_count"),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
