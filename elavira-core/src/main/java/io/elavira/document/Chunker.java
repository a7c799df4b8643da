package io.elavira.document;

import java.util.List;

/**
 * Splits a {@link Document} into {@link Chunk}s.
 *
 * <p>Implementations are immutable and thread-safe. They keep structure (sections, pages, code
 * blocks, tables) where they can and number chunks from 0 in reading order. A blank document gives
 * an empty list.
 */
public interface Chunker {

  /** Splits the document into chunks in reading order. */
  List<Chunk> chunk(Document document);
}
