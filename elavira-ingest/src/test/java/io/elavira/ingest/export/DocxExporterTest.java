package io.elavira.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;

class DocxExporterTest {
  private static XWPFDocument docx(ExportDocument document) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new DocxExporter().write(document, out, "test.docx");
    return new XWPFDocument(new ByteArrayInputStream(out.toByteArray()));
  }

  private static XWPFParagraph paragraph(XWPFDocument docx, String startsWith) {
    return docx.getParagraphs().stream()
        .filter(p -> p.getText().startsWith(startsWith))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no paragraph starts with " + startsWith));
  }

  private static XWPFRun run(XWPFDocument docx, String text) {
    return docx.getParagraphs().stream()
        .flatMap(p -> p.getRuns().stream())
        .filter(r -> text.equals(r.text()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no run reads " + text));
  }

  /** The document defaults' run properties, as written in styles.xml. */
  private static String defaultRunProperties(XWPFDocument docx) throws IOException {
    try (InputStream in = docx.getStyles().getPackagePart().getInputStream()) {
      String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int start = xml.indexOf("<w:rPrDefault>");
      int end = xml.indexOf("</w:rPrDefault>");
      assertThat(start).as("styles.xml has run defaults").isNotNegative();
      return xml.substring(start, end);
    }
  }

  @Test
  void listsUseRealBulletAndDecimalNumbering() throws IOException {
    try (XWPFDocument docx = docx(Samples.cv(DocumentLanguage.FR))) {
      XWPFParagraph numbered = paragraph(docx, "Chaîne d’ingestion");
      XWPFParagraph bullet = paragraph(docx, "Java, Python");
      XWPFParagraph nested = paragraph(docx, "nested: modélisation");

      assertThat(numbered.getNumFmt()).isEqualTo("decimal");
      assertThat(bullet.getNumFmt()).isEqualTo("bullet");
      assertThat(nested.getNumFmt()).isEqualTo("bullet");
      assertThat(bullet.getNumIlvl()).isEqualTo(BigInteger.ZERO);
      assertThat(nested.getNumIlvl()).isEqualTo(BigInteger.ONE);
    }
  }

  @Test
  void keepsBoldItalicAndHeadingStyles() throws IOException {
    try (XWPFDocument docx = docx(Samples.cv(DocumentLanguage.EN))) {
      assertThat(run(docx, "Java").isBold()).isTrue();
      assertThat(run(docx, "SQL").isItalic()).isTrue();
      assertThat(run(docx, "SQL").isBold()).isFalse();
      XWPFParagraph heading = paragraph(docx, "Experience");
      assertThat(docx.getStyles().getStyle(heading.getStyleID()).getName()).isEqualTo("heading 2");
    }
  }

  @Test
  void laysALetterOutWithTheRecipientOnTheRightAndTheSubjectInBold() throws IOException {
    try (XWPFDocument docx = docx(Samples.letter(DocumentLanguage.FR))) {
      List<XWPFParagraph> paragraphs = docx.getParagraphs();
      XWPFParagraph sender = paragraphs.get(0);
      XWPFParagraph recipient = paragraph(docx, "Madame Hélène Garnier");
      XWPFParagraph date = paragraph(docx, Samples.FR_DATE);
      XWPFParagraph subject = paragraph(docx, "Objet :");
      XWPFParagraph signature = paragraphs.get(paragraphs.size() - 1);

      assertThat(sender.getText()).isEqualTo(Samples.FR_SENDER);
      assertThat(sender.getIndentationLeft()).isLessThanOrEqualTo(0);
      assertThat(recipient.getText()).isEqualTo(Samples.FR_RECIPIENT);
      assertThat(recipient.getIndentationLeft()).isGreaterThan(4000);
      assertThat(date.getIndentationLeft()).isGreaterThan(4000);
      assertThat(subject.getRuns()).allSatisfy(r -> assertThat(r.isBold()).isTrue());
      assertThat(signature.getText()).isEqualTo(Samples.FR_SIGNATURE);
      assertThat(signature.getIndentationLeft()).isGreaterThan(4000);
    }
    try (XWPFDocument docx = docx(Samples.letter(DocumentLanguage.EN))) {
      assertThat(paragraph(docx, Samples.EN_DATE).getIndentationLeft()).isLessThanOrEqualTo(0);
      assertThat(paragraph(docx, "Ms Priya").getIndentationLeft()).isGreaterThan(4000);
    }
  }

  @Test
  void recordsTheLanguageTitleA4AndMargins() throws IOException {
    try (XWPFDocument docx = docx(Samples.letter(DocumentLanguage.FR))) {
      assertThat(defaultRunProperties(docx)).contains("<w:lang w:val=\"fr-FR\"/>");
      assertThat(docx.getProperties().getCoreProperties().getTitle())
          .isEqualTo("Lettre de motivation — Camille Moreau");
      assertThat(
              docx.getProperties()
                  .getCoreProperties()
                  .getUnderlyingProperties()
                  .getLanguageProperty()
                  .orElseThrow())
          .isEqualTo("fr-FR");
      CTPageSz size = docx.getDocument().getBody().getSectPr().getPgSz();
      CTPageMar margins = docx.getDocument().getBody().getSectPr().getPgMar();
      assertThat(size.getW().toString()).isEqualTo("11906");
      assertThat(size.getH().toString()).isEqualTo("16838");
      assertThat(Objects.toString(margins.getLeft())).isEqualTo("1417");
    }
    try (XWPFDocument docx = docx(Samples.cv(DocumentLanguage.EN))) {
      assertThat(defaultRunProperties(docx)).contains("<w:lang w:val=\"en-US\"/>");
    }
  }

  @Test
  void writesRawHtmlAsTextAndLinksAsHyperlinks() throws IOException {
    ExportDocument document =
        ExportDocument.builder()
            .title("Links")
            .language(DocumentLanguage.EN)
            .body("Before <b>raw</b> after. See [the site](https://example.org/jobs).")
            .build();
    try (XWPFDocument docx = docx(document)) {
      assertThat(docx.getParagraphs().get(0).getText())
          .isEqualTo("Before <b>raw</b> after. See the site.");
      assertThat(docx.getHyperlinks())
          .extracting(h -> h.getURL())
          .containsExactly("https://example.org/jobs");
    }
  }
}
