package io.elavira.ingest;

import io.elavira.document.DocumentParser;

/**
 * A parser that recognises its files by their content, not only by their extension: a chat export
 * is a {@code .json} file like any other until its first bytes are read. The {@link
 * IngestionPipeline} asks the detecting parsers registered for an extension first and falls back to
 * the plain parser of that extension (e.g. generic JSON) when none recognises the file.
 *
 * <p>Implementations are stateless and thread-safe, like every parser.
 */
public interface DetectingParser extends DocumentParser {
  /** How many leading bytes the pipeline passes to {@link #recognises}, at most. */
  int DETECTION_BYTES = 64 * 1024;

  /**
   * Whether this parser reads a file that starts with these bytes.
   *
   * @param head the first bytes of the file, at most {@link #DETECTION_BYTES}; may be the whole
   *     file
   * @param fileName the file name, a hint only
   */
  boolean recognises(byte[] head, String fileName);
}
