/**
 * The vector-store SPI ({@link io.elavira.vector.VectorStore}), metadata filters applied inside the
 * search, and an exact in-memory store that is both the reference for recall tests and fine for
 * small agents. Server-backed and ANN stores live in {@code elavira-vector}.
 */
@NullMarked
package io.elavira.vector;

import org.jspecify.annotations.NullMarked;
