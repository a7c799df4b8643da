package io.elavira.document;

import java.io.InputStream;
import java.util.Set;

/**
 * Reads one file format into a {@link Document}.
 *
 * <p>Implementations are stateless and thread-safe. They never close the stream they are given.
 *
 * <p>Errors: an {@link IngestException} naming the file and the {@link IngestException.Reason}
 * (corrupt, encrypted, empty...). A parser never lets a library exception escape.
 */
public interface DocumentParser {

  /** The lower-case file extensions this parser reads, without the dot, e.g. {@code "md"}. */
  Set<String> extensions();

  /**
   * Parses the content.
   *
   * @param content the bytes of the file; not closed
   * @param fileName the file name, for metadata and error messages
   * @return the document; a document with no text is reported as an {@link IngestException} with
   *     reason {@link IngestException.Reason#EMPTY}, not returned
   * @throws IngestException when the content cannot be read as this format
   */
  Document parse(InputStream content, String fileName);
}
