package io.elavira.examples.cli;

import io.elavira.document.IndexResult;
import io.elavira.ingest.FileOutcome;
import io.elavira.ingest.IngestListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows ingestion progress: a progress bar redrawn in place on a terminal, or one plain line per
 * file otherwise (logs, pipes, tests). A failed file always gets its own line naming the file and
 * the reason, on {@code err}.
 *
 * <p>Thread-safe: the pipeline may report files from several threads.
 */
final class IngestProgress implements IngestListener {

  private static final int BAR_WIDTH = 24;
  private static final int NAME_WIDTH = 28;

  private final PrintWriter out;
  private final PrintWriter err;
  private final Style style;
  private boolean barShown;
  private int barLength;
  private int failures;

  /** How progress is shown; failures are always printed. */
  enum Style {
    /** A bar redrawn in place on stderr: for terminals. */
    BAR,
    /** One line per file on stdout: for logs and pipes. */
    LINES,
    /** Failures only: when stdout carries JSON or the caller prints its own report. */
    FAILURES_ONLY;

    /** BAR on an interactive terminal, LINES otherwise. */
    static Style forConsole() {
      return CliEnvironment.isTerminal() ? BAR : LINES;
    }
  }

  /**
   * @param out where plain per-file lines go
   * @param err where the progress bar and failure lines go
   * @param style how to show progress
   */
  IngestProgress(PrintWriter out, PrintWriter err, Style style) {
    this.out = out;
    this.err = err;
    this.style = style;
  }

  @Override
  public synchronized void onStart(int totalFiles) {
    if (style == Style.BAR && totalFiles > 0) {
      drawBar(0, totalFiles, "");
    }
  }

  @Override
  public synchronized void onFile(FileOutcome outcome, int done, int total) {
    if (outcome.error() != null) {
      failures++;
      clearBar();
      err.println(
          "failed: "
              + outcome.path()
              + ": "
              + outcome.error().reason()
              + ": "
              + outcome.error().getMessage());
      err.flush();
    } else if (style == Style.LINES) {
      IndexResult result =
          java.util.Objects.requireNonNull(outcome.result(), "a success has a result");
      out.printf(
          Locale.ROOT,
          "[%d/%d] %s %s (%d chunk%s)%n",
          done,
          total,
          status(result.status()),
          outcome.path(),
          result.chunks(),
          result.chunks() == 1 ? "" : "s");
      out.flush();
    }
    if (style == Style.BAR) {
      drawBar(done, total, String.valueOf(outcome.path().getFileName()));
    }
  }

  /** Ends the bar line, if one was drawn. Call once the pipeline returned. */
  synchronized void finish() {
    if (barShown) {
      err.println();
      err.flush();
      barShown = false;
    }
  }

  /** How many failures were reported. */
  synchronized int failures() {
    return failures;
  }

  private static String status(IndexResult.Status status) {
    return status.name().toLowerCase(Locale.ROOT);
  }

  private void drawBar(int done, int total, String name) {
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
    int percent = total == 0 ? 100 : (int) (100L * done / total);
    String shown =
        name.length() > NAME_WIDTH ? "…" + name.substring(name.length() - NAME_WIDTH + 1) : name;
    String bar =
        String.format(
            Locale.ROOT,
            "[%s%s] %3d%% %d/%d files  %-" + NAME_WIDTH + "s",
            "#".repeat(filled),
            "-".repeat(BAR_WIDTH - filled),
            percent,
            done,
            total,
            shown);
    err.print("\r" + bar);
    barLength = bar.length();
    err.flush();
    barShown = true;
  }

  private void clearBar() {
    if (barShown) {
      err.print("\r" + " ".repeat(barLength) + "\r");
      barShown = false;
    }
  }
}
