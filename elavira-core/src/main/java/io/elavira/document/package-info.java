/**
 * Documents and how they are read and split: {@link io.elavira.document.Document} and its {@link
 * io.elavira.document.Block}s, {@link io.elavira.document.Chunk}, and the {@link
 * io.elavira.document.DocumentParser} and {@link io.elavira.document.Chunker} SPIs. Implementations
 * live in {@code elavira-ingest}.
 */
@NullMarked
package io.elavira.document;

import org.jspecify.annotations.NullMarked;
