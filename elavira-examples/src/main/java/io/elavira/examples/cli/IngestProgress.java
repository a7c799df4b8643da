package io.elavira.examples.cli;

import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import io.elavira.ingest.FileOutcome;
import io.elavira.ingest.IngestListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows ingestion progress: a progress bar redrawn in place on a terminal, or one plain line per
 * file otherwise (logs, pipes, tests). A failed file always gets its own line naming the file and
 * the reason, on {@code err}; files of an unsupported format get no line of their own (the command
 * prints one line per extension at the end), and empty files are skipped, not failed.
 *
 * <p>Inside a big file, movement is shown in chunks: as a {@link CountingEmbeddings.Observer} it
 * counts the chunks embedded, shown on the bar after each batch, or on a line of their own at most
 * every {@link #CHUNK_LINE_INTERVAL_NANOS} when no file finished meanwhile.
 *
 * <p>Thread-safe: the pipeline may report files from several threads.
 */
final class IngestProgress implements IngestListener, CountingEmbeddings.Observer {

  /** The least time between two lines of chunk progress in the LINES style: 2 s. */
  static final long CHUNK_LINE_INTERVAL_NANOS = 2_000_000_000L;

  private static final int BAR_WIDTH = 24;
  private static final int NAME_WIDTH = 28;

  private final PrintWriter out;
  private final PrintWriter err;
  private final Style style;
  private final LongSupplier nanoTime;
  private boolean barShown;
  private int done;
  private long embedded;
  private long lastLineNanos;
  private int barLength;
  private String lastName = "";
  private int failures;
  private int saved;
  private int total = -1;
  private volatile boolean stopRequested;

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
    this(out, err, style, System::nanoTime);
  }

  /**
   * As {@link #IngestProgress(PrintWriter, PrintWriter, Style)}, reading time from {@code
   * nanoTime}.
   */
  IngestProgress(PrintWriter out, PrintWriter err, Style style, LongSupplier nanoTime) {
    this.out = out;
    this.err = err;
    this.style = style;
    this.nanoTime = nanoTime;
    this.lastLineNanos = nanoTime.getAsLong();
  }

  @Override
  public synchronized void onStart(int totalFiles) {
    total = totalFiles;
    lastLineNanos = nanoTime.getAsLong(); // the time to load the model is not the run's
    if (style == Style.BAR && totalFiles > 0) {
      drawBar(0, totalFiles, "");
    }
  }

  @Override
  public synchronized void onFile(FileOutcome outcome, int done, int total) {
    this.done = done;
    lastLineNanos = nanoTime.getAsLong();
    if (outcome.succeeded()) {
      saved++;
    }
    String status = IngestOutcomes.status(outcome);
    IngestException error = outcome.error();
    IndexResult result = outcome.result();
    if (error != null && status.equals(IngestOutcomes.FAILED)) {
      failures++;
      clearBar();
      err.println(
          "failed: "
              + outcome.path()
              + ": "
              + error.reason()
              + ": "
              + error.getMessage()
              + IngestLimitOptions.hint(error));
      err.flush();
    } else if (style == Style.LINES && !IngestOutcomes.unsupported(outcome)) {
      int chunks = result == null ? 0 : result.chunks();
      out.printf(
          Locale.ROOT,
          "[%d/%d] %s %s (%s)%n",
          done,
          total,
          status,
          outcome.path(),
          error == null
              ? chunks + " chunk" + (chunks == 1 ? "" : "s")
              : error.reason().name().toLowerCase(Locale.ROOT));
      out.flush();
    }
    if (style == Style.BAR) {
      drawBar(done, total, String.valueOf(outcome.path().getFileName()));
    }
    if (stopRequested) {
      throw new Stopped();
    }
  }

  /** Stops the run before the model embeds another batch, once {@link #stop()} was called. */
  @Override
  public void beforeBatch(int texts) {
    if (stopRequested) {
      throw new Stopped();
    }
  }

  /** Counts the chunks embedded and shows them: one big file moves too. */
  @Override
  public synchronized void embedded(int texts) {
    embedded += texts;
    if (total < 0) {
      return;
    }
    if (style == Style.BAR) {
      drawBar(done, total, "");
    } else if (style == Style.LINES) {
      long now = nanoTime.getAsLong();
      if (now - lastLineNanos >= CHUNK_LINE_INTERVAL_NANOS) {
        lastLineNanos = now;
        out.printf(Locale.ROOT, "[%d/%d] %d chunks embedded so far%n", done, total, embedded);
        out.flush();
      }
    }
  }

  /** Chunks embedded during the run (their embeddings are cached: a re-run does not redo them). */
  synchronized long embeddedChunks() {
    return embedded;
  }

  /**
   * Whether {@code e} is, or was caused by, the {@link Stopped} this progress threw (the agent
   * wraps what the model's observer throws).
   */
  static boolean stoppedBy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Stopped) {
        return true;
      }
    }
    return false;
  }

  /**
   * Asks the run to stop after the file being indexed: the next {@link #onFile} throws {@link
   * Stopped} once it has counted that file. Safe from any thread (a shutdown hook).
   */
  void stop() {
    stopRequested = true;
  }

  /** Files indexed so far (added, updated or unchanged): they stay in the agent. */
  synchronized int saved() {
    return saved;
  }

  /** Files the run found, or -1 before it started. */
  synchronized int total() {
    return total;
  }

  /** Thrown from {@link #onFile} after {@link #stop()}: ends the run, keeping what was indexed. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("ingestion stopped by Ctrl-C", null, false, false);
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

  private void drawBar(int done, int total, String name) {
    if (!name.isEmpty()) {
      lastName = name;
    }
    int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * done / total);
    int percent = total == 0 ? 100 : (int) (100L * done / total);
    String last = lastName;
    String shown =
        last.length() > NAME_WIDTH ? "…" + last.substring(last.length() - NAME_WIDTH + 1) : last;
    String bar =
        String.format(
            Locale.ROOT,
            "[%s%s] %3d%% %d/%d files, %d chunks embedded  %-" + NAME_WIDTH + "s",
            "#".repeat(filled),
            "-".repeat(BAR_WIDTH - filled),
            percent,
            done,
            total,
            embedded,
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
