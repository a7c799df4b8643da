package io.elavira.ingest.internal;

import io.elavira.document.IngestException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs the work on one file with a time limit: on a thread of its own (created for the file, not
 * from a pool, a daemon so a stuck library never keeps the JVM alive), which is interrupted when
 * the limit passes; the caller gets a TIMED_OUT failure naming the file and the setting at once.
 * Stateless.
 */
public final class FileDeadline {
  private FileDeadline() {}

  /**
   * The work's result, or its exception as thrown.
   *
   * @throws IngestException TIMED_OUT when the work takes longer than {@code limit}
   */
  public static <T> T run(Duration limit, Path file, Supplier<T> work) {
    AtomicReference<T> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                result.set(work.get());
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            "elavira-ingest " + file.getFileName());
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(Math.max(1, limit.toMillis()));
    } catch (InterruptedException e) {
      worker.interrupt();
      Thread.currentThread().interrupt();
      throw new IngestException(
          file.toString(),
          IngestException.Reason.TIMED_OUT,
          "Reading '" + file.getFileName() + "' was interrupted.",
          e);
    }
    if (worker.isAlive()) {
      worker.interrupt();
      throw new IngestException(
          file.toString(),
          IngestException.Reason.TIMED_OUT,
          "Reading '"
              + file.getFileName()
              + "' took longer than the limit of "
              + limit
              + " (maxTimePerFile). Split the file, or raise the limit with "
              + "IngestionPipeline.builder().maxTimePerFile(...).");
    }
    Throwable thrown = failure.get();
    if (thrown instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (thrown instanceof Error error) {
      throw error;
    }
    return result.get();
  }
}
