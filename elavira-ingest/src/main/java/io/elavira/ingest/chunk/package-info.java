/**
 * Chunkers: {@link io.elavira.ingest.chunk.RecursiveChunker} packs a document's blocks into
 * token-bounded chunks that follow its structure (sections, code blocks, tables) and splits
 * oversized blocks recursively, down to paragraphs, lines, sentences and words.
 */
@NullMarked
package io.elavira.ingest.chunk;

import org.jspecify.annotations.NullMarked;
