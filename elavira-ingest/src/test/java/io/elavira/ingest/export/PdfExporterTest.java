package io.elavira.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.ingest.pdf.PdfParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

class PdfExporterTest {
  private static byte[] pdf(ExportDocument document) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PdfExporter().write(document, out, "test.pdf");
    return out.toByteArray();
  }

  /** The fonts that drew each word of the text, in reading order. */
  private static Map<String, String> fontsByWord(PDDocument document) throws IOException {
    Map<String, String> fonts = new LinkedHashMap<>();
    PDFTextStripper stripper =
        new PDFTextStripper() {
          @Override
          protected void writeString(String text, List<TextPosition> positions) {
            StringBuilder word = new StringBuilder();
            String font = "";
            for (TextPosition position : positions) {
              String unicode = position.getUnicode();
              if (unicode.isBlank()) {
                if (word.length() > 0) {
                  fonts.putIfAbsent(word.toString(), font);
                }
                word.setLength(0);
              } else {
                word.append(unicode);
                font = position.getFont().getName();
              }
            }
            if (word.length() > 0) {
              fonts.putIfAbsent(word.toString(), font);
            }
          }
        };
    stripper.getText(document);
    return fonts;
  }

  @Test
  void embedsEveryFontItDrawsWithAndNoStandardFont() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf(Samples.cv(DocumentLanguage.FR)))) {
      List<PDFont> fonts = new ArrayList<>();
      for (PDPage page : document.getPages()) {
        PDResources resources = page.getResources();
        for (COSName name : resources.getFontNames()) {
          fonts.add(resources.getFont(name));
        }
      }

      assertThat(fonts).isNotEmpty();
      assertThat(fonts).allSatisfy(font -> assertThat(font.isEmbedded()).isTrue());
      assertThat(fonts)
          .extracting(PDFont::getName)
          .allSatisfy(name -> assertThat(name).contains("Liberation"));
    }
  }

  @Test
  void drawsBoldAndItalicWithTheBoldAndItalicFaces() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf(Samples.cv(DocumentLanguage.EN)))) {
      Map<String, String> fonts = fontsByWord(document);

      assertThat(fonts.get("Java")).contains("LiberationSans-Bold");
      assertThat(fonts.get("SQL")).contains("LiberationSans-Italic");
      assertThat(fonts.get("Python")).contains("LiberationSans").doesNotContain("Bold");
      assertThat(fonts.get("Skills")).contains("LiberationSans-Bold");
    }
  }

  @Test
  void breaksLongWordsAndWideTablesInsideTheMargins() throws IOException {
    String token = "https://example.org/" + "segment-".repeat(40) + "end";
    String row = "| " + "colonne ".repeat(6) + "| " + "x".repeat(120) + " |\n";
    ExportDocument document =
        ExportDocument.builder()
            .title("Long")
            .language(DocumentLanguage.FR)
            .body(
                "Lien\u00a0: "
                    + token
                    + "\n\n"
                    + "Mot".repeat(90)
                    + "\n\n| a | b |\n| --- | --- |\n"
                    + row)
            .build();
    try (PDDocument pdf = Loader.loadPDF(pdf(document))) {
      List<TextPosition> glyphs = new ArrayList<>();
      PDFTextStripper stripper =
          new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) {
              glyphs.addAll(positions);
            }
          };
      stripper.getText(pdf);
      float width = pdf.getPage(0).getMediaBox().getWidth();
      float margin = 24 / 25.4f * 72;

      assertThat(glyphs).hasSizeGreaterThan(600);
      assertThat(glyphs)
          .allSatisfy(
              g ->
                  assertThat(g.getXDirAdj() + g.getWidthDirAdj())
                      .as("right edge of '%s'", g.getUnicode())
                      .isLessThanOrEqualTo(width - margin + 1));
    }
  }

  @Test
  void recordsTitleAndLanguageOnA4TaggedPages() throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf(Samples.letter(DocumentLanguage.FR)))) {
      assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("fr-FR");
      assertThat(document.getDocumentInformation().getTitle())
          .isEqualTo("Lettre de motivation — Camille Moreau");
      assertThat(document.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
      PDRectangle box = document.getPage(0).getMediaBox();
      assertThat(box.getWidth())
          .isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(1f));
      assertThat(box.getHeight())
          .isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(1f));
    }
    try (PDDocument document = Loader.loadPDF(pdf(Samples.letter(DocumentLanguage.EN)))) {
      assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("en-US");
    }
  }

  @Test
  void printsRawHtmlAsTextAndImagesAsTheirDescriptionWithoutFetchingAnything() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      server.configureBlocking(false);
      String url = "http://127.0.0.1:" + server.socket().getLocalPort();
      ExportDocument document =
          ExportDocument.builder()
              .title("Links")
              .language(DocumentLanguage.EN)
              .body(
                  "Before <b>raw</b> after.\n\n"
                      + "![Portrait of the author]("
                      + url
                      + "/photo.png)\n\n"
                      + "<img src=\""
                      + url
                      + "/block.png\">\n\n"
                      + "See [the site]("
                      + url
                      + "/page).\n")
              .build();

      byte[] bytes = pdf(document);
      String text =
          ExportRoundTripTest.flat(
              new PdfParser().parse(new ByteArrayInputStream(bytes), "links.pdf").text());

      assertThat(text)
          .contains("Before <b>raw</b> after.")
          .contains("Portrait of the author")
          .contains("<img src=")
          .contains("See the site.");
      assertThat(server.accept()).as("a connection the renderer opened").isNull();
    }
  }
}
