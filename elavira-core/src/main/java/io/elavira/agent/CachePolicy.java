package io.elavira.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether an agent's answers may be served from the response cache, and for how long. Enabled, it
 * becomes the agent's {@link io.elavira.cache.ResponseCachePolicy} with this time to live, caching
 * answers whatever the sampling settings (enabling it in a configuration is asking for that).
 *
 * @param enabled whether answers are cached
 * @param ttl how long a cached answer is served, more than zero
 */
public record CachePolicy(boolean enabled, Duration ttl) {
  /** Default time to live of a cached answer. */
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);

  /** No caching. */
  public static final CachePolicy DISABLED = new CachePolicy(false, DEFAULT_TTL);

  /**
   * Validates the time to live.
   *
   * @throws IllegalArgumentException when {@code ttl} is zero or negative
   */
  public CachePolicy {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("cache.ttlSeconds must be > 0, got " + ttl.toSeconds());
    }
  }
}
