package io.elavira.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.ingest.markdown.MarkdownParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MarkdownExporterTest {
  private static String markdown(ExportDocument document) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new MarkdownExporter().write(document, out, "test.md");
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void opensWithFrontMatterGivingTitleAndLanguage() {
    String text = markdown(Samples.letter(DocumentLanguage.FR));

    assertThat(text).startsWith("---\ntitle: ").contains("\nlang: fr-FR\n---\n\n");
    Document parsed =
        new MarkdownParser()
            .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "l.md");
    assertThat(parsed.metadata()).containsEntry("title", "Lettre de motivation — Camille Moreau");
  }

  @Test
  void writesTheLetterPartsAsPlainTextWithTheirLinesAndTheSubjectInBold() {
    String text = markdown(Samples.letter(DocumentLanguage.EN));

    assertThat(text)
        .contains("Jordan Ellis  \n27 Harbour Street  \nBristol BS1 4QA")
        .contains("\n\n**" + Samples.EN_SUBJECT + "**\n\n")
        .endsWith("Yours sincerely,\n\nJordan Ellis\n");
  }

  @Test
  void escapesMarkdownInTheLetterPartsSoTheyStayPlainText() {
    ExportDocument document =
        ExportDocument.builder()
            .title("Escapes")
            .language(DocumentLanguage.EN)
            .letter(
                new LetterLayout(
                    "# Not a heading\n1. Not a list\n*not emphasis*",
                    "To <b>you</b>",
                    "Today",
                    "Subject [x](y)",
                    "Me"))
            .body("Body.")
            .build();
    String text = markdown(document);

    Document parsed =
        new MarkdownParser()
            .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "e.md");
    assertThat(parsed.blocks())
        .allSatisfy(block -> assertThat(block.type()).isEqualTo(BlockType.PARAGRAPH));
    assertThat(ExportRoundTripTest.flat(parsed.text()))
        .contains("# Not a heading 1. Not a list *not emphasis*")
        .contains("To <b>you</b>")
        .contains("Subject [x](y)");
  }
}
