package io.elavira.ingest.export;

import io.elavira.ElaviraException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A document could not be exported. The message names the output file and says what to do; it never
 * quotes the document. When it is thrown, the output file is as it was before the export (absent,
 * or its previous content): nothing half-written is left behind.
 */
public class ExportException extends ElaviraException {
  private static final long serialVersionUID = 1L;

  /** Why an export failed. */
  public enum Reason {
    /** The file's extension names no format ({@code .md}, {@code .docx} and {@code .pdf} do). */
    UNSUPPORTED_FORMAT,
    /** The folder to write into does not exist (or is not a folder). */
    NO_SUCH_FOLDER,
    /** The output path is a folder. */
    IS_A_FOLDER,
    /** The folder or the file cannot be written (permissions, read-only file system). */
    NOT_WRITABLE,
    /** Writing failed midway (disk full, I/O error). */
    WRITE_FAILED,
    /** The document could not be turned into the format (a library failed). */
    RENDER_FAILED
  }

  private final String file;
  private final Reason reason;

  /**
   * Creates an export failure.
   *
   * @param file the output file
   * @param reason why
   * @param message a message naming the file and what to do
   * @param cause the library exception, or null
   */
  public ExportException(String file, Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The output file that could not be written. */
  public String file() {
    return file;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
