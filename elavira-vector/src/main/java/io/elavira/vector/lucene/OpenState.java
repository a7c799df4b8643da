package io.elavira.vector.lucene;

/**
 * How an embedded index was found when it was opened: what tells the caller whether to rebuild it
 * from the system of record.
 */
public enum OpenState {
  /** No index was there: an empty one was created. Rebuild it from the system of record. */
  CREATED,
  /** The last commit was opened (its commit files verified). Compare its checkpoint to decide. */
  OPENED,
  /**
   * The files were unreadable (corrupt, truncated, from an unknown format): they were replaced by
   * an empty index. Rebuild it from the system of record.
   */
  RECREATED
}
