package io.elavira.ingest.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;

/**
 * Writes a document as Word ({@code .docx}) with Apache POI: A4, 2.5 cm margins, Arial 11 pt,
 * headings in Word's heading styles, bullet and numbered lists on real numbering, bold and italic
 * from the Markdown, tables as Word tables. A letter is laid out the usual way: the sender at the
 * top left, the recipient in the right half, then the place and date, the subject in bold, the body
 * and the signature (the date and the signature in the right half in French, on the left in
 * English). The language ({@code fr-FR} or {@code en-US}) is the document's default language for
 * spelling and is recorded with the title in the file's properties.
 *
 * <p>Immutable and thread-safe (the Markdown parser is shared; each export builds its own
 * document). Nothing is written but the output stream.
 */
public final class DocxExporter implements DocumentExporter {
  private static final int LETTER_GAP = 240;

  private final Parser parser =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();

  /** Creates an exporter. */
  public DocxExporter() {}

  @Override
  public ExportFormat format() {
    return ExportFormat.DOCX;
  }

  /**
   * {@inheritDoc}
   *
   * @throws ExportException WRITE_FAILED when the stream fails, RENDER_FAILED when POI fails
   */
  @Override
  public void write(ExportDocument document, OutputStream out, String fileName) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(out, "out");
    Node body = parser.parse(document.body());
    try (XWPFDocument docx = new XWPFDocument()) {
      DocxStyles styles = new DocxStyles(docx, document.language());
      DocxBody writer = new DocxBody(docx, styles);
      boolean french = document.language() == DocumentLanguage.FR;
      int closingIndent = french ? DocxStyles.RIGHT_HALF_INDENT : 0;
      document
          .letter()
          .ifPresent(
              letter -> {
                writer.plain(letter.sender(), 0, false, 0, LETTER_GAP * 2);
                writer.plain(
                    letter.recipient(), DocxStyles.RIGHT_HALF_INDENT, false, 0, LETTER_GAP * 2);
                writer.plain(letter.placeAndDate(), closingIndent, false, 0, LETTER_GAP * 2);
                writer.plain(letter.subject(), 0, true, 0, LETTER_GAP);
              });
      body.accept(writer);
      document
          .letter()
          .ifPresent(
              letter -> writer.plain(letter.signature(), closingIndent, false, LETTER_GAP, 0));
      styles.page();
      POIXMLProperties.CoreProperties properties = docx.getProperties().getCoreProperties();
      properties.setTitle(document.title());
      properties.getUnderlyingProperties().setLanguageProperty(document.language().tag());
      docx.write(out);
      out.flush();
    } catch (IOException e) {
      throw Failures.write(fileName, e);
    } catch (RuntimeException e) {
      if (e instanceof ExportException export) {
        throw export;
      }
      throw Failures.render(fileName, "Word (.docx)", e);
    }
  }
}
