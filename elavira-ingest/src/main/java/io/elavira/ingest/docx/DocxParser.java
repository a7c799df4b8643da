package io.elavira.ingest.docx;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.ingest.internal.ArchiveGuard;
import io.elavira.ingest.internal.ParseFailures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeaderFooter;
import org.jspecify.annotations.Nullable;

/**
 * Reads Word documents ({@code .docx}, Office Open XML) with Apache POI.
 *
 * <p>Blocks: paragraphs styled as headings ("Heading 1".."Heading 9", "Title", or with an outline
 * level) become {@link BlockType#HEADING}s and open sections ("Intro &gt; Scope"); consecutive list
 * paragraphs become one {@link BlockType#LIST} ("- " for bullets, "1." for numbers, indented by
 * level); tables become {@link BlockType#TABLE}s with one row per line ({@code | a | b |}, a
 * delimiter row after the first), ragged rows padded with empty cells, a merged cell's text given
 * once, nested tables flattened into their cell. Page headers and footers are read apart from the
 * body, after it, in sections named {@value #HEADER_SECTION} and {@value #FOOTER_SECTION}, each
 * distinct text once. Core properties give {@code title}, {@code author}, {@code created} and
 * {@code modified} metadata.
 *
 * <p>Errors ({@link IngestException} naming the file): EMPTY with no text, TOO_LARGE when the
 * archive expands beyond the archive limits limits (zip bomb), CORRUPT when POI cannot read it (a
 * legacy {@code .doc} included), ENCRYPTED for a password-protected file.
 *
 * <p>Immutable and thread-safe; the stream is read into memory and never closed.
 */
public final class DocxParser implements DocumentParser {
  /** The value of {@link Document#format()} for Word documents. */
  public static final String FORMAT = "docx";

  /** Section of the blocks that come from page headers. */
  public static final String HEADER_SECTION = "Page header";

  /** Section of the blocks that come from page footers. */
  public static final String FOOTER_SECTION = "Page footer";

  private static final Set<String> EXTENSIONS = Set.of("docx");

  private final ArchiveGuard guard;

  /** A parser with the default zip-bomb limits. */
  public DocxParser() {
    this(ArchiveGuard.DEFAULT_MAX_EXPANDED_BYTES, ArchiveGuard.DEFAULT_MAX_RATIO);
  }

  /**
   * A parser with the given zip-bomb limits.
   *
   * @param maxArchiveExpandedBytes the most bytes the archive's entries may inflate to
   * @param maxArchiveExpansionRatio the most times its own size the archive may expand
   * @throws IllegalArgumentException when a limit is not positive
   */
  public DocxParser(long maxArchiveExpandedBytes, int maxArchiveExpansionRatio) {
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
   * Parses a DOCX file.
   *
   * @throws IngestException EMPTY, TOO_LARGE, CORRUPT, ENCRYPTED or UNREADABLE
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    byte[] bytes = ArchiveGuard.readAll(content, fileName);
    if (bytes.length == 0) {
      throw ParseFailures.empty(fileName);
    }
    if (bytes.length >= 8 && (bytes[0] & 0xFF) == 0xD0 && (bytes[1] & 0xFF) == 0xCF) {
      throw new IngestException(
          fileName,
          IngestException.Reason.ENCRYPTED,
          "'"
              + fileName
              + "' is not a plain .docx (an OLE container: a password-protected document or a"
              + " legacy .doc renamed). Remove the password or save it as .docx again.");
    }
    guard.check(bytes, fileName, "DOCX");
    try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      BodyWalker walker = new BodyWalker(document);
      walker.body(document.getBodyElements());
      List<Block> blocks = walker.blocks();
      if (blocks.isEmpty()) {
        throw ParseFailures.empty(fileName);
      }
      addAll(blocks, walker, document.getHeaderList(), HEADER_SECTION);
      addAll(blocks, walker, document.getFooterList(), FOOTER_SECTION);
      return new Document(fileName, fileName, FORMAT, blocks, metadata(document, walker));
    } catch (IOException | RuntimeException e) {
      if (e instanceof IngestException ingest) {
        throw ingest;
      }
      throw ParseFailures.corrupt(fileName, "DOCX", e);
    }
  }

  private static void addAll(
      List<Block> blocks,
      BodyWalker walker,
      List<? extends XWPFHeaderFooter> parts,
      String section) {
    Set<String> seen = new LinkedHashSet<>();
    for (XWPFHeaderFooter part : parts) {
      String text = walker.plainText(part.getBodyElements());
      if (!text.isBlank() && seen.add(text)) {
        blocks.add(new Block(BlockType.PARAGRAPH, text, section, null));
      }
    }
  }

  private static Map<String, String> metadata(XWPFDocument document, BodyWalker walker) {
    Map<String, String> metadata = new LinkedHashMap<>();
    POIXMLProperties.CoreProperties core = document.getProperties().getCoreProperties();
    put(metadata, "title", core.getTitle());
    put(metadata, "author", core.getCreator());
    put(metadata, "created", iso(core.getCreated()));
    put(metadata, "modified", iso(core.getModified()));
    if (!metadata.containsKey("title") && walker.title() != null) {
      metadata.put("title", walker.title());
    }
    return metadata;
  }

  private static @Nullable String iso(@Nullable Date date) {
    return date == null ? null : date.toInstant().toString();
  }

  private static void put(Map<String, String> metadata, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      metadata.put(key, value.strip());
    }
  }
}
