package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import io.elavira.generate.GeneratedDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a generated document to the file {@code --out} names, in the format of its extension.
 *
 * <p>The one place to wire the exporters of {@code elavira-ingest} ({@code
 * DocumentExporters.export(ExportDocument, Path)}) for {@code .docx} and {@code .pdf}: until they
 * are merged, Markdown is written here and the other two formats fail with a message saying so.
 */
final class GeneratedExport {
  /** The extensions {@code --out} may have. */
  static final String FORMATS = ".md, .docx or .pdf";

  private GeneratedExport() {}

  /** Whether {@code out}'s extension is one {@link #write} knows (checked before generating). */
  static boolean known(Path out) {
    String ext = extension(out);
    return ext.equals("md") || ext.equals("docx") || ext.equals("pdf");
  }

  /**
   * Writes {@code doc} to {@code out}, creating its folder.
   *
   * @throws ElaviraException when the format is not available yet or the file cannot be written
   */
  static void write(GeneratedDocument doc, Path out) {
    String ext = extension(out);
    if (!ext.equals("md")) {
      throw new ElaviraException(
          "Writing ."
              + ext
              + " is not yet available in this build (the DOCX/PDF exporters are being added);"
              + " the document is stored as "
              + doc.id()
              + ": write it as Markdown with --out FILE.md, or later with `elavira generated show "
              + doc.id()
              + "`.");
    }
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, doc.content(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ElaviraException("Cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private static String extension(Path out) {
    String name = out.getFileName() == null ? "" : out.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
