package io.elavira.ingest;

/**
 * Progress of an {@link IngestionPipeline#ingest} run, e.g. to drive a progress bar.
 *
 * <p>Called on the thread that runs {@code ingest}, in order: {@link #onStart} once, then {@link
 * #onFile} once per file. An exception thrown by a listener stops the run and propagates from
 * {@code ingest} (files already indexed stay indexed); throw one to cancel.
 */
@FunctionalInterface
public interface IngestListener {

  /**
   * Called once the files to ingest are known, before the first one is read. Does nothing by
   * default.
   */
  default void onStart(int totalFiles) {}

  /**
   * Called after each file, successful or not.
   *
   * @param outcome what happened to the file
   * @param done how many files are finished, this one included (1..total)
   * @param total how many files the run has
   */
  void onFile(FileOutcome outcome, int done, int total);
}
