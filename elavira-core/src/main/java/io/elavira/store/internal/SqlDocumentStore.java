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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>This class reads documents and chunks; the other statements live with their tables: {@link
 * DocumentCatalog} (locations, listings, removal), {@link DocumentVersions} (staging and
 * publishing), {@link EmbeddingRows} (the embedding cache), {@link ChunkRows} (chunk rows), and
 * {@link InLists} reads by many keys.
 *
 * <p>Stateless over its {@link Database}: thread-safe as the database is, and calls after the
 * database is closed throw {@link IllegalStateException}.
 */
public final class SqlDocumentStore implements DocumentStore {
  static final String DOCUMENT_COLUMNS =
      "id, agent_id, owner_id, name, location, format, "
          + "content_hash, status, version, chunk_count, updated_at, size_bytes";

  /** {@link #DOCUMENT_COLUMNS} qualified by the alias {@code d}, for joins. */
  static final String D_COLUMNS = "d." + DOCUMENT_COLUMNS.replace(", ", ", d.");

  private final Database db;
  private final ChunkRows chunkRows = new ChunkRows();
  private final DocumentVersions versions;
  private final DocumentCatalog catalog;
  private final EmbeddingRows embeddings;

  /** Uses {@code db}; does not own it. */
  public SqlDocumentStore(Database db) {
    this.db = db;
    this.versions = new DocumentVersions(db, chunkRows);
    this.catalog = new DocumentCatalog(db);
    this.embeddings = new EmbeddingRows(db);
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
        InLists.read(
            db,
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
    return InLists.read(
        db,
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
    return embeddings.embeddings(modelId, contentHashes);
  }

  @Override
  public void putEmbeddings(String modelId, Map<String, float[]> byContentHash) {
    embeddings.putEmbeddings(modelId, byContentHash);
  }

  @Override
  public List<VectorRecord> indexRecords(String agentId, String modelId) {
    return embeddings.indexRecords(agentId, modelId);
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
    return embeddings.indexStatus(agentId, modelId);
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
