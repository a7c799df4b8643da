package io.elavira.internal;

import io.elavira.store.AuditLog;
import io.elavira.store.DocumentInfo;
import io.elavira.store.DocumentRecord;
import io.elavira.store.DocumentStore;
import io.elavira.store.RemovedLocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Lists, shows and removes what one agent knows: its documents with every path they were found at,
 * and the removal of a document (rows, vectors, cached embeddings no other chunk uses, and a
 * tombstone in the change log so that other processes drop it too) or of the locations gone from
 * disk under a folder.
 *
 * <p>Thread-safe: each removal is one database transaction, followed by the update of the agent's
 * vector index through {@link IndexSync}. A removal racing an index of the same document wins or
 * loses whole: the index call then fails saying the document changed meanwhile.
 */
public final class DocumentRemoval {
  private final String agentId;
  private final DocumentStore documents;
  private final IndexSync sync;
  private final AuditLog audit;

  DocumentRemoval(String agentId, DocumentStore documents, IndexSync sync, AuditLog audit) {
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.documents = Objects.requireNonNull(documents, "documents");
    this.sync = Objects.requireNonNull(sync, "sync");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /** The agent's documents, by name. */
  public List<DocumentInfo> list() {
    return documents.infos(agentId);
  }

  /**
   * The agent's document with this id, or else the one found at this location (the shared one when
   * several owners' documents were read from that path).
   */
  public Optional<DocumentInfo> find(String idOrLocation) {
    Objects.requireNonNull(idOrLocation, "idOrLocation");
    Optional<DocumentInfo> byId = documents.info(agentId, idOrLocation);
    if (byId.isPresent()) {
      return byId;
    }
    String documentId = documents.locationsOf(agentId).get(idOrLocation);
    return documentId == null ? Optional.empty() : documents.info(agentId, documentId);
  }

  /** The agent's documents {@code userId} may see (shared and own), by name. */
  public List<DocumentInfo> list(String userId) {
    return documents.infosVisibleTo(agentId, userId);
  }

  /**
   * The document with this id, or else at this location, when {@code userId} may see it (shared or
   * own; the user's own when both were read from that path); empty otherwise.
   */
  public Optional<DocumentInfo> find(String userId, String idOrLocation) {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(idOrLocation, "idOrLocation");
    Optional<DocumentInfo> byId = documents.infoVisibleTo(agentId, userId, idOrLocation);
    if (byId.isPresent()) {
      return byId;
    }
    Optional<DocumentRecord> atLocation =
        documents
            .findByLocation(agentId, userId, idOrLocation)
            .or(() -> documents.findByLocation(agentId, null, idOrLocation));
    return atLocation.flatMap(d -> documents.infoVisibleTo(agentId, userId, d.id()));
  }

  /**
   * Removes {@code userId}'s own private document with this id or at this location, as {@link
   * #remove(String)} does.
   *
   * @return what was removed; empty when the user has no such private document (a shared document
   *     is not the user's to remove)
   */
  public Optional<DocumentInfo> remove(String userId, String idOrLocation) {
    Optional<DocumentInfo> found = find(userId, idOrLocation);
    if (found.isEmpty() || !userId.equals(found.get().ownerId())) {
      return Optional.empty();
    }
    return remove(found.get().id());
  }

  /**
   * Removes the document with this id or at this location, with all its locations.
   *
   * @return what was removed; empty when the agent has no such document
   */
  public Optional<DocumentInfo> remove(String idOrLocation) {
    Optional<DocumentInfo> found = find(idOrLocation);
    if (found.isEmpty() || !documents.remove(found.get().id())) {
      return Optional.empty();
    }
    DocumentInfo doc = found.get();
    sync.removed(doc.id());
    audit.record(
        "delete",
        doc.ownerId(),
        agentId,
        "document=" + doc.name() + " id=" + doc.id() + " chunks=" + doc.chunkCount());
    return found;
  }

  /**
   * Forgets the agent's locations under {@code root} that are not in {@code seen}: files a folder
   * scan no longer found. A document that loses its last location is removed as {@link #remove}
   * does; one that keeps a location elsewhere (a byte-identical copy) stays.
   *
   * @param root a folder (absolute path or URI prefix); a location is under it when it equals it or
   *     continues it after a {@code /} or {@code \}
   * @param seen the locations the scan found, written as they were indexed
   * @return the locations removed, in location order
   */
  public List<RemovedLocation> prune(String root, Collection<String> seen) {
    Objects.requireNonNull(root, "root");
    if (root.isBlank()) {
      throw new IllegalArgumentException(
          "root must not be blank; give the folder that was scanned");
    }
    Set<String> found = Set.copyOf(seen);
    String folder = stripTrailingSeparators(root);
    // Every owner's locations: a file gone from disk is gone for the shared and private documents
    // read from it alike.
    List<RemovedLocation> removed = new ArrayList<>();
    for (DocumentInfo doc : documents.infos(agentId)) {
      for (String location : doc.paths()) {
        if (!isUnder(location, folder) || found.contains(location)) {
          continue;
        }
        String name = fileName(location);
        Optional<String> lost =
            documents.moveLocation(agentId, doc.ownerId(), location, name, null);
        lost.ifPresent(sync::removed);
        removed.add(new RemovedLocation(location, doc.id(), name, lost.isPresent()));
      }
    }
    removed.sort(Comparator.comparing(RemovedLocation::location));
    if (!removed.isEmpty()) {
      audit.record(
          "prune",
          null,
          agentId,
          "locations="
              + removed.size()
              + " documents="
              + removed.stream().filter(RemovedLocation::documentRemoved).count());
    }
    return List.copyOf(removed);
  }

  static boolean isUnder(String location, String folder) {
    return location.equals(folder)
        || location.startsWith(folder + "/")
        || location.startsWith(folder + "\\");
  }

  private static String stripTrailingSeparators(String root) {
    int end = root.length();
    while (end > 0 && (root.charAt(end - 1) == '/' || root.charAt(end - 1) == '\\')) {
      end--;
    }
    return root.substring(0, end);
  }

  private static String fileName(String location) {
    int slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
    return slash >= 0 && slash < location.length() - 1 ? location.substring(slash + 1) : location;
  }
}
