package io.elavira.examples.cli;

import io.elavira.generate.GeneratedDocument;
import io.elavira.generate.Letter;
import io.elavira.ingest.export.DocumentExporters;
import io.elavira.ingest.export.ExportDocument;
import io.elavira.ingest.export.ExportFormat;
import io.elavira.ingest.export.LetterLayout;
import java.nio.file.Path;

/**
 * Writes a generated document to the file {@code --out} names, in the format of its extension
 * (Markdown, Word or PDF), through the exporters of {@code elavira-ingest}: a cover letter is laid
 * out as a letter (sender, recipient, place and date, subject, body, signature).
 */
final class GeneratedExport {
  /** The extensions {@code --out} may have. */
  static final String FORMATS = ".md, .docx or .pdf";

  private GeneratedExport() {}

  /** Whether {@code out}'s extension names a format (checked before generating). */
  static boolean known(Path out) {
    return ExportFormat.of(out).isPresent();
  }

  /**
   * Writes {@code doc} to {@code out} (atomically: a failure leaves no half-written file).
   *
   * @throws io.elavira.ingest.export.ExportException naming the file and what to do when it cannot
   *     be written
   */
  static Path write(GeneratedDocument doc, Path out) {
    String language = doc.request().language();
    ExportDocument.Builder b = ExportDocument.builder().title(doc.title()).language(language);
    Letter letter = doc.letter();
    if (letter == null) {
      b.body(doc.content());
    } else {
      boolean fr = language.equals("fr");
      String recipient = letter.recipient();
      b.letter(
              new LetterLayout(
                  String.join("\n", letter.sender()),
                  // The layout needs a recipient block; without --to, the usual addressee.
                  recipient != null ? recipient : fr ? "Service recrutement" : "Hiring team",
                  letter.date(),
                  (fr ? "Objet : " : "Subject: ") + letter.subject(),
                  letter.signature()))
          .body(letter.body());
    }
    return DocumentExporters.export(b.build(), out);
  }
}
