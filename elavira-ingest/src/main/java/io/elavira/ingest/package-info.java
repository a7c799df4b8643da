/**
 * Ingestion: {@link io.elavira.ingest.IngestionPipeline} walks files and folders, parses each file
 * with the {@link io.elavira.document.DocumentParser} for its extension, chunks it and hands it to
 * a {@link io.elavira.document.DocumentIndexer} (an agent), reporting every file's outcome in an
 * {@link io.elavira.ingest.IngestReport}. Parsers live in sub-packages ({@code text}, {@code
 * markdown}), chunkers in {@code chunk}.
 */
@NullMarked
package io.elavira.ingest;

import org.jspecify.annotations.NullMarked;
