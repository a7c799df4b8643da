package io.elavira.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * A cancellation signal shared between the caller of a streaming call and the code doing it.
 *
 * <p>The caller calls {@link #cancel()}; providers register what to do on cancellation (close the
 * HTTP call) with {@link #onCancel(Runnable)} and check {@link #isCancelled()} between tokens.
 * Thread-safe. A callback registered after cancellation runs at once on the registering thread.
 */
public final class Cancellation {
  private final List<Runnable> callbacks = new ArrayList<>();
  private boolean cancelled;

  /** A fresh, not yet cancelled signal. */
  public Cancellation() {}

  /** Cancels: runs every registered callback once. Further calls do nothing. */
  public void cancel() {
    List<Runnable> toRun;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      toRun = List.copyOf(callbacks);
      callbacks.clear();
    }
    for (Runnable callback : toRun) {
      callback.run();
    }
  }

  /** Whether {@link #cancel()} was called. */
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  /** Registers a callback run on cancellation (at once if already cancelled). */
  public void onCancel(Runnable callback) {
    synchronized (this) {
      if (!cancelled) {
        callbacks.add(callback);
        return;
      }
    }
    callback.run();
  }
}
