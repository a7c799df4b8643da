package io.elavira.internal;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Whether an agent is open, and the lock that lets {@link #close()} wait for the calls running.
 * Calls run under the read lock (in parallel); closing takes the write lock once, so it waits for
 * them, and every later call is refused with {@link IllegalStateException}. Thread-safe.
 */
public final class OpenState {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String closedMessage;
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
    lock.readLock().lock();
    try {
      if (closed) {
        throw closedException();
      }
      return call.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** The exception refusing a call once closed. */
  public IllegalStateException closedException() {
    return new IllegalStateException(closedMessage);
  }

  /**
   * Marks the state closed after the running calls have ended.
   *
   * @return true for the call that closed it, false when it was closed already
   * @throws IllegalStateException when called from inside a call (it would wait for itself)
   */
  public boolean close() {
    if (lock.getReadHoldCount() > 0) {
      throw new IllegalStateException(
          "close() was called from inside a call of the agent it"
              + " closes (a token listener?); close it from another thread");
    }
    lock.writeLock().lock();
    try {
      boolean wasOpen = !closed;
      closed = true;
      return wasOpen;
    } finally {
      lock.writeLock().unlock();
    }
  }
}
