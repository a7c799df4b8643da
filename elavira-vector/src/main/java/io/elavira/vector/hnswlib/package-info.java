/**
 * An optional embedded vector store on hnswlib ({@code com.github.jelmerk:hnswlib-core}): {@link
 * io.elavira.vector.hnswlib.HnswlibVectorStore}, an in-memory HNSW graph persisted in its own
 * directory as a snapshot (written to a temporary file, fsynced and renamed over the previous one)
 * plus a change log fsynced at every write, loaded on open and reported through {@link
 * io.elavira.vector.stores.OpenState} and a checkpoint like the Lucene default. The other classes
 * of this package are not API.
 */
@NullMarked
package io.elavira.vector.hnswlib;

import org.jspecify.annotations.NullMarked;
