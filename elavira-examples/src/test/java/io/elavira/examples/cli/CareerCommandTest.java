package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.elavira.document.DocumentParser;
import io.elavira.ingest.docx.DocxParser;
import io.elavira.ingest.pdf.PdfParser;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elavira app career} offline on a fresh home: the sample CV and the English job offer the
 * generation tests use, turned into Word and PDF documents that the project's own parsers read
 * back.
 */
class CareerCommandTest {
  private static final Path EXAMPLES = Path.of("..", "docs", "examples");

  @TempDir Path dir;

  @Test
  void writesTheLetterCvAndEmailAsWordAndPdfFromTheCvOffline() throws Exception {
    Path cv = Files.copy(EXAMPLES.resolve("cv-camille-martin.md"), dir.resolve("cv.md"));
    Path out = dir.resolve("application");

    CliRun run =
        CliRun.run(
            "app",
            "career",
            "--home",
            dir.resolve("home").toString(),
            "--cv",
            cv.toString(),
            "--job",
            EXAMPLES.resolve("job-offer-backend-engineer.md").toString(),
            "--lang",
            "en",
            "--to",
            "Claire Dubois",
            "--email",
            "--out",
            out.toString(),
            "--offline");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("[1/1] added")
        .contains("EXPERIENCE:")
        .contains("Développeuse Java — Banque Rhodanienne (2018 – 2020)  (cv.md #")
        .contains("DRAFT: no language model is configured")
        .contains("Claim check:");
    for (String kind : new String[] {"cover-letter", "cv", "email"}) {
      for (String ext : new String[] {"docx", "pdf"}) {
        Path file = out.resolve(kind + "-en." + ext);
        assertThat(run.out()).contains("Wrote " + file);
        String text = reopen(file, ext.equals("pdf") ? new PdfParser() : new DocxParser());
        assertThat(text).as(file.toString()).contains("Camille Martin");
        if (!kind.equals("email")) {
          assertThat(text).as(file.toString()).contains("Veloria Santé");
        }
      }
    }
  }

  @Test
  void withoutEmailWritesOnlyTheLetterAndTheCvAndPassesTheModelOptionsToGenerate()
      throws Exception {
    Path cv = Files.copy(EXAMPLES.resolve("cv-camille-martin.md"), dir.resolve("cv.md"));
    Path out = dir.resolve("candidature");

    CliRun run =
        CliRun.run(
            "app",
            "career",
            "-H",
            dir.resolve("home").toString(),
            "--cv",
            cv.toString(),
            "--job",
            EXAMPLES.resolve("offre-ingenieur-backend.md").toString(),
            "--lang",
            "fr",
            "--out",
            out.toString(),
            "--llm",
            "ollama",
            "--llm-url",
            "http://127.0.0.1:9");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    // Nothing listens on the discard port: generate tried that Ollama, then wrote drafts.
    assertThat(run.out() + run.err())
        .contains("Ollama is not available at http://127.0.0.1:9")
        .contains("DRAFT:");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "cover-letter-fr.docx", "cover-letter-fr.pdf", "cv-fr.docx", "cv-fr.pdf");
    }
    assertThat(reopen(out.resolve("cv-fr.pdf"), new PdfParser()))
        .contains("Expérience professionnelle")
        .contains("Banque Rhodanienne");
  }

  @Test
  void aMissingJobOfferIsAUsageErrorBeforeAnythingIsIngested() {
    CliRun run =
        CliRun.run(
            "app",
            "career",
            "--home",
            dir.resolve("home").toString(),
            "--lang",
            "en",
            "--out",
            dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--job");
    assertThat(dir.resolve("home")).doesNotExist();
  }

  private static String reopen(Path file, DocumentParser parser) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return parser.parse(in, file.getFileName().toString()).text().replaceAll("\\s+", " ");
    }
  }
}
