package io.elavira.store;

/** Where a document is in ingestion. Only {@link #READY} documents are searched. */
public enum DocumentStatus {
  /**
   * Its first version is being written and no version is searchable yet. A first version a crash
   * left staged is published when an agent of its home opens.
   */
  INDEXING,
  /**
   * One version is published and searchable; a newer one may be staged next to it until it replaces
   * it whole.
   */
  READY
}
