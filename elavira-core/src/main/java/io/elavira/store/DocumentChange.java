package io.elavira.store;

import java.util.Objects;

/**
 * The last change of one document in the system of record's change log: which version became
 * searchable, or that it was deleted. Derived indexes read the changes after the last one they
 * applied, whatever process wrote them.
 *
 * @param sequence position in the log; grows with every change of the home's documents
 * @param documentId the document
 * @param version the version published, or 0 when the document was deleted
 */
public record DocumentChange(long sequence, String documentId, int version) {
  /** Validates. */
  public DocumentChange {
    Objects.requireNonNull(documentId, "documentId");
    if (version < 0) {
      throw new IllegalArgumentException("version must be >= 0, got " + version);
    }
  }

  /** Whether the document was deleted. */
  public boolean deleted() {
    return version == 0;
  }
}
