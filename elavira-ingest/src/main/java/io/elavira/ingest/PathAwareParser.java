package io.elavira.ingest;

import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import java.nio.file.Path;

/**
 * A parser that may look beyond the file's bytes at the files next to it: an export manifest checks
 * that the shards it lists are there. The {@link IngestionPipeline} calls {@link #parse(Path)}
 * instead of {@link #parse(java.io.InputStream, String)} for the files such a parser reads.
 *
 * <p>Implementations are stateless and thread-safe, like every parser.
 */
public interface PathAwareParser extends DocumentParser {
  /**
   * Parses the file at {@code file}, reading nothing outside its folder.
   *
   * @throws IngestException as {@link DocumentParser#parse(java.io.InputStream, String)} does
   */
  Document parse(Path file);
}
