/**
 * Server-backed and approximate vector stores (embedded HNSW, Chroma, Weaviate, PostgreSQL +
 * pgvector). Empty for now: the exact in-memory store in {@code elavira-core} serves the
 * foundation; the stores arrive with the vector-store issue.
 */
@NullMarked
package io.elavira.vector.stores;

import org.jspecify.annotations.NullMarked;
