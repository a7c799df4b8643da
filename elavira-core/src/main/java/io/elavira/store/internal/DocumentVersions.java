package io.elavira.store.internal;

import io.elavira.ElaviraException;
import io.elavira.store.ChunkRecord;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Not API. The write path of document versions behind {@link SqlDocumentStore}: stage a version's
 * rows next to the current ones, publish it (the document row, the deletion of older rows and the
 * change log in one transaction), discard it, or delete the document with a tombstone. Stateless
 * over its {@link Database}; thread-safe as the database is.
 */
final class DocumentVersions {
  private final Database db;
  private final ChunkRows chunkRows;

  DocumentVersions(Database db, ChunkRows chunkRows) {
    this.db = db;
    this.chunkRows = chunkRows;
  }

  static int latestVersion(Handle h, String documentId) {
    return h.createQuery(
            "SELECT MAX(COALESCE((SELECT version FROM documents WHERE id = :id), 0),"
                + " COALESCE((SELECT MAX(version) FROM chunks WHERE document_id = :id), 0))")
        .bind("id", documentId)
        .mapTo(Integer.class)
        .one();
  }

  List<String> stage(DocumentRecord document, List<ChunkRecord> chunks) {
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
                        + SqlDocumentStore.DOCUMENT_COLUMNS
                        + ", created_at) VALUES (:id, :agent, :owner, :name, :location, :format,"
                        + " :hash, 'INDEXING', 0, 0, :now, :size, :now)")
                .bindMap(args)
                .execute();
            h.createUpdate(
                    "INSERT INTO document_locations (agent_id, owner_key, location,"
                        + " document_id, name, added_at) VALUES (:agent, :ownerKey, :location,"
                        + " :id, :name, :now)")
                .bindMap(args)
                .execute();
          } else if (byId.get().status() == DocumentStatus.INDEXING) {
            // Nothing of it is searchable: the row may describe the version being written.
            h.createUpdate(
                    "UPDATE documents SET owner_id = :owner, name = :name, format = :format,"
                        + " content_hash = :hash, size_bytes = :size, updated_at = :now"
                        + " WHERE id = :id")
                .bindMap(args)
                .execute();
            ownerOfLocations(h, args);
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
    return h.createQuery(
            "SELECT " + SqlDocumentStore.DOCUMENT_COLUMNS + " FROM documents WHERE id = :id")
        .bind("id", documentId)
        .map(SqlDocumentStore::document)
        .findOne();
  }

  private static void checkIdentity(
      Handle h, DocumentRecord document, Optional<DocumentRecord> byId) {
    Optional<String> idAtLocation =
        h.createQuery(
                "SELECT document_id FROM document_locations"
                    + " WHERE agent_id = :agent AND owner_key = :ownerKey"
                    + " AND location = :location"
                    + " UNION SELECT id FROM documents WHERE agent_id = :agent"
                    + " AND COALESCE(owner_id, '') = :ownerKey AND location = :location")
            .bind("agent", document.agentId())
            .bind("ownerKey", SqlDocumentStore.ownerKey(document.ownerId()))
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

  boolean publish(DocumentRecord document) {
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
                      + " chunk_count = :chunks, size_bytes = :size, updated_at = :now"
                      + " WHERE id = :id")
              .bindMap(args)
              .execute();
          ownerOfLocations(h, args);
          h.createUpdate("DELETE FROM chunks WHERE document_id = :id AND version < :version")
              .bind("id", document.id())
              .bind("version", document.version())
              .execute();
          ChangeLog.record(h, document.id(), current.agentId(), document.version(), now);
          return true;
        });
  }

  void discard(String documentId, int version) {
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

  /** Keeps the owner key of the document's locations that of its (possibly new) owner. */
  private static void ownerOfLocations(Handle h, Map<String, Object> args) {
    h.createUpdate(
            "UPDATE document_locations SET owner_key = :ownerKey WHERE document_id = :id"
                + " AND owner_key <> :ownerKey")
        .bindMap(args)
        .execute();
  }

  private static Map<String, Object> documentArguments(DocumentRecord d, int chunks, long now) {
    Map<String, Object> args = new HashMap<>();
    args.put("id", d.id());
    args.put("agent", d.agentId());
    args.put("owner", d.ownerId());
    args.put("ownerKey", SqlDocumentStore.ownerKey(d.ownerId()));
    args.put("name", d.name());
    args.put("location", d.location());
    args.put("format", d.format());
    args.put("hash", d.contentHash());
    args.put("chunks", chunks);
    args.put("size", d.sizeBytes());
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

  void delete(String documentId) {
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
}
