/**
 * The PostgreSQL + pgvector vector store ({@link io.elavira.vector.pgvector.PgVectorStore}): one
 * table with an HNSW index for cosine distance and a GIN index on JSONB metadata, Elavira's filters
 * translated into SQL so they apply inside the search. The path past one machine.
 */
@NullMarked
package io.elavira.vector.pgvector;

import org.jspecify.annotations.NullMarked;
