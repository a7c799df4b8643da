package io.elavira.ingest.export;

import java.io.OutputStream;

/**
 * Writes an {@link ExportDocument} in one format. Implementations are immutable and thread-safe;
 * {@link DocumentExporters} picks one by the output file's extension and handles the file.
 */
public interface DocumentExporter {
  /** The format this exporter writes. */
  ExportFormat format();

  /**
   * Writes the document to a stream, which is flushed and left open.
   *
   * @param document the document
   * @param out where the bytes go
   * @param fileName the output file's name, for error messages only
   * @throws ExportException RENDER_FAILED when the format's library fails, WRITE_FAILED when the
   *     stream fails
   */
  void write(ExportDocument document, OutputStream out, String fileName);
}
