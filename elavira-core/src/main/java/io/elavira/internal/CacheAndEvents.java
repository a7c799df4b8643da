package io.elavira.internal;

import io.elavira.cache.ResponseCachePolicy;
import io.elavira.observe.ElaviraListener;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Not API. The response cache policy and the listeners of one agent, as its builder collected them.
 *
 * @param responseCache how answers are cached, or null for no response cache
 * @param listeners receive the events of every request, in this order; copied
 */
public record CacheAndEvents(
    @Nullable ResponseCachePolicy responseCache, List<ElaviraListener> listeners) {
  /** No cache, no listener. */
  public static final CacheAndEvents NONE = new CacheAndEvents(null, List.of());

  /**
   * Copies. (Written out: on JDK 17 the nullness of a record component does not reach an implicit
   * constructor parameter.)
   */
  public CacheAndEvents(
      @Nullable ResponseCachePolicy responseCache, List<ElaviraListener> listeners) {
    this.responseCache = responseCache;
    this.listeners = List.copyOf(listeners);
  }
}
