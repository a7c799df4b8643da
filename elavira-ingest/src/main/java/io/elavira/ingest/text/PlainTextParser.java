package io.elavira.ingest.text;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.internal.DecodedText;
import io.elavira.ingest.internal.TextDecoder;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads plain text files ({@code txt}, {@code text}, {@code log}).
 *
 * <p>The encoding is detected: a byte order mark (UTF-8, UTF-16LE/BE), else BOM-less UTF-16, else
 * strict UTF-8, else UTF-8 with stray windows-1252 bytes ({@code "UTF-8+windows-1252"}), else
 * windows-1252 / ISO-8859-1; the result is recorded in the document metadata under {@value
 * #ENCODING_KEY}. Line endings are normalised to {@code \n}; everything else, typographic quotes
 * included, is kept as written.
 *
 * <p>Blocks are the paragraphs (separated by blank lines). A short single line followed by more
 * text is typed {@link BlockType#HEADING}, a paragraph whose lines all start with a bullet or a
 * number is a {@link BlockType#LIST}; sections are left null because plain text has no reliable
 * heading hierarchy. Form feeds separate pages: when the text has any, blocks carry their 1-based
 * page, otherwise the page is null.
 *
 * <p>Stateless and thread-safe; one instance can serve any number of threads. The stream is never
 * closed.
 */
public final class PlainTextParser implements DocumentParser {
  /** Metadata key of the detected charset name. */
  public static final String ENCODING_KEY = "encoding";

  /** The value of {@link Document#format()} for documents this parser returns. */
  public static final String FORMAT = "txt";

  private static final Set<String> EXTENSIONS = Set.of("txt", "text", "log");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t\\u00A0]*\\n\\s*");
  private static final Pattern LIST_LINE =
      Pattern.compile("^\\s*(?:[-*+•‣◦▪–]|\\d{1,3}[.)]|[a-zA-Z][.)])\\s+\\S.*");
  private static final int MAX_HEADING_CHARS = 80;
  private static final int MAX_HEADING_WORDS = 12;

  private final TextDecoder decoder = new TextDecoder();

  /** Creates a parser. */
  public PlainTextParser() {}

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  /**
   * Parses plain text.
   *
   * @throws IngestException EMPTY when the file has no text, CORRUPT when it looks binary,
   *     UNREADABLE when the stream fails
   */
  @Override
  public Document parse(InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    DecodedText decoded = decoder.decode(content, fileName);
    String text = decoded.text();
    boolean paged = text.indexOf('\f') >= 0;
    List<Block> blocks = new ArrayList<>();
    String[] pages = paged ? text.split("\f", -1) : new String[] {text};
    for (int p = 0; p < pages.length; p++) {
      Integer page = paged ? p + 1 : null;
      String[] paragraphs = BLANK_LINES.split(pages[p]);
      for (int i = 0; i < paragraphs.length; i++) {
        String paragraph = clean(paragraphs[i]);
        if (!paragraph.isEmpty()) {
          boolean more = i + 1 < paragraphs.length || p + 1 < pages.length;
          blocks.add(new Block(typeOf(paragraph, more), paragraph, null, page));
        }
      }
    }
    if (blocks.isEmpty()) {
      throw new IngestException(
          fileName,
          Reason.EMPTY,
          "'"
              + fileName
              + "' is empty or holds only whitespace; there is nothing to ingest. "
              + "Add text to it or leave it out.");
    }
    return new Document(
        fileName, fileName, FORMAT, blocks, Map.of(ENCODING_KEY, decoded.encoding()));
  }

  /** Strips trailing spaces of each line and the blank edges of the paragraph. */
  private static String clean(String paragraph) {
    String[] lines = paragraph.split("\n", -1);
    StringBuilder out = new StringBuilder(paragraph.length());
    for (String line : lines) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line.stripTrailing());
    }
    return out.toString().strip();
  }

  private static BlockType typeOf(String paragraph, boolean followedByText) {
    String[] lines = paragraph.split("\n");
    boolean allListLines = true;
    for (String line : lines) {
      if (!LIST_LINE.matcher(line).matches()) {
        allListLines = false;
        break;
      }
    }
    if (allListLines && lines.length > 1) {
      return BlockType.LIST;
    }
    if (lines.length == 1 && followedByText && looksLikeHeading(paragraph)) {
      return BlockType.HEADING;
    }
    return BlockType.PARAGRAPH;
  }

  private static boolean looksLikeHeading(String line) {
    if (line.length() > MAX_HEADING_CHARS || line.split("\\s+").length > MAX_HEADING_WORDS) {
      return false;
    }
    char first = line.charAt(0);
    char last = line.charAt(line.length() - 1);
    boolean startsWell = Character.isUpperCase(first) || Character.isDigit(first);
    boolean endsLikeSentence = ".,;!?…\"”»)".indexOf(last) >= 0;
    return startsWell && !endsLikeSentence && line.chars().anyMatch(Character::isLetter);
  }
}
