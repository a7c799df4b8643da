package io.elavira.ingest.export;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The formats a document exports to, each with the file extension that selects it. */
public enum ExportFormat {
  /** Markdown, {@code .md}. */
  MARKDOWN("md"),
  /** Word, {@code .docx}. */
  DOCX("docx"),
  /** PDF, {@code .pdf}. */
  PDF("pdf");

  private final String extension;

  ExportFormat(String extension) {
    this.extension = extension;
  }

  /** The extension without its dot, lower case. */
  public String extension() {
    return extension;
  }

  /**
   * The format a file name asks for by its extension, in any case.
   *
   * @param file the output file
   * @return the format, empty for any other extension (or none)
   */
  public static Optional<ExportFormat> of(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return Optional.empty();
    }
    String text = name.toString();
    int dot = text.lastIndexOf('.');
    if (dot <= 0) {
      return Optional.empty();
    }
    String extension = text.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (ExportFormat format : values()) {
      if (format.extension.equals(extension)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
