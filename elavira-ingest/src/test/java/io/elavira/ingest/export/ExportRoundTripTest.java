package io.elavira.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.Block;
import io.elavira.document.BlockType;
import io.elavira.document.Document;
import io.elavira.document.DocumentParser;
import io.elavira.ingest.docx.DocxParser;
import io.elavira.ingest.markdown.MarkdownParser;
import io.elavira.ingest.pdf.PdfParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format, in French and English: the exported file re-opens with Elavira's own parser and
 * gives back the text, in order, accents and typographic punctuation included.
 */
class ExportRoundTripTest {
  @TempDir Path dir;

  static Stream<Arguments> formatsAndLanguages() {
    List<Arguments> all = new ArrayList<>();
    for (ExportFormat format : ExportFormat.values()) {
      for (DocumentLanguage language : DocumentLanguage.values()) {
        all.add(Arguments.of(format, language));
      }
    }
    return all.stream();
  }

  static Document reopen(Path file) {
    String name = file.getFileName().toString();
    DocumentParser parser =
        name.endsWith(".pdf")
            ? new PdfParser()
            : name.endsWith(".docx") ? new DocxParser() : new MarkdownParser();
    try (InputStream in = Files.newInputStream(file)) {
      return parser.parse(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** NFC, whitespace runs collapsed: a PDF wraps lines where the source did not. */
  static String flat(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ").strip();
  }

  private static List<String> lines(String block) {
    return block.lines().map(String::strip).toList();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formatsAndLanguages")
  void aLetterComesBackWithEveryPartInReadingOrder(ExportFormat format, DocumentLanguage language) {
    ExportDocument letter = Samples.letter(language);
    LetterLayout parts = letter.letter().orElseThrow();

    Path file =
        DocumentExporters.export(
            letter, dir.resolve("letter-" + language.code() + "." + format.extension()));
    String text = flat(reopen(file).text());
    if (format == ExportFormat.MARKDOWN) {
      // The Markdown parser gives lists back as written, emphasis markers included.
      text = text.replace("*", "");
    }

    List<String> expected = new ArrayList<>();
    expected.addAll(lines(parts.sender()));
    expected.addAll(lines(parts.recipient()));
    expected.add(parts.placeAndDate());
    expected.add(parts.subject());
    if (language == DocumentLanguage.FR) {
      expected.add("Votre annonce « Ingénieure données » a retenu toute mon attention");
      expected.add("l’idée de mettre les données au cœur des décisions de la coopérative");
      expected.add("Chez Transports Perrin, j’ai notamment :");
      expected.add("conçu la chaîne d’ingestion des relevés de plus de 300 camions ;");
      expected.add("réduit de 40 % le délai de production des tableaux de bord");
      expected.add("formé l’équipe à la qualité des données");
      expected.add("l’expression de mes salutations distinguées.");
    } else {
      expected.add("your advert for a “Senior Data Engineer”: it’s the role I’ve been working");
      // The Liberation fonts have no non-breaking hyphen: the PDF prints a hyphen (U+2010).
      expected.add(
          format == ExportFormat.PDF
              ? "Northwind’s café\u2010chain clients"
              : "Northwind’s café\u2011chain clients");
      expected.add("At Fenwick Logistics I:");
      expected.add("built the ingestion pipeline for over 300 lorries;");
      expected.add("cut dashboard latency by 40%");
      expected.add("Yours sincerely,");
    }
    expected.add(parts.signature());
    assertThat(text).containsSubsequence(expected);
    assertThat(text).doesNotContain("#");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("formatsAndLanguages")
  void headingsListsAndTablesComeBackInOrder(ExportFormat format, DocumentLanguage language) {
    boolean fr = language == DocumentLanguage.FR;
    Path file =
        DocumentExporters.export(
            Samples.cv(language), dir.resolve("cv-" + language.code() + "." + format.extension()));
    Document document = reopen(file);

    assertThat(flat(document.text()))
        .containsSubsequence(
            fr ? "Camille Moreau" : "Jordan Ellis",
            fr ? "« rigoureuse et curieuse »" : "“thorough and curious”",
            fr ? "Expérience" : "Experience",
            fr ? "Transports Perrin (2021–2026)" : "Fenwick Logistics (2020–2026)",
            fr ? "Chaîne d’ingestion en" : "Ingestion pipeline in",
            fr ? "Tableaux de bord pour l’équipe d’exploitation" : "Dashboards for the operations",
            fr ? "Compétences" : "Skills",
            "Python",
            fr ? "Qualité des données, œuvre collective" : "Data quality, team’s coaching",
            fr ? "modélisation" : "modelling",
            fr ? "Référence disponible sur demande." : "References available on request.",
            fr ? "Langue" : "Language",
            fr ? "Anglais" : "French");
    if (format != ExportFormat.PDF) {
      // Word and Markdown keep the structure itself: headings open sections, lists stay lists.
      assertThat(document.blocks())
          .filteredOn(b -> b.type() == BlockType.HEADING)
          .extracting(Block::section)
          .contains(
              fr
                  ? "Camille Moreau > Expérience > Transports Perrin (2021–2026)"
                  : "Jordan Ellis > Experience > Fenwick Logistics (2020–2026)");
      List<String> lists =
          document.blocks().stream()
              .filter(b -> b.type() == BlockType.LIST)
              .map(Block::text)
              .toList();
      assertThat(lists).hasSize(2);
      assertThat(lists.get(0)).startsWith("1. ").contains("\n2. ");
      assertThat(lists.get(1)).startsWith("- ").containsPattern("\n  - nested: ");
      assertThat(document.blocks()).anyMatch(b -> b.type() == BlockType.TABLE);
    }
  }
}
