/**
 * The Weaviate vector store ({@link io.elavira.vector.weaviate.WeaviateVectorStore}): one class
 * (collection) of a Weaviate server, optionally one tenant of it, written through {@code
 * /v1/batch/objects} and searched with GraphQL {@code nearVector} plus a {@code where} filter. Wire
 * code is package-private.
 */
@NullMarked
package io.elavira.vector.weaviate;

import org.jspecify.annotations.NullMarked;
