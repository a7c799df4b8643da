/**
 * What the stores of {@code elavira-vector} share: {@link
 * io.elavira.vector.stores.VectorStoreException} and the embedded stores' {@link
 * io.elavira.vector.stores.OpenState}. Each store is its own package: the embedded default ({@code
 * io.elavira.vector.lucene}: HNSW vectors and the BM25 lexical index), the optional embedded
 * hnswlib store ({@code io.elavira.vector.hnswlib}), Chroma ({@code io.elavira.vector.chroma}),
 * PostgreSQL + pgvector ({@code io.elavira.vector.pgvector}) and Weaviate ({@code
 * io.elavira.vector.weaviate}).
 */
@NullMarked
package io.elavira.vector.stores;

import org.jspecify.annotations.NullMarked;
