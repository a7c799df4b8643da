/**
 * What the stores of {@code elavira-vector} share: {@link
 * io.elavira.vector.stores.VectorStoreException}. Each store is its own package: the embedded
 * default ({@code io.elavira.vector.lucene}: HNSW vectors and the BM25 lexical index), Chroma
 * ({@code io.elavira.vector.chroma}) and PostgreSQL + pgvector ({@code
 * io.elavira.vector.pgvector}).
 */
@NullMarked
package io.elavira.vector.stores;

import org.jspecify.annotations.NullMarked;
