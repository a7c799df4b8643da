package io.elavira.store;

/** Where a document is in ingestion. Only {@link #READY} documents are searched. */
public enum DocumentStatus {
  /** Rows written, index not yet updated. Left over after a crash, it is redone on open. */
  INDEXING,
  /** Rows and index are complete. */
  READY
}
