package io.elavira.ingest;

import io.elavira.document.Chunk;
import io.elavira.document.Chunker;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IndexRequest;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.internal.BlockCleaner;
import io.elavira.store.DocumentInfo;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of a pipeline on one file, before indexing: checks it, picks its parser (by extension,
 * then content), parses, cleans and chunks it, enforcing the size limits. Immutable and
 * thread-safe: the pipeline runs it on several files at once.
 */
final class DocumentPreparer {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentPreparer.class);

  private final ParserRegistry parsers;
  private final Chunker chunker;
  private final long maxFileBytes;
  private final int maxDocumentChars;

  DocumentPreparer(
      ParserRegistry parsers, Chunker chunker, long maxFileBytes, int maxDocumentChars) {
    this.parsers = parsers;
    this.chunker = chunker;
    this.maxFileBytes = maxFileBytes;
    this.maxDocumentChars = maxDocumentChars;
  }

  /** Reads, parses and chunks one file. */
  IndexRequest prepare(Path path) {
    String fileName = path.getFileName().toString();
    Document parsed = BlockCleaner.clean(read(path, fileName));
    long chars = parsed.blocks().stream().mapToLong(b -> b.text().length()).sum();
    if (chars > maxDocumentChars) {
      throw new IngestException(
          path.toString(),
          Reason.TOO_LARGE,
          "'"
              + fileName
              + "' holds "
              + chars
              + " characters of text, over the limit of "
              + maxDocumentChars
              + " (maxDocumentChars). Split the file, or raise the limit with "
              + "IngestionPipeline.builder().maxDocumentChars(...).");
    }
    Document document =
        new Document(
            fileName, path.toString(), parsed.format(), parsed.blocks(), parsed.metadata());
    List<Chunk> chunks;
    try {
      chunks = chunker.chunk(document);
    } catch (IngestException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IngestException(
          path.toString(),
          Reason.CORRUPT,
          "Could not chunk '"
              + fileName
              + "' ("
              + e.getClass().getSimpleName()
              + "); please report this with the file.",
          e);
    }
    LOG.debug("Prepared {}: {} blocks, {} chunks", path, document.blocks().size(), chunks.size());
    return IndexRequest.shared(document, chunks);
  }

  /** The parsed document with the file's size in bytes, which the document list shows. */
  private static Document withSize(Document parsed, long size) {
    Map<String, String> metadata = new HashMap<>(parsed.metadata());
    metadata.put(DocumentInfo.SIZE_BYTES_METADATA, Long.toString(size));
    return new Document(
        parsed.name(), parsed.location(), parsed.format(), parsed.blocks(), metadata);
  }

  private Document read(Path path, String fileName) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new IngestException(
            path.toString(),
            Reason.UNREADABLE,
            "'"
                + path
                + "' is not a regular file (a device, pipe or socket). Give files or folders only.");
      }
      long size = attributes.size();
      if (size > maxFileBytes) {
        throw new IngestException(
            path.toString(),
            Reason.TOO_LARGE,
            "'"
                + fileName
                + "' has "
                + size
                + " bytes, over the limit of "
                + maxFileBytes
                + " (maxFileBytes). Split the "
                + "file, or raise the limit with IngestionPipeline.builder().maxFileBytes(...).");
      }
      DocumentParser parser = parsers.forFile(path, extension(fileName));
      if (parser == null) {
        throw new IngestException(
            path.toString(),
            Reason.UNSUPPORTED_FORMAT,
            "No parser reads '"
                + fileName
                + "'; supported extensions: "
                + String.join(", ", parsers.extensions())
                + ". Convert the file or register a parser for it.");
      }
      Document parsed;
      if (parser instanceof PathAwareParser pathAware) {
        parsed = pathAware.parse(path);
      } else {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
          parsed = parser.parse(in, fileName);
        }
      }
      return withSize(parsed, size);
    } catch (IOException e) {
      throw new IngestException(
          path.toString(),
          Reason.UNREADABLE,
          "Could not read '"
              + path
              + "' ("
              + e.getClass().getSimpleName()
              + "). Check that it exists and that its "
              + "permissions allow reading.",
          e);
    } catch (IngestException e) {
      throw e;
    } catch (RuntimeException e) {
      // A parser must not let a library exception escape; one that does is contained here.
      throw new IngestException(
          path.toString(),
          Reason.CORRUPT,
          "Could not parse '"
              + fileName
              + "' ("
              + e.getClass().getSimpleName()
              + "). Check the file.",
          e);
    }
  }

  private static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
