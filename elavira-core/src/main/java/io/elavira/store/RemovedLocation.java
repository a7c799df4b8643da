package io.elavira.store;

import java.util.Objects;

/**
 * A location an agent forgot because its file is gone ({@link io.elavira.ElaviraAgent#prune(String,
 * java.util.Collection)}).
 *
 * @param location the location (absolute path or URI) removed
 * @param documentId the document it belonged to
 * @param name the file name at that location
 * @param documentRemoved true when it was the document's last location, so the document itself was
 *     removed (rows, vectors, cached embeddings no other document uses); false when the document
 *     stays, known by its other locations (a byte-identical copy elsewhere)
 */
public record RemovedLocation(
    String location, String documentId, String name, boolean documentRemoved) {
  /** Validates. */
  public RemovedLocation {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(name, "name");
  }
}
