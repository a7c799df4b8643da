package io.elavira.ingest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PDFBox {@link FontMapper} under which Elavira's own PDFBox work (text extraction, PDF export)
 * never looks at the system's fonts: on a thread inside {@link #extracting()}, every font a PDF
 * uses without embedding it is substituted by the Liberation Sans that PDFBox bundles; on every
 * other thread (the host application's own PDFBox work) it hands the question to PDFBox's default
 * mapper unchanged.
 *
 * <p>Why: PDFBox's default mapper, the first time a PDF names a font it does not embed, scans every
 * installed font and writes a list of them to {@code ~/.pdfbox.cache}, outside the directories
 * Elavira was given. Text extraction does not need the real font: the characters come from the
 * PDF's encoding and ToUnicode map, and positions from its /Widths (or the metrics of the 14
 * standard fonts that PDFBox bundles), so the substitute changes nothing in the text. The mappings
 * are not marked as fallbacks, as the substitution is intended: PDFBox would log a warning per
 * font. The PDF exporter embeds every font it draws with; it runs inside the same scope so that no
 * path of the HTML renderer (its standard-14 font table, say) can reach the default mapper.
 *
 * <p>Installed with {@link FontMappers#set} only while PDFBox still has its own default mapper,
 * which it then delegates to: a host that set its own mapper keeps it (and Elavira's extraction
 * then goes through that mapper, as the host chose), and a host may set one at any time after.
 *
 * <p>Thread-safe: the substitute font is parsed once, on first use, under the instance's lock.
 */
public final class BundledFontMapper implements FontMapper {
  private static final Logger LOG = LoggerFactory.getLogger(BundledFontMapper.class);

  /** PDFBox's own last-resort font, on its class path. */
  static final String SUBSTITUTE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  /** The class of PDFBox's default mapper (package-private, hence named). */
  private static final String PDFBOX_DEFAULT = "org.apache.pdfbox.pdmodel.font.FontMapperImpl";

  private final FontMapper pdfboxDefault;
  private final ThreadLocal<Boolean> extracting = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private @Nullable TrueTypeFont substitute;

  private BundledFontMapper(FontMapper pdfboxDefault) {
    this.pdfboxDefault = pdfboxDefault;
  }

  /**
   * Marks the calling thread as extracting text until the returned scope is closed, installing a
   * {@link BundledFontMapper} first unless the host application chose a mapper of its own (then the
   * scope does nothing). Safe from any thread; cheap after the first call.
   *
   * @return the scope to close when the thread's PDFBox work is done
   */
  // The lock of FontMappers.set itself, on purpose: a host's concurrent set is never overwritten.
  @SuppressWarnings("LockOnNonEnclosingClassLiteral")
  public static Scope extracting() {
    FontMapper current = FontMappers.instance();
    if (!(current instanceof BundledFontMapper)) {
      synchronized (FontMappers.class) {
        current = FontMappers.instance();
        if (current.getClass().getName().equals(PDFBOX_DEFAULT)) {
          current = new BundledFontMapper(current);
          FontMappers.set(current);
          LOG.debug(
              "PDFBox fonts: while Elavira extracts text, fonts a PDF does not embed are read"
                  + " with PDFBox's bundled substitute, so no font cache is written in the home"
                  + " folder; other PDFBox work keeps PDFBox's default mapper");
        }
      }
    }
    if (current instanceof BundledFontMapper mapper) {
      boolean before = mapper.extracting.get();
      mapper.extracting.set(Boolean.TRUE);
      return () -> {
        if (before) {
          mapper.extracting.set(Boolean.TRUE);
        } else {
          mapper.extracting.remove();
        }
      };
    }
    return () -> {};
  }

  /** The extraction mark of the calling thread; closing it never throws. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    /** Ends the scope on the calling thread; never throws. */
    @Override
    void close();
  }

  private boolean onExtractingThread() {
    return extracting.get();
  }

  private synchronized TrueTypeFont substitute() {
    TrueTypeFont font = substitute;
    if (font == null) {
      try (InputStream in = BundledFontMapper.class.getResourceAsStream(SUBSTITUTE)) {
        if (in == null) {
          throw new IllegalStateException("PDFBox's bundled font " + SUBSTITUTE + " is missing");
        }
        font = new TTFParser().parse(new RandomAccessReadBuffer(in));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not read PDFBox's bundled font " + SUBSTITUTE, e);
      }
      substitute = font;
    }
    return font;
  }

  @Override
  public FontMapping<TrueTypeFont> getTrueTypeFont(
      String baseFont, @Nullable PDFontDescriptor fontDescriptor) {
    if (!onExtractingThread()) {
      return pdfboxDefault.getTrueTypeFont(baseFont, fontDescriptor);
    }
    return new FontMapping<>(substitute(), false);
  }

  @Override
  public FontMapping<FontBoxFont> getFontBoxFont(
      String baseFont, @Nullable PDFontDescriptor fontDescriptor) {
    if (!onExtractingThread()) {
      return pdfboxDefault.getFontBoxFont(baseFont, fontDescriptor);
    }
    return new FontMapping<>(substitute(), false);
  }

  @Override
  public CIDFontMapping getCIDFont(
      String baseFont,
      @Nullable PDFontDescriptor fontDescriptor,
      @Nullable PDCIDSystemInfo cidSystemInfo) {
    if (!onExtractingThread()) {
      return pdfboxDefault.getCIDFont(baseFont, fontDescriptor, cidSystemInfo);
    }
    return new CIDFontMapping(null, substitute(), false);
  }
}
