/**
 * Internals of {@code elavira-ingest} shared by several parsers and the pipeline (text decoding,
 * file discovery). Not API: anything here may change in any release without notice.
 */
@NullMarked
package io.elavira.ingest.internal;

import org.jspecify.annotations.NullMarked;
