package io.elavira.document;

import java.util.Objects;

/**
 * What indexing one document did.
 *
 * @param documentId id of the document in the system of record
 * @param name the document's file name
 * @param status whether it was added, updated, or left as it was
 * @param chunks the number of chunks it now has
 */
public record IndexResult(String documentId, String name, Status status, int chunks) {
  /** What happened to the document. */
  public enum Status {
    /** First time this location was indexed. */
    ADDED,
    /** The content changed since the last time; chunks were replaced. */
    UPDATED,
    /** Same content hash as the stored version; nothing was done. */
    UNCHANGED
  }

  /** Validates. */
  public IndexResult {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
  }
}
