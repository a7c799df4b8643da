package io.elavira.ingest.internal;

import io.elavira.document.IngestException;
import io.elavira.document.IngestException.Reason;

/**
 * The ingestion errors parsers share, worded the same way everywhere: each names the file and says
 * what to do, and never quotes the document's text.
 */
public final class ParseFailures {
  private ParseFailures() {}

  /** The file holds no text once parsed. */
  public static IngestException empty(String fileName) {
    return new IngestException(
        fileName,
        Reason.EMPTY,
        "'"
            + fileName
            + "' is empty or holds no text; there is nothing to ingest. "
            + "Add text to it or leave it out.");
  }

  /** The bytes are not a valid file of the format. */
  public static IngestException corrupt(String fileName, String format, Throwable cause) {
    return new IngestException(
        fileName,
        Reason.CORRUPT,
        "Could not read '"
            + fileName
            + "' as "
            + format
            + " ("
            + cause.getClass().getSimpleName()
            + "). Check that the file is a valid "
            + format
            + " file and not damaged.",
        cause);
  }

  /** The bytes are not a valid file of the format, for a reason found by the parser. */
  public static IngestException corrupt(String fileName, String format, String why) {
    return new IngestException(
        fileName,
        Reason.CORRUPT,
        "Could not read '"
            + fileName
            + "' as "
            + format
            + ": "
            + why
            + ". Check that the file is a valid "
            + format
            + " file and not damaged.");
  }

  /** A configured limit was exceeded while parsing. */
  public static IngestException tooLarge(String fileName, String what, long limit, String setting) {
    return new IngestException(
        fileName,
        Reason.TOO_LARGE,
        "'"
            + fileName
            + "' "
            + what
            + ", over the limit of "
            + limit
            + " ("
            + setting
            + "). Split the file, or raise the limit with "
            + setting
            + "(...) on the builder.");
  }
}
