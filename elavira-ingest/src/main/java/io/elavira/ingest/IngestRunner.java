package io.elavira.ingest;

import io.elavira.document.DocumentIndexer;
import io.elavira.document.IndexRequest;
import io.elavira.ingest.internal.FileCollector;
import io.elavira.ingest.internal.IndexBatch;
import io.elavira.ingest.internal.PrepareAhead;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run of one {@link IngestionPipeline#ingest} call once its files are found: prepares them
 * ahead on their own threads ({@link PrepareAhead}), hands the prepared ones to the indexer in file
 * order and in groups ({@link IndexBatch}), tells the listener of each outcome, and reports.
 *
 * <p>Immutable and thread-safe: the state of a run lives in {@link #run}, on the caller's thread.
 */
final class IngestRunner {
  /** The fewest chunks of prepared files allowed to wait for the indexer. */
  static final int MIN_AHEAD_CHUNKS = 256;

  // Logged under the pipeline's name, which is the one users configure.
  private static final Logger LOG = LoggerFactory.getLogger(IngestionPipeline.class);

  private final DocumentIndexer indexer;
  private final Function<Path, IndexRequest> preparer;
  private final IngestListener listener;
  private final int parallelism;
  private final int batchChunks;
  private final Duration maxTimePerFile;

  IngestRunner(
      DocumentIndexer indexer,
      Function<Path, IndexRequest> preparer,
      IngestListener listener,
      int parallelism,
      int batchChunks,
      Duration maxTimePerFile) {
    this.indexer = indexer;
    this.preparer = preparer;
    this.listener = listener;
    this.parallelism = parallelism;
    this.batchChunks = batchChunks;
    this.maxTimePerFile = maxTimePerFile;
  }

  /**
   * Ingests the files found, in their order.
   *
   * @param candidates the files, and those that failed already when found
   * @param startNanos when the call began ({@link System#nanoTime()}), for the report's time
   */
  IngestReport run(List<FileCollector.Candidate> candidates, long startNanos) {
    int total = candidates.size();
    listener.onStart(total);
    List<FileOutcome> outcomes = new ArrayList<>(total);
    // Files are read, cleaned and chunked ahead, up to `parallelism` at once and up to
    // `aheadChunks` chunks ahead, while the indexer embeds the ones before (and embeds the next
    // group while it stores the one before): outcomes still come in file order.
    try (IndexBatch batch = new IndexBatch(indexer, batchChunks, sink(outcomes, total))) {
      try (PrepareAhead ahead =
          new PrepareAhead(candidates, preparer, parallelism, aheadChunks(), maxTimePerFile)) {
        while (ahead.hasNext()) {
          PrepareAhead.Prepared prepared = ahead.next();
          IndexRequest request = prepared.request();
          if (request == null) {
            batch.addFailure(
                FileOutcome.failure(prepared.path(), Objects.requireNonNull(prepared.error())));
          } else {
            batch.add(prepared.path(), request);
          }
        }
      }
      batch.flush();
    }
    IngestReport report =
        new IngestReport(outcomes, Duration.ofNanos(System.nanoTime() - startNanos));
    LOG.info(
        "Ingestion of {} files done: {} added, {} updated, {} unchanged, {} failed, "
            + "{} chunks, in {} ms",
        total,
        report.added(),
        report.updated(),
        report.unchanged(),
        report.failed(),
        report.chunks(),
        report.elapsed().toMillis());
    return report;
  }

  /** Logs a failed file, records its outcome and tells the listener. */
  private Consumer<FileOutcome> sink(List<FileOutcome> outcomes, int total) {
    return outcome -> {
      if (!outcome.succeeded()) {
        LOG.warn(
            "Skipped {}: {} ({})",
            outcome.path(),
            Objects.requireNonNull(outcome.error()).reason(),
            Objects.requireNonNull(outcome.error()).getMessage());
      }
      outcomes.add(outcome);
      listener.onFile(outcome, outcomes.size(), total);
    };
  }

  /** How many chunks of prepared files may wait for the indexer: two full groups, at least. */
  private int aheadChunks() {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_AHEAD_CHUNKS, 2L * batchChunks));
  }
}
