package io.elavira.store.internal;

import io.elavira.store.DocumentInfo;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;

/**
 * Not API. What an agent knows of its documents behind {@link SqlDocumentStore}: the {@code
 * document_locations} table (every location a document was found at: byte-identical files are one
 * document), the listing of documents with their paths, and the removal of a document with its
 * locations and the cached embeddings no other chunk uses. Stateless over its {@link Database};
 * thread-safe as the database is.
 */
final class DocumentCatalog {
  private static final String INFO_COLUMNS =
      SqlDocumentStore.D_COLUMNS + ", d.created_at AS created_at";

  private final Database db;

  DocumentCatalog(Database db) {
    this.db = db;
  }

  Optional<DocumentRecord> findByContent(
      String agentId, @Nullable String ownerId, String contentHash) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(contentHash, "contentHash");
    return db.read(
        "finding a copy of a document of agent " + agentId,
        h ->
            h.createQuery(
                    "SELECT "
                        + SqlDocumentStore.DOCUMENT_COLUMNS
                        + " FROM documents WHERE agent_id = :agent AND content_hash = :hash"
                        + " AND status = 'READY' AND "
                        + (ownerId == null ? "owner_id IS NULL" : "owner_id = :owner")
                        + " ORDER BY created_at, id LIMIT 1")
                .bind("agent", agentId)
                .bind("hash", contentHash)
                .bind("owner", ownerId)
                .map(SqlDocumentStore::document)
                .findOne());
  }

  Optional<String> moveLocation(
      String agentId,
      @Nullable String ownerId,
      String location,
      String name,
      @Nullable String targetDocumentId) {
    Objects.requireNonNull(agentId, "agentId");
    String ownerKey = SqlDocumentStore.ownerKey(ownerId);
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
    return db.write(
        "moving location " + location + " of agent " + agentId,
        h -> {
          long now = db.clock().millis();
          if (targetDocumentId != null) {
            Optional<Map.Entry<String, String>> target =
                h.createQuery(
                        "SELECT agent_id, COALESCE(owner_id, '') FROM documents WHERE id = :id")
                    .bind("id", targetDocumentId)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .findOne();
            if (target.isEmpty()
                || !target.get().getKey().equals(agentId)
                || !target.get().getValue().equals(ownerKey)) {
              throw new IllegalArgumentException(
                  "Document "
                      + targetDocumentId
                      + " is not a document of agent "
                      + agentId
                      + (ownerId == null ? " shared by every user" : " owned by " + ownerId));
            }
          }
          Optional<String> from =
              h.createQuery(
                      "SELECT document_id FROM document_locations"
                          + " WHERE agent_id = :agent AND owner_key = :ownerKey"
                          + " AND location = :location")
                  .bind("agent", agentId)
                  .bind("ownerKey", ownerKey)
                  .bind("location", location)
                  .mapTo(String.class)
                  .findOne();
          if (from.isPresent() && from.get().equals(targetDocumentId)) {
            return Optional.<String>empty();
          }
          Optional<String> removed = Optional.empty();
          if (from.isPresent()) {
            h.createUpdate(
                    "DELETE FROM document_locations WHERE agent_id = :agent"
                        + " AND owner_key = :ownerKey AND location = :location")
                .bind("agent", agentId)
                .bind("ownerKey", ownerKey)
                .bind("location", location)
                .execute();
            if (!renameAfterLoss(h, from.get(), location)) {
              removeIn(h, from.get(), now);
              removed = from;
            }
          }
          if (targetDocumentId != null) {
            h.createUpdate(
                    "INSERT INTO document_locations (agent_id, owner_key, location,"
                        + " document_id, name, added_at) VALUES (:agent, :ownerKey, :location,"
                        + " :id, :name, :now)")
                .bind("agent", agentId)
                .bind("ownerKey", ownerKey)
                .bind("location", location)
                .bind("id", targetDocumentId)
                .bind("name", name)
                .bind("now", now)
                .execute();
          }
          return removed;
        });
  }

  /**
   * After a document lost {@code lost}: when it was its first location, makes the next one its
   * location and name. Returns false when no location is left.
   */
  private static boolean renameAfterLoss(Handle h, String documentId, String lost) {
    Optional<Map.Entry<String, String>> next =
        h.createQuery(
                "SELECT location, name FROM document_locations WHERE document_id = :id"
                    + " ORDER BY added_at, location LIMIT 1")
            .bind("id", documentId)
            .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
            .findOne();
    if (next.isEmpty()) {
      return false;
    }
    h.createUpdate(
            "UPDATE documents SET location = :next, name = :name"
                + " WHERE id = :id AND location = :lost")
        .bind("next", next.get().getKey())
        .bind("name", next.get().getValue())
        .bind("id", documentId)
        .bind("lost", lost)
        .execute();
    return true;
  }

  Map<String, List<String>> locations(Collection<String> documentIds) {
    List<Map.Entry<String, String>> rows =
        InLists.read(
            db,
            "reading document locations",
            documentIds,
            (h, ids) ->
                h.createQuery(
                        "SELECT document_id, location FROM document_locations"
                            + " WHERE document_id IN (<ids>) ORDER BY added_at, location")
                    .bindList("ids", ids)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
                    .list());
    Map<String, List<String>> byDocument = new HashMap<>();
    rows.forEach(
        e -> byDocument.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    Map<String, List<String>> copy = new HashMap<>(byDocument.size() * 2);
    byDocument.forEach((id, paths) -> copy.put(id, List.copyOf(paths)));
    return copy;
  }

  Map<String, String> locationsOf(String agentId) {
    Objects.requireNonNull(agentId, "agentId");
    return db.read(
        "reading the locations of agent " + agentId,
        h -> {
          Map<String, String> byLocation = new LinkedHashMap<>();
          // Shared ('') last: a path several owners' documents were read from maps to the shared.
          h.createQuery(
                  "SELECT location, document_id FROM document_locations WHERE agent_id = :agent"
                      + " ORDER BY location, owner_key DESC")
              .bind("agent", agentId)
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
              .forEach(e -> byLocation.put(e.getKey(), e.getValue()));
          return byLocation;
        });
  }

  Map<String, String> locationsOf(String agentId, @Nullable String ownerId) {
    Objects.requireNonNull(agentId, "agentId");
    return db.read(
        "reading the locations of agent " + agentId,
        h -> {
          Map<String, String> byLocation = new LinkedHashMap<>();
          h.createQuery(
                  "SELECT location, document_id FROM document_locations WHERE agent_id = :agent"
                      + " AND owner_key = :ownerKey ORDER BY location")
              .bind("agent", agentId)
              .bind("ownerKey", SqlDocumentStore.ownerKey(ownerId))
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
              .forEach(e -> byLocation.put(e.getKey(), e.getValue()));
          return byLocation;
        });
  }

  /** The documents a user may see: the agent's shared ones and the user's own. */
  private static final String VISIBLE = "(d.owner_id IS NULL OR d.owner_id = :user)";

  List<DocumentInfo> infos(String agentId) {
    Objects.requireNonNull(agentId, "agentId");
    return db.read(
        "listing the documents of agent " + agentId,
        h -> infos(h, "d.agent_id = :agent", agentId, null, null));
  }

  List<DocumentInfo> infosVisibleTo(String agentId, String userId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(userId, "userId");
    return db.read(
        "listing the documents of agent " + agentId + " visible to " + userId,
        h -> infos(h, "d.agent_id = :agent AND " + VISIBLE, agentId, null, userId));
  }

  Optional<DocumentInfo> infoVisibleTo(String agentId, String userId, String documentId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(documentId, "documentId");
    return db.read(
        "reading document " + documentId,
        h ->
            infos(
                    h,
                    "d.agent_id = :agent AND d.id = :id AND " + VISIBLE,
                    agentId,
                    documentId,
                    userId)
                .stream()
                .findFirst());
  }

  Optional<DocumentInfo> info(String agentId, String documentId) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(documentId, "documentId");
    return db.read(
        "reading document " + documentId,
        h ->
            infos(h, "d.agent_id = :agent AND d.id = :id", agentId, documentId, null).stream()
                .findFirst());
  }

  private static List<DocumentInfo> infos(
      Handle h,
      String where,
      String agentId,
      @Nullable String documentId,
      @Nullable String userId) {
    Map<String, List<String>> paths = new HashMap<>();
    h.createQuery(
            "SELECT l.document_id, l.location FROM document_locations l"
                + " JOIN documents d ON d.id = l.document_id WHERE "
                + where
                + " ORDER BY l.added_at, l.location")
        .bind("agent", agentId)
        .bind("id", documentId)
        .bind("user", userId)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> paths.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return h.createQuery(
            "SELECT "
                + INFO_COLUMNS
                + " FROM documents d WHERE "
                + where
                + " ORDER BY d.name, d.id")
        .bind("agent", agentId)
        .bind("id", documentId)
        .bind("user", userId)
        .map(
            (rs, ctx) -> {
              DocumentRecord d = SqlDocumentStore.document(rs, ctx);
              List<String> at = paths.getOrDefault(d.id(), List.of(d.location()));
              return new DocumentInfo(
                  d.id(),
                  d.name(),
                  at,
                  d.format(),
                  d.status(),
                  d.status() == DocumentStatus.READY ? d.chunkCount() : 0,
                  d.sizeBytes(),
                  d.ownerId(),
                  d.contentHash(),
                  d.version(),
                  Instant.ofEpochMilli(rs.getLong("created_at")),
                  d.updatedAt());
            })
        .list();
  }

  boolean remove(String documentId) {
    Objects.requireNonNull(documentId, "documentId");
    return db.write(
        "removing document " + documentId, h -> removeIn(h, documentId, db.clock().millis()));
  }

  /** Removes the document inside the caller's write transaction; false when unknown. */
  private static boolean removeIn(Handle h, String documentId, long now) {
    Optional<String> agentId =
        h.createQuery("SELECT agent_id FROM documents WHERE id = :id")
            .bind("id", documentId)
            .mapTo(String.class)
            .findOne();
    if (agentId.isEmpty()) {
      return false;
    }
    // The embedding cache is shared by every document, agent and model: only the texts that no
    // other chunk holds go (a copy of a passage elsewhere keeps its vector cached).
    h.createUpdate(
            "DELETE FROM embeddings WHERE content_hash IN"
                + " (SELECT content_hash FROM chunks WHERE document_id = :id)"
                + " AND NOT EXISTS (SELECT 1 FROM chunks o"
                + " WHERE o.content_hash = embeddings.content_hash AND o.document_id <> :id)")
        .bind("id", documentId)
        .execute();
    h.createUpdate("DELETE FROM documents WHERE id = :id").bind("id", documentId).execute();
    ChangeLog.record(h, documentId, agentId.get(), 0, now);
    return true;
  }
}
