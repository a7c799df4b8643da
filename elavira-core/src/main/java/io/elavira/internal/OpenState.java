package io.elavira.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an agent is open, and the count of calls running in it, so that {@link #close} can refuse
 * new calls, cancel the running ones and wait for them for a bounded time. Thread-safe.
 */
public final class OpenState {
  private static final Logger LOG = LoggerFactory.getLogger(OpenState.class);

  private final Object monitor = new Object();
  private final String closedMessage;
  // Per-instance (not static): which threads are inside a call of THIS agent.
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
  private int running;
  private volatile boolean closed;

  /**
   * @param closedMessage the message of the exception refusing calls once closed
   */
  public OpenState(String closedMessage) {
    this.closedMessage = Objects.requireNonNull(closedMessage, "closedMessage");
  }

  /**
   * Runs {@code call} while open.
   *
   * @throws IllegalStateException when closed
   */
  public <T> T call(Supplier<T> call) {
    synchronized (monitor) {
      if (closed) {
        throw closedException();
      }
      running++;
    }
    int[] mine = depth.get();
    mine[0]++;
    try {
      return call.get();
    } finally {
      if (--mine[0] == 0) {
        depth.remove();
      }
      synchronized (monitor) {
        if (--running == 0) {
          monitor.notifyAll();
        }
      }
    }
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** The exception refusing a call once closed. */
  public IllegalStateException closedException() {
    return new IllegalStateException(closedMessage);
  }

  /**
   * Refuses new calls, runs {@code cancelRunning}, then waits up to {@code timeout} for the calls
   * still running to end.
   *
   * @return true for the call that closed it, false when it was closed already
   * @throws IllegalStateException when called from inside a call (it would wait for itself)
   */
  public boolean close(Duration timeout, Runnable cancelRunning) {
    if (depth.get()[0] > 0) {
      throw new IllegalStateException(
          "close() was called from inside a call of the agent it"
              + " closes (a token listener?); close it from another thread");
    }
    depth.remove();
    synchronized (monitor) {
      if (closed) {
        return false;
      }
      closed = true;
    }
    cancelRunning.run();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (running > 0) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          LOG.warn(
              "{} call(s) still running {} ms after close() cancelled them; closing anyway",
              running,
              timeout.toMillis());
          break;
        }
        try {
          monitor.wait(leftMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return true;
  }
}
