package io.elavira.ingest.internal;

import io.elavira.document.IngestException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The work on one file, started at once on a thread of its own and awaited with a time limit: so
 * that the pipeline reads the next files while the indexer embeds the previous ones, and gives up
 * on a file that takes too long. The thread is created for the file, not taken from a pool, and is
 * a daemon so a stuck library never keeps the JVM alive; it is interrupted when the limit passes,
 * and the caller gets a TIMED_OUT failure naming the file and the setting at once.
 *
 * <p>Not thread-safe: started and awaited by the pipeline's thread.
 *
 * @param <T> what the work gives
 */
public final class FileDeadline<T> {
  private final Path file;
  private final Duration limit;
  private final long startNanos;
  private final Thread worker;
  private final AtomicReference<T> result = new AtomicReference<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private FileDeadline(Path file, Duration limit, Supplier<T> work) {
    this.file = file;
    this.limit = limit;
    this.worker =
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
    this.startNanos = System.nanoTime();
    worker.start();
  }

  /** Starts the work on {@code file} now; {@link #await()} gives its result. */
  public static <T> FileDeadline<T> start(Path file, Duration limit, Supplier<T> work) {
    return new FileDeadline<>(file, limit, work);
  }

  /** Runs the work and waits for it: {@code start(file, limit, work).await()}. */
  public static <T> T run(Duration limit, Path file, Supplier<T> work) {
    return start(file, limit, work).await();
  }

  /** Interrupts the work (the run it belongs to stopped); {@link #await()} still ends. */
  public void interrupt() {
    worker.interrupt();
  }

  /**
   * The work's result, or its exception as thrown, waiting at most until the limit counted from the
   * start.
   *
   * @throws IngestException TIMED_OUT when the work takes longer than the limit
   */
  public T await() {
    long leftMillis = limit.toMillis() - (System.nanoTime() - startNanos) / 1_000_000;
    try {
      worker.join(Math.max(1, leftMillis));
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
    return Objects.requireNonNull(result.get(), "the work on a file gave no result");
  }
}
