package io.elavira.vector.stores;

/**
 * How an embedded index was found when it was opened: what tells the caller whether to rebuild it
 * from the system of record. Shared by the embedded stores ({@code LuceneVectorStore}, {@code
 * LuceneLexicalIndex}, {@code HnswlibVectorStore}), each with a checkpoint string stored with its
 * last durable write.
 */
public enum OpenState {
  /** No index was there: an empty one was created. Rebuild it from the system of record. */
  CREATED,
  /**
   * The last durable state was opened (its checksums verified). Compare its checkpoint to decide.
   */
  OPENED,
  /**
   * The files were unreadable (corrupt, truncated, from an unknown format): they were replaced by
   * an empty index. Rebuild it from the system of record.
   */
  RECREATED
}
