package io.elavira.ingest.office;

import io.elavira.document.Block;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.ingest.internal.ArchiveGuard;
import io.elavira.ingest.internal.HtmlBlocks;
import io.elavira.ingest.internal.ParseFailures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.odf.OpenDocumentParser;
import org.apache.tika.sax.ToXMLContentHandler;
import org.jsoup.Jsoup;
import org.xml.sax.SAXException;

/**
 * Reads OpenDocument text ({@code odt}) with Apache Tika's {@code OpenDocumentParser}: Tika gives
 * XHTML, which is read into headings (opening sections), paragraphs, lists and tables as for HTML.
 * The title and author are kept as metadata. The archive is checked against the archive limits
 * limits before Tika opens it.
 *
 * <p>Thread-safe (a new Tika parser per call); the stream is read into memory and never closed.
 */
public final class OdtParser implements DocumentParser {
  /** The value of {@link Document#format()} for OpenDocument text. */
  public static final String FORMAT = "odt";

  private static final Set<String> EXTENSIONS = Set.of("odt");
  private final ArchiveGuard guard;

  /** A parser with the default zip-bomb limits. */
  public OdtParser() {
    this(ArchiveGuard.DEFAULT_MAX_EXPANDED_BYTES, ArchiveGuard.DEFAULT_MAX_RATIO);
  }

  /**
   * A parser with the given zip-bomb limits.
   *
   * @param maxArchiveExpandedBytes the most bytes the archive's entries may inflate to
   * @param maxArchiveExpansionRatio the most times its own size the archive may expand
   * @throws IllegalArgumentException when a limit is not positive
   */
  public OdtParser(long maxArchiveExpandedBytes, int maxArchiveExpansionRatio) {
    if (maxArchiveExpandedBytes <= 0 || maxArchiveExpansionRatio < 1) {
      throw new IllegalArgumentException(
          "archive limits must be positive, got "
              + maxArchiveExpandedBytes
              + " bytes and a ratio of "
              + maxArchiveExpansionRatio);
    }
    this.guard = new ArchiveGuard(maxArchiveExpandedBytes, maxArchiveExpansionRatio);
  }

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  /**
   * Parses an ODT file.
   *
   * @throws IngestException EMPTY, TOO_LARGE (zip bomb), ENCRYPTED, CORRUPT or UNREADABLE
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    byte[] bytes = ArchiveGuard.readAll(content, fileName);
    if (bytes.length == 0) {
      throw ParseFailures.empty(fileName);
    }
    guard.check(bytes, fileName, "ODT");
    ToXMLContentHandler handler = new ToXMLContentHandler();
    Metadata tikaMetadata = new Metadata();
    try {
      new OpenDocumentParser()
          .parse(new ByteArrayInputStream(bytes), handler, tikaMetadata, new ParseContext());
    } catch (EncryptedDocumentException e) {
      throw new IngestException(
          fileName,
          IngestException.Reason.ENCRYPTED,
          "'" + fileName + "' is password-protected. Save an unprotected copy and ingest that.",
          e);
    } catch (IOException | SAXException | TikaException | RuntimeException e) {
      throw ParseFailures.corrupt(fileName, "ODT", e);
    }
    List<Block> blocks = HtmlBlocks.of(Jsoup.parse(handler.toString()).body());
    if (blocks.isEmpty()) {
      throw ParseFailures.empty(fileName);
    }
    Map<String, String> metadata = new HashMap<>();
    String title = tikaMetadata.get(TikaCoreProperties.TITLE);
    if (title != null && !title.isBlank()) {
      metadata.put("title", title.strip());
    }
    String author = tikaMetadata.get(TikaCoreProperties.CREATOR);
    if (author != null && !author.isBlank()) {
      metadata.put("author", author.strip());
    }
    return new Document(fileName, fileName, FORMAT, blocks, metadata);
  }
}
