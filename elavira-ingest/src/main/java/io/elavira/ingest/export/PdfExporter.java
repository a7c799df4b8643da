package io.elavira.ingest.export;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.elavira.ingest.internal.BundledFontMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.jsoup.helper.W3CDom;

/**
 * Writes a document as PDF: its HTML page (see the package description) printed by openhtmltopdf on
 * PDFBox, A4, with the Liberation Sans and Liberation Mono faces (SIL Open Font License, from the
 * {@code com.github.librepdf:openpdf-fonts-extra} jar) embedded as subsets, so that French accents,
 * ligatures such as œ and typographic apostrophes and quotes (’ « ») print on every reader. The
 * file is tagged for accessibility (PDF/UA), carries the title and the language, and has a text
 * layer that Elavira's PDF parser reads back.
 *
 * <p>Privacy: nothing is fetched (every external resource, link target or image, is refused) and
 * nothing is written but the output stream. The renderer only draws with the embedded fonts: in
 * PDF/UA mode it never loads PDFBox's standard 14 fonts, and it runs inside the same font scope as
 * Elavira's PDF parser, under which PDFBox never scans the system's fonts nor writes its font cache
 * ({@code ~/.pdfbox.cache}).
 *
 * <p>The renderer logs through SLF4J (warnings at WARN, the rest at DEBUG) unless the host
 * application gave openhtmltopdf a logger of its own. Characters the embedded fonts lack print as
 * {@code #}; the one common typographic character among them, the non-breaking hyphen, prints as a
 * hyphen.
 *
 * <p>Immutable and thread-safe; each export renders its own document.
 */
public final class PdfExporter implements DocumentExporter {
  private static final String FONTS = "/liberation/";
  private static final String PRODUCER = "Elavira";

  private final HtmlPage pages = new HtmlPage();

  /** Creates an exporter. */
  public PdfExporter() {}

  @Override
  public ExportFormat format() {
    return ExportFormat.PDF;
  }

  /**
   * {@inheritDoc}
   *
   * @throws ExportException WRITE_FAILED when the stream fails, RENDER_FAILED when the renderer
   *     fails
   */
  @Override
  public void write(ExportDocument document, OutputStream out, String fileName) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(out, "out");
    RendererLog.install();
    org.w3c.dom.Document html = W3CDom.convert(pages.page(document));
    PdfRendererBuilder builder = new PdfRendererBuilder();
    builder.usePdfUaAccessibility(true);
    builder.withProducer(PRODUCER);
    builder.useUnicodeLineBreaker(new ElisionLineBreaker(document.language()));
    builder.useExternalResourceAccessControl(
        (uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
    builder.useExternalResourceAccessControl(
        (uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
    font(builder, HtmlPage.SANS, "LiberationSans-Regular.ttf", 400, FontStyle.NORMAL);
    font(builder, HtmlPage.SANS, "LiberationSans-Bold.ttf", 700, FontStyle.NORMAL);
    font(builder, HtmlPage.SANS, "LiberationSans-Italic.ttf", 400, FontStyle.ITALIC);
    font(builder, HtmlPage.SANS, "LiberationSans-BoldItalic.ttf", 700, FontStyle.ITALIC);
    font(builder, HtmlPage.MONO, "LiberationMono-Regular.ttf", 400, FontStyle.NORMAL);
    font(builder, HtmlPage.MONO, "LiberationMono-Bold.ttf", 700, FontStyle.NORMAL);
    builder.withW3cDocument(html, "about:blank");
    builder.toStream(out);
    BundledFontMapper.Scope fonts = BundledFontMapper.extracting();
    try (fonts) {
      builder.run();
      out.flush();
    } catch (IOException e) {
      throw Failures.write(fileName, e);
    } catch (RuntimeException e) {
      throw Failures.render(fileName, "PDF", e);
    }
  }

  private static void font(
      PdfRendererBuilder builder, String family, String file, int weight, FontStyle style) {
    builder.useFont(() -> open(file), family, weight, style, true);
  }

  private static InputStream open(String file) {
    InputStream in = PdfExporter.class.getResourceAsStream(FONTS + file);
    if (in == null) {
      throw new UncheckedIOException(
          new IOException(
              "The font "
                  + file
                  + " is missing from the class path: add com.github.librepdf:openpdf-fonts-extra"));
    }
    return in;
  }
}
