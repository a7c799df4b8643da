package io.elavira.examples.cli;

import io.elavira.ElaviraException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The slow steps of a command's start (loading the embedding model, checking the language model,
 * opening the database), run at once on a small pool of daemon threads owned by the start: waiting
 * for a step with its failure rethrown as it was thrown, and closing what a step produced when the
 * start failed. Stateless.
 */
final class StartupSteps {

  /** Threads of the start-up pool: model, language-model check, database. */
  static final int THREADS = 3;

  /** How long a failed start waits for a step still running before leaving it to the pool. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private StartupSteps() {}

  /** A new pool for the steps of one start; its owner shuts it down. */
  static ExecutorService pool() {
    return Executors.newFixedThreadPool(THREADS, StartupSteps::daemon);
  }

  /** Waits for a start-up step and rethrows its failure as it was thrown. */
  static <T> T await(Future<T> step) {
    try {
      return step.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ElaviraException("Interrupted while starting Elavira", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new ElaviraException("Could not start Elavira: " + cause, cause);
    }
  }

  /** Closes what a step produced once it is done, when the start failed. */
  static void closeQuietly(@Nullable Future<?> step) {
    if (step == null) {
      return;
    }
    try {
      Object value = step.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (value instanceof LlmOptions.Check c) {
        closeQuietly(c.provider());
      } else if (value instanceof AutoCloseable closeable) {
        closeQuietly(closeable);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | CancellationException e) {
      // Nothing to close.
    }
  }

  static void closeQuietly(@Nullable AutoCloseable resource) {
    if (resource == null) {
      return;
    }
    try {
      resource.close();
    } catch (Exception e) {
      // Already failing: the first error is the one reported.
    }
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "elavira-start");
    thread.setDaemon(true);
    return thread;
  }
}
