package io.elavira.store.internal;

import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentChange;
import io.elavira.store.DocumentInfo;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;

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

  static final String DOCUMENT_COLUMNS =
      "id, agent_id, owner_id, name, location, format, "
          + "content_hash, status, version, chunk_count, updated_at, size_bytes";

  /** {@link #DOCUMENT_COLUMNS} qualified by the alias {@code d}, for joins. */
  static final String D_COLUMNS = "d." + DOCUMENT_COLUMNS.replace(", ", ", d.");

  private final Database db;
  private final ChunkRows chunkRows = new ChunkRows();
  private final DocumentVersions versions;
  private final DocumentCatalog catalog;

  /** Uses {@code db}; does not own it. */
  public SqlDocumentStore(Database db) {
    this.db = db;
    this.versions = new DocumentVersions(db, chunkRows);
    this.catalog = new DocumentCatalog(db);
  }

  @Override
  public Optional<DocumentRecord> findByLocation(
      String agentId, @Nullable String ownerId, String location) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(location, "location");
    return db.read(
        "finding document " + location,
        h ->
            h.createQuery(
                    "SELECT "
                        + D_COLUMNS
                        + " FROM document_locations l JOIN documents d ON d.id = l.document_id"
                        + " WHERE l.agent_id = :agent AND l.owner_key = :ownerKey"
                        + " AND l.location = :location")
                .bind("agent", agentId)
                .bind("ownerKey", ownerKey(ownerId))
                .bind("location", location)
                .map(SqlDocumentStore::document)
                .findOne());
  }

  /**
   * The key of an owner in {@code document_locations.owner_key} and the unique index of {@code
   * documents}: the user id, or {@code ""} for a shared document (a NULL would never collide).
   */
  static String ownerKey(@Nullable String ownerId) {
    return ownerId == null ? "" : ownerId;
  }

  @Override
  public Optional<DocumentRecord> findByContent(
      String agentId, @Nullable String ownerId, String contentHash) {
    return catalog.findByContent(agentId, ownerId, contentHash);
  }

  @Override
  public Optional<String> moveLocation(
      String agentId,
      @Nullable String ownerId,
      String location,
      String name,
      @Nullable String targetDocumentId) {
    return catalog.moveLocation(agentId, ownerId, location, name, targetDocumentId);
  }

  @Override
  public Map<String, List<String>> locations(Collection<String> documentIds) {
    return catalog.locations(documentIds);
  }

  @Override
  public Map<String, String> locationsOf(String agentId) {
    return catalog.locationsOf(agentId);
  }

  @Override
  public Map<String, String> locationsOf(String agentId, @Nullable String ownerId) {
    return catalog.locationsOf(agentId, ownerId);
  }

  @Override
  public List<DocumentInfo> infos(String agentId) {
    return catalog.infos(agentId);
  }

  @Override
  public Optional<DocumentInfo> info(String agentId, String documentId) {
    return catalog.info(agentId, documentId);
  }

  @Override
  public List<DocumentInfo> infosVisibleTo(String agentId, String userId) {
    return catalog.infosVisibleTo(agentId, userId);
  }

  @Override
  public Optional<DocumentInfo> infoVisibleTo(String agentId, String userId, String documentId) {
    return catalog.infoVisibleTo(agentId, userId, documentId);
  }

  @Override
  public boolean remove(String documentId) {
    return catalog.remove(documentId);
  }

  @Override
  public int latestVersion(String documentId) {
    Objects.requireNonNull(documentId, "documentId");
    return db.read(
        "reading the versions of document " + documentId,
        h -> DocumentVersions.latestVersion(h, documentId));
  }

  @Override
  public List<String> stage(DocumentRecord document, List<ChunkRecord> chunks) {
    return versions.stage(document, chunks);
  }

  @Override
  public boolean publish(DocumentRecord document) {
    return versions.publish(document);
  }

  @Override
  public void discard(String documentId, int version) {
    versions.discard(documentId, version);
  }

  @Override
  public void delete(String documentId) {
    versions.delete(documentId);
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

  static DocumentRecord document(ResultSet rs, StatementContext ctx) throws SQLException {
    long size = rs.getLong("size_bytes");
    Long sizeBytes = rs.wasNull() ? null : size;
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
        Instant.ofEpochMilli(rs.getLong("updated_at")),
        sizeBytes);
  }
}
