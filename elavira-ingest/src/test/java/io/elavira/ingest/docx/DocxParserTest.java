package io.elavira.ingest.docx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.document.DocumentParserContract;
import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;
import io.elavira.ingest.SharedData;
import io.elavira.ingest.internal.ArchiveGuard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;

class DocxParserTest extends DocumentParserContract {

  @Override
  protected DocumentParser parser() {
    return new DocxParser();
  }

  /** Written once: POI stamps each new file with the time it was created. */
  private static final byte[] SAMPLE = sample();

  @Override
  protected byte[] validSample() {
    return SAMPLE.clone();
  }

  @Override
  protected String validSampleName() {
    return "guide.docx";
  }

  /** Title, two heading levels, paragraphs and a ragged table, written with POI. */
  static byte[] sample() {
    try (XWPFDocument document = new XWPFDocument()) {
      paragraph(document, "Heading1", "Guide");
      paragraph(document, null, "Elavira reads your documents.");
      paragraph(document, "Heading2", "Install");
      paragraph(document, null, "Add the dependency.");
      XWPFTable table = document.createTable(2, 2);
      table.getRow(0).getCell(0).setText("Item");
      table.getRow(0).getCell(1).setText("Price");
      table.getRow(1).getCell(0).setText("Apples");
      table.getRow(1).removeCell(1); // a ragged row
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      document.write(bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void paragraph(XWPFDocument document, String style, String text) {
    XWPFParagraph paragraph = document.createParagraph();
    if (style != null) {
      paragraph.setStyle(style);
    }
    paragraph.createRun().setText(text);
  }

  private static Document parse(String fixture) {
    return new DocxParser().parse(new ByteArrayInputStream(SharedData.bytes(fixture)), fixture);
  }

  @Test
  void turnsHeadingLevelsIntoSectionsAndTablesIntoPaddedRows() {
    Document document = new DocxParser().parse(new ByteArrayInputStream(SAMPLE), "guide.docx");

    assertThat(document.blocks())
        .extracting(Block::type, Block::section, Block::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BlockType.HEADING, "Guide", "Guide"),
            org.assertj.core.groups.Tuple.tuple(
                BlockType.PARAGRAPH, "Guide", "Elavira reads your documents."),
            org.assertj.core.groups.Tuple.tuple(BlockType.HEADING, "Guide > Install", "Install"),
            org.assertj.core.groups.Tuple.tuple(
                BlockType.PARAGRAPH, "Guide > Install", "Add the dependency."),
            org.assertj.core.groups.Tuple.tuple(
                BlockType.TABLE,
                "Guide > Install",
                "| Item | Price |\n| --- | --- |\n| Apples |  |"));
  }

  @Test
  void readsTheOneLineTestFile() {
    assertThat(parse("docx/test-file.docx").text().replaceAll("\\s+", "")).isEqualTo("testcontent");
    assertThat(parse("docx/fake.docx").text()).isEqualTo("Lorem ipsum dolor sit amet.");
  }

  @Test
  void reportsTheBlankFileAsEmptyNamingIt() {
    assertThatThrownBy(() -> parse("docx/blank-file.docx"))
        .isInstanceOfSatisfying(
            IngestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.EMPTY))
        .hasMessageContaining("blank-file.docx");
  }

  @Test
  void readsSimpleNestedAndMergedTablesAsRowsGivingAMergedCellOnce() {
    List<String> tables =
        parse("docx/docx-tables.docx").blocks().stream()
            .filter(b -> b.type() == BlockType.TABLE)
            .map(Block::text)
            .toList();

    assertThat(tables).hasSize(3);
    assertThat(tables.get(0))
        .isEqualTo(
            "| Header Col 1 | Header Col 2 |\n| --- | --- |\n| Lorem ipsum | A link example |");
    assertThat(tables.get(1))
        .isEqualTo("| a | >b< | c |\n| --- | --- | --- |\n| d | e f g&t h | i |\n| j | k | l |");
    assertThat(tables.get(2).replaceAll("[|\\-\\s]+", " ").strip()).isEqualTo("a b c d e");
  }

  @Test
  void padsRowsThatStartLateOrEndEarly() {
    Document document = parse("docx/tables-with-incomplete-rows.docx");

    assertThat(document.blocks().get(0).text()).startsWith("Example of DOCX table ");
    List<String> tables =
        document.blocks().stream()
            .filter(b -> b.type() == BlockType.TABLE)
            .map(Block::text)
            .toList();
    assertThat(tables.get(0)).isEqualTo("| a | b |\n| --- | --- |\n| c | d |");
    assertThat(tables.get(1)).isEqualTo("| a |  |\n| --- | --- |\n| b | c |");
    assertThat(tables)
        .allSatisfy(
            table -> {
              List<Integer> widths =
                  table.lines().map(line -> line.split("\\|", -1).length).distinct().toList();
              assertThat(widths).hasSize(1);
            });
  }

  @Test
  void keepsHeadersAndFootersApartFromTheBody() {
    Document document = parse("docx/docx-hdrftr.docx");

    assertThat(document.blocks())
        .filteredOn(b -> b.section() == null)
        .extracting(Block::text)
        .containsExactly("Main document");
    assertThat(document.blocks())
        .filteredOn(b -> DocxParser.HEADER_SECTION.equals(b.section()))
        .extracting(Block::text)
        .contains("First header para\nTable cell1 Table cell2\nLast header para");
    assertThat(document.blocks())
        .filteredOn(b -> DocxParser.FOOTER_SECTION.equals(b.section()))
        .extracting(Block::text)
        .contains("para1\ncell1 a b c d e f\npara2");
  }

  @Test
  void refusesAnArchiveThatExpandsBeyondTheLimitNamingTheSetting() {
    byte[] sample = SAMPLE;
    DocxParser strict = new DocxParser(1_000, 1_000);

    assertThatThrownBy(() -> strict.parse(new ByteArrayInputStream(sample), "bomb.docx"))
        .isInstanceOfSatisfying(
            IngestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE))
        .hasMessageContaining("bomb.docx")
        .hasMessageContaining(ArchiveGuard.SIZE_SETTING);
    DocxParser byRatio = new DocxParser(Long.MAX_VALUE, 1);
    assertThatThrownBy(() -> byRatio.parse(new ByteArrayInputStream(sample), "bomb.docx"))
        .hasMessageContaining(ArchiveGuard.RATIO_SETTING);
  }
}
