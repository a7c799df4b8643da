/**
 * The Chroma vector store ({@link io.elavira.vector.chroma.ChromaVectorStore}): a collection of a
 * Chroma server, spoken to over its REST API v2, with Elavira's filters translated into Chroma's
 * {@code where} language so they apply inside the server's search. Wire code is package-private.
 */
@NullMarked
package io.elavira.vector.chroma;

import org.jspecify.annotations.NullMarked;
