package io.elavira.ingest.export;

import io.elavira.ingest.export.ExportException.Reason;
import java.io.IOException;

/** The export failures shared by the exporters, with their messages in one place. */
final class Failures {
  private Failures() {}

  static ExportException write(String fileName, IOException cause) {
    return new ExportException(
        fileName,
        Reason.WRITE_FAILED,
        "Could not write '"
            + fileName
            + "' ("
            + cause.getClass().getSimpleName()
            + "). Check that the disk has room and the folder is still there, then export again.",
        cause);
  }

  static ExportException render(String fileName, String format, Exception cause) {
    return new ExportException(
        fileName,
        Reason.RENDER_FAILED,
        "Could not turn the document into "
            + format
            + " for '"
            + fileName
            + "' ("
            + cause.getClass().getSimpleName()
            + "). Export it as .md instead, and report the problem with that file.",
        cause);
  }
}
