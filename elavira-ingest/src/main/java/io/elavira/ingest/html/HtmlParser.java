package io.elavira.ingest.html;

import io.elavira.document.Block;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.IngestException;
import io.elavira.ingest.internal.ArchiveGuard;
import io.elavira.ingest.internal.HtmlBlocks;
import io.elavira.ingest.internal.ParseFailures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * Reads HTML pages ({@code html}, {@code htm}, {@code xhtml}) with jsoup.
 *
 * <p>Main text only: scripts, styles, templates, forms, navigation, page headers and footers,
 * asides and hidden elements ({@code hidden}, {@code aria-hidden="true"}, {@code display:none}) are
 * dropped; when the page has a {@code <main>} or a single {@code <article>}, only that is read.
 * Character references are decoded. Blocks: {@code h1}-{@code h6} as {@link
 * io.elavira.document.BlockType#HEADING}s opening sections, paragraphs and loose text as {@link
 * io.elavira.document.BlockType#PARAGRAPH}s, {@code ul}/{@code ol} as {@link
 * io.elavira.document.BlockType#LIST}s, {@code pre} as {@link io.elavira.document.BlockType#CODE},
 * tables one row per line. The charset comes from the BOM or the {@code <meta>} declaration, else
 * UTF-8. The {@code <title>} is recorded under {@value #TITLE_KEY}.
 *
 * <p>Stateless and thread-safe; the stream is never closed.
 */
public final class HtmlParser implements DocumentParser {
  /** The value of {@link Document#format()} for HTML documents. */
  public static final String FORMAT = "html";

  /** Metadata key of the page title. */
  public static final String TITLE_KEY = "title";

  private static final Set<String> EXTENSIONS = Set.of("html", "htm", "xhtml");
  private static final String DROPPED =
      "script, style, template, noscript, nav, header, footer, aside, form, iframe, svg, canvas,"
          + " button, select, [hidden], [aria-hidden=true], [style~=(?i)display:\\s*none]";

  /** Creates a parser. */
  public HtmlParser() {}

  @Override
  public Set<String> extensions() {
    return EXTENSIONS;
  }

  /**
   * Parses HTML.
   *
   * @throws IngestException EMPTY when the page has no main text, CORRUPT when it looks binary,
   *     UNREADABLE when the stream fails
   */
  @Override
  public Document parse(java.io.InputStream content, String fileName) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    byte[] bytes = ArchiveGuard.readAll(content, fileName);
    for (int i = 0; i < Math.min(bytes.length, 4096); i++) {
      if (bytes[i] == 0 && !(i < 4 && bytes.length > 1 && (bytes[0] & 0xFE) == 0xFE)) {
        if (!looksUtf16(bytes)) {
          throw ParseFailures.corrupt(fileName, "HTML", "it holds binary data (NUL bytes)");
        }
        break;
      }
    }
    org.jsoup.nodes.Document page;
    try {
      page = Jsoup.parse(new ByteArrayInputStream(bytes), null, "");
    } catch (IOException | RuntimeException e) {
      throw ParseFailures.corrupt(fileName, "HTML", e);
    }
    String title = page.title().strip();
    page.select(DROPPED).remove();
    Element root = page.body();
    Element main = page.selectFirst("main");
    if (main == null && page.select("article").size() == 1) {
      main = page.selectFirst("article");
    }
    List<Block> blocks = HtmlBlocks.of(main != null ? main : root);
    if (blocks.isEmpty()) {
      throw ParseFailures.empty(fileName);
    }
    Map<String, String> metadata = new HashMap<>();
    if (!title.isEmpty()) {
      metadata.put(TITLE_KEY, title);
    }
    return new Document(fileName, fileName, FORMAT, blocks, metadata);
  }

  private static boolean looksUtf16(byte[] bytes) {
    return bytes.length > 1
        && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
            || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF));
  }
}
