/**
 * The embedded default indexes, on Apache Lucene: {@link
 * io.elavira.vector.lucene.LuceneVectorStore} (HNSW vectors, int8-quantised graph walk with exact
 * rescoring, filters inside the search) and {@link io.elavira.vector.lucene.LuceneLexicalIndex}
 * (BM25 with French and English analysis). Both persist in a directory with atomic commits, open
 * through memory-mapped files, and report through {@link io.elavira.vector.stores.OpenState} and a
 * checkpoint whether they must be rebuilt from the system of record.
 */
@NullMarked
package io.elavira.vector.lucene;

import org.jspecify.annotations.NullMarked;
