package io.elavira.document;

import io.elavira.ElaviraException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A file could not be ingested. The message names the file and the reason, and says what to do. */
public class IngestException extends ElaviraException {
  private static final long serialVersionUID = 1L;

  /** Why a file could not be ingested. */
  public enum Reason {
    /** No parser reads this file's extension. */
    UNSUPPORTED_FORMAT,
    /** The bytes are not a valid file of that format (or look binary). */
    CORRUPT,
    /** The file is password-protected. */
    ENCRYPTED,
    /** The file exceeds a configured limit (bytes, pages, characters). */
    TOO_LARGE,
    /** The file has no text. */
    EMPTY,
    /**
     * The file holds pages of images only, with no text layer (a scan): it needs OCR, which is not
     * done, rather than being indexed as empty.
     */
    NO_TEXT_LAYER,
    /** Reading the file took longer than the configured time limit. */
    TIMED_OUT,
    /** The file cannot be read (missing, permissions, I/O error). */
    UNREADABLE
  }

  private final String file;
  private final Reason reason;

  /**
   * Creates an ingestion failure.
   *
   * @param file the file name or path
   * @param reason why
   * @param message a message naming the file and what to do
   * @param cause the library exception, or null
   */
  public IngestException(String file, Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.file = Objects.requireNonNull(file, "file");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates an ingestion failure with no cause. */
  public IngestException(String file, Reason reason, String message) {
    this(file, reason, message, null);
  }

  /** The file name or path that failed. */
  public String file() {
    return file;
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }
}
