package io.elavira.ingest.pdf;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.internal.BundledFontMapper;
import io.elavira.ingest.internal.PageCleaner;
import io.elavira.ingest.internal.ParseFailures;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads PDF files with Apache PDFBox.
 *
 * <pre>{@code
 * PdfParser parser = PdfParser.builder().password(System.getenv("PDF_PASSWORD")).maxPages(2000).build();
 * }</pre>
 *
 * <p>Text: the text layer, page by page, in the order the page draws it (so the columns of a
 * two-column paper follow each other instead of interleaving line by line); each paragraph is a
 * {@link BlockType#PARAGRAPH} carrying its 1-based page. A table's row stays one line. Text a
 * reader cannot see is dropped: white, zero-size, invisible rendering mode, clipped away or off the
 * page. Lines repeated at the top or bottom of most pages (running headers and footers, page
 * numbers) are removed.
 *
 * <p>Metadata: {@value #TITLE_KEY}, {@value #AUTHOR_KEY}, {@value #CREATOR_KEY}, {@value
 * #PRODUCER_KEY}, {@value #CREATED_KEY} and {@value #MODIFIED_KEY} (ISO-8601) when the file has
 * them, {@value #PAGES_KEY}, and {@value #PAGES_WITHOUT_TEXT_KEY} (comma-separated page numbers)
 * when some pages have no text layer.
 *
 * <p>Errors ({@link IngestException} naming the file): ENCRYPTED when the file needs a password
 * that was not given or is wrong; NO_TEXT_LAYER when no page has text but some have images (a scan:
 * OCR is not done); EMPTY when no page has text at all; TOO_LARGE over {@link Builder#maxPages};
 * CORRUPT when PDFBox cannot read the file.
 *
 * <p>Privacy: nothing is written to disk. Fonts a PDF uses without embedding them are not looked up
 * among the system's fonts (PDFBox's default would scan them and write {@code ~/.pdfbox.cache});
 * while this parser extracts text, PDFBox substitutes its bundled Liberation Sans for them, which
 * the text does not depend on. The host application's own PDFBox work keeps PDFBox's default, and a
 * host that set its own mapper with {@code org.apache.pdfbox.pdmodel.font.FontMappers.set} keeps it
 * for everything (Elavira's extraction included).
 *
 * <p>Immutable and thread-safe; the stream is read into memory and never closed.
 */
public final class PdfParser implements DocumentParser {
  /** The value of {@link Document#format()} for PDF documents. */
  public static final String FORMAT = "pdf";

  /** Default page limit: 5,000 pages. */
  public static final int DEFAULT_MAX_PAGES = 5_000;

  /** Metadata key of the document title. */
  public static final String TITLE_KEY = "title";

  /** Metadata key of the author. */
  public static final String AUTHOR_KEY = "author";

  /** Metadata key of the application that created the original document. */
  public static final String CREATOR_KEY = "creator";

  /** Metadata key of the application that produced the PDF. */
  public static final String PRODUCER_KEY = "producer";

  /** Metadata key of the creation date, ISO-8601. */
  public static final String CREATED_KEY = "created";

  /** Metadata key of the modification date, ISO-8601. */
  public static final String MODIFIED_KEY = "modified";

  /** Metadata key of the number of pages. */
  public static final String PAGES_KEY = "pages";

  /** Metadata key of the pages that have no text layer, e.g. "3,4". */
  public static final String PAGES_WITHOUT_TEXT_KEY = "pagesWithoutText";

  private static final Logger LOG = LoggerFactory.getLogger(PdfParser.class);
  private static final Set<String> EXTENSIONS = Set.of("pdf");
  private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");

  private final @Nullable String password;
  private final int maxPages;

  private PdfParser(Builder builder) {
    this.password = builder.password;
    this.maxPages = builder.maxPages;
  }

  /** A parser with the defaults: no password, {@value #DEFAULT_MAX_PAGES} pages. */
  public PdfParser() {
    this(new Builder());
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  /**
   * Parses a PDF.
   *
   * @throws IngestException ENCRYPTED, NO_TEXT_LAYER, EMPTY, TOO_LARGE, CORRUPT or UNREADABLE, see
   *     the class documentation
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    byte[] bytes;
    try {
      bytes = content.readAllBytes();
    } catch (IOException e) {
      throw new IngestException(
          fileName, Reason.UNREADABLE, "Could not read '" + fileName + "' (I/O error).", e);
    }
    if (bytes.length == 0) {
      throw ParseFailures.empty(fileName);
    }
    BundledFontMapper.Scope fonts = BundledFontMapper.extracting();
    try (fonts;
        PDDocument document = open(bytes, fileName)) {
      return read(document, fileName);
    } catch (IOException e) {
      throw ParseFailures.corrupt(fileName, "PDF", e);
    }
  }

  private PDDocument open(byte[] bytes, String fileName) throws IOException {
    try {
      return Loader.loadPDF(new RandomAccessReadBuffer(bytes), password == null ? "" : password);
    } catch (InvalidPasswordException e) {
      throw new IngestException(
          fileName,
          Reason.ENCRYPTED,
          "'"
              + fileName
              + "' is encrypted and "
              + (password == null
                  // No colon after "password": the secret masker of every exception message
                  // would take the next word for a password and mask it.
                  ? "needs a password (give it with PdfParser.builder().password(...))"
                  : "the password given does not open it (check the password)")
              + ", or save an unprotected copy.",
          e);
    }
  }

  private Document read(PDDocument document, String fileName) throws IOException {
    int pages = document.getNumberOfPages();
    if (pages > maxPages) {
      throw ParseFailures.tooLarge(fileName, "has " + pages + " pages", maxPages, "maxPages");
    }
    VisibleTextStripper stripper = new VisibleTextStripper();
    List<List<String>> pageParagraphs = new ArrayList<>(pages);
    List<Integer> withoutText = new ArrayList<>();
    boolean images = false;
    for (int p = 1; p <= pages; p++) {
      stripper.setStartPage(p);
      stripper.setEndPage(p);
      String text = stripper.getText(document);
      List<String> paragraphs = new ArrayList<>();
      for (String paragraph : PARAGRAPH_BREAK.split(text, -1)) {
        String stripped = paragraph.strip();
        if (!stripped.isEmpty()) {
          paragraphs.add(stripped);
        }
      }
      pageParagraphs.add(paragraphs);
      if (paragraphs.isEmpty()) {
        withoutText.add(p);
        images |= hasImages(document.getPage(p - 1));
      }
    }
    if (stripper.droppedGlyphs() > 0) {
      LOG.debug("{}: dropped {} invisible glyphs", fileName, stripper.droppedGlyphs());
    }
    List<List<String>> cleaned = PageCleaner.withoutRunningHeaders(pageParagraphs);
    List<Block> blocks = new ArrayList<>();
    for (int p = 0; p < cleaned.size(); p++) {
      for (String paragraph : cleaned.get(p)) {
        blocks.add(new Block(BlockType.PARAGRAPH, paragraph, null, p + 1));
      }
    }
    if (blocks.isEmpty()) {
      if (images) {
        throw new IngestException(
            fileName,
            Reason.NO_TEXT_LAYER,
            "'"
                + fileName
                + "' has no text layer (its "
                + pages
                + " page(s) are images, as in a scan); it needs OCR, which Elavira does not do "
                + "yet. Run it through an OCR tool (e.g. ocrmypdf) and ingest the result.");
      }
      throw ParseFailures.empty(fileName);
    }
    Map<String, String> metadata = metadata(document.getDocumentInformation());
    metadata.put(PAGES_KEY, Integer.toString(pages));
    if (!withoutText.isEmpty()) {
      metadata.put(
          PAGES_WITHOUT_TEXT_KEY,
          String.join(",", withoutText.stream().map(String::valueOf).toList()));
      LOG.info("{}: pages without a text layer (not indexed): {}", fileName, withoutText);
    }
    return new Document(fileName, fileName, FORMAT, blocks, metadata);
  }

  private static boolean hasImages(PDPage page) {
    PDResources resources = page.getResources();
    if (resources == null) {
      return false;
    }
    for (COSName name : resources.getXObjectNames()) {
      try {
        if (resources.isImageXObject(name)) {
          return true;
        }
      } catch (RuntimeException e) {
        return true; // unreadable XObject: treat as image so the page is reported, not ignored
      }
    }
    return false;
  }

  private static Map<String, String> metadata(PDDocumentInformation info) {
    Map<String, String> metadata = new LinkedHashMap<>();
    put(metadata, TITLE_KEY, info.getTitle());
    put(metadata, AUTHOR_KEY, info.getAuthor());
    put(metadata, CREATOR_KEY, info.getCreator());
    put(metadata, PRODUCER_KEY, info.getProducer());
    put(metadata, CREATED_KEY, iso(info.getCreationDate()));
    put(metadata, MODIFIED_KEY, iso(info.getModificationDate()));
    return metadata;
  }

  private static @Nullable String iso(@Nullable Calendar calendar) {
    return calendar == null
        ? null
        : calendar
            .toInstant()
            .atZone(calendar.getTimeZone().toZoneId())
            .toOffsetDateTime()
            .toString();
  }

  private static void put(Map<String, String> metadata, String key, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      metadata.put(key, value.strip());
    }
  }

  /** Configures a {@link PdfParser}. Not thread-safe; the parser is. */
  public static final class Builder {
    private @Nullable String password;
    private boolean passwordSet;
    private int maxPages = DEFAULT_MAX_PAGES;
    private boolean maxPagesSet;

    private Builder() {}

    /**
     * The password tried on encrypted files (files encrypted with an empty user password open
     * without it). Never logged nor put in an error message.
     *
     * @throws IllegalStateException when set twice
     */
    public Builder password(String password) {
      if (passwordSet) {
        throw new IllegalStateException("password was already set");
      }
      this.password = Objects.requireNonNull(password, "password");
      passwordSet = true;
      return this;
    }

    /**
     * The most pages a PDF may have, default {@value PdfParser#DEFAULT_MAX_PAGES}; longer files
     * fail with TOO_LARGE before any text is extracted.
     *
     * @throws IllegalArgumentException when not positive
     * @throws IllegalStateException when set twice
     */
    public Builder maxPages(int maxPages) {
      if (maxPagesSet) {
        throw new IllegalStateException("maxPages was already set to " + this.maxPages);
      }
      if (maxPages <= 0) {
        throw new IllegalArgumentException("maxPages must be > 0, got " + maxPages);
      }
      this.maxPages = maxPages;
      maxPagesSet = true;
      return this;
    }

    /** Builds the parser. */
    public PdfParser build() {
      return new PdfParser(this);
    }
  }

  @Override
  public String toString() {
    return "PdfParser[maxPages="
        + maxPages
        + ", password="
        + (password == null ? "none" : "***")
        + "]";
  }
}
