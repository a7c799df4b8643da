package io.elavira.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elavira.document.IndexResult;
import io.elavira.document.IngestException;
import io.elavira.ingest.FileOutcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress of {@code elavira ingest}: inside one big file, and on Ctrl-C. */
class IngestProgressTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final AtomicLong now = new AtomicLong();

  private IngestProgress progress(IngestProgress.Style style) {
    return new IngestProgress(
        new PrintWriter(out, true), new PrintWriter(err, true), style, now::get);
  }

  @Test
  void oneBigFileShowsTheChunksEmbeddedEveryFewSecondsInTheLineStyle() {
    IngestProgress progress = progress(IngestProgress.Style.LINES);
    progress.onStart(1);

    progress.embedded(256);
    now.addAndGet(IngestProgress.CHUNK_LINE_INTERVAL_NANOS);
    progress.embedded(256);
    progress.embedded(256);
    now.addAndGet(IngestProgress.CHUNK_LINE_INTERVAL_NANOS);
    progress.embedded(100);

    assertThat(out.toString().lines())
        .containsExactly("[0/1] 512 chunks embedded so far", "[0/1] 868 chunks embedded so far");
    assertThat(progress.embeddedChunks()).isEqualTo(868);
  }

  @Test
  void smallFilesFinishingQuicklyGetNoChunkLines() {
    IngestProgress progress = progress(IngestProgress.Style.LINES);
    now.addAndGet(3 * IngestProgress.CHUNK_LINE_INTERVAL_NANOS); // loading the model
    progress.onStart(2);

    progress.embedded(8);
    now.addAndGet(IngestProgress.CHUNK_LINE_INTERVAL_NANOS);
    progress.onFile(done("a.txt", 8), 1, 2);
    progress.embedded(16);
    progress.onFile(done("b.txt", 16), 2, 2);

    assertThat(out.toString()).doesNotContain("chunks embedded so far");
  }

  @Test
  void theBarCountsChunksAsWellAsFiles() {
    IngestProgress progress = progress(IngestProgress.Style.BAR);
    progress.onStart(1);

    progress.embedded(256);

    assertThat(err.toString()).contains("0/1 files, 256 chunks embedded");
  }

  @Test
  void ctrlCStopsBeforeTheNextBatchGoesToTheModel() {
    IngestProgress progress = progress(IngestProgress.Style.LINES);
    progress.onStart(1);
    progress.beforeBatch(256);
    progress.embedded(256);

    progress.stop();

    assertThatThrownBy(() -> progress.beforeBatch(256))
        .satisfies(e -> assertThat(IngestProgress.stoppedBy(e)).isTrue());
    assertThat(IngestProgress.stoppedBy(new IllegalStateException("wrapped", stopped(progress))))
        .isTrue();
    assertThat(IngestProgress.stoppedBy(new IllegalStateException("model down"))).isFalse();
  }

  @Test
  void aFileOverALimitNamesTheOptionThatRaisesIt() {
    IngestProgress progress = progress(IngestProgress.Style.LINES);
    progress.onStart(1);
    IngestException tooManyPages =
        new IngestException(
            "/docs/thesis.pdf",
            IngestException.Reason.TOO_LARGE,
            "'thesis.pdf' has 9000 pages, over the limit of 5000 (maxPages). Split the file, or"
                + " raise the limit with maxPages(...) on the builder.");

    progress.onFile(FileOutcome.failure(Path.of("/docs/thesis.pdf"), tooManyPages), 1, 1);

    assertThat(err.toString())
        .contains("failed: /docs/thesis.pdf: TOO_LARGE: 'thesis.pdf' has 9000 pages")
        .contains("raise it with --max-pages.");
  }

  private static Throwable stopped(IngestProgress progress) {
    try {
      progress.beforeBatch(1);
      throw new AssertionError("not stopped");
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static FileOutcome done(String name, int chunks) {
    return FileOutcome.success(
        Path.of("/docs", name),
        new IndexResult("doc-" + name, name, IndexResult.Status.ADDED, chunks));
  }
}
