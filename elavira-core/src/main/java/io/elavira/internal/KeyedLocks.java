package io.elavira.internal;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One fair lock per key (a conversation id, a document location), held weakly: a lock no thread
 * holds or waits for is collected, so the map does not grow with every key ever seen.
 */
public final class KeyedLocks {
  private final LoadingCache<String, ReentrantLock> locks =
      Caffeine.newBuilder().weakValues().build(key -> new ReentrantLock(true));

  /** Creates an empty set of locks. */
  public KeyedLocks() {}

  /**
   * The lock of {@code key}. Keep the returned reference while using it: the same lock is returned
   * to every caller for as long as one of them holds a reference.
   */
  public ReentrantLock lockFor(String key) {
    return locks.get(key);
  }
}
